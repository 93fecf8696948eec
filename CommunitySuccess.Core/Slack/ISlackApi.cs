namespace CommunitySuccess.Core.Slack;

/// <summary>
/// The Slack Web API methods CommunitySuccess uses: the seam between our code and Slack, kept narrow so that
/// a library could replace <see cref="SlackApiClient"/>.
/// </summary>
/// <remarks>
/// Every method throws <see cref="SlackApiException"/> when Slack answers <c>ok: false</c> (its code in
/// <see cref="SlackApiException.Error"/>) or the answer is not a Slack answer. Reads wait out a 429 a bounded
/// number of times; writes never re-send by themselves and throw <see cref="SlackRateLimitedException"/>.
/// </remarks>
public interface ISlackApi
{
    /// <summary>Page size for history, replies and lists (Slack recommends no more than 200).</summary>
    const int DefaultPageSize = 200;

    /// <summary><c>auth.test</c>: checks the token and says which bot user and bot id it belongs to.</summary>
    Task<SlackAuthInfo> AuthTestAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>conversations.history</c>, one page, newest first. <paramref name="oldest"/> and <paramref name="latest"/>
    /// are Slack ts bounds (exclusive); message metadata is always included.
    /// </summary>
    Task<SlackHistoryPage> GetHistoryPageAsync(
        string channel,
        string? oldest = null,
        string? latest = null,
        string? cursor = null,
        int limit = DefaultPageSize,
        CancellationToken cancellationToken = default);

    /// <summary>Every message of <c>conversations.history</c> between the bounds, following cursors, newest first.</summary>
    IAsyncEnumerable<SlackMessage> GetHistoryAsync(
        string channel,
        string? oldest = null,
        string? latest = null,
        CancellationToken cancellationToken = default);

    /// <summary><c>conversations.replies</c>, all pages: the parent first, then the replies oldest first.</summary>
    Task<IReadOnlyList<SlackMessage>> GetRepliesAsync(
        string channel,
        string threadTs,
        bool includeAllMetadata = false,
        CancellationToken cancellationToken = default);

    /// <summary><c>conversations.info</c>.</summary>
    Task<SlackConversationInfo> GetConversationInfoAsync(string channel, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>conversations.join</c>: the bot joins a public channel (scope <c>channels:join</c>). Slack refuses private
    /// channels (<c>method_not_supported_for_channel_type</c>, or <c>channel_not_found</c> when the bot cannot see them).
    /// </summary>
    Task<SlackConversationInfo> JoinConversationAsync(string channel, CancellationToken cancellationToken = default);

    /// <summary><c>conversations.open</c>: the id (<c>D…</c>) of the app's direct message with one person, opened if needed.</summary>
    Task<string> OpenDirectMessageAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary><c>conversations.list</c>, all pages; <paramref name="types"/> as Slack takes it, e.g. <c>public_channel,private_channel</c>.</summary>
    IAsyncEnumerable<SlackConversationInfo> ListConversationsAsync(
        string types = "public_channel",
        bool excludeArchived = true,
        CancellationToken cancellationToken = default);

    /// <summary><c>users.info</c>.</summary>
    Task<SlackUserInfo> GetUserInfoAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary><c>users.list</c>, all pages.</summary>
    IAsyncEnumerable<SlackUserInfo> ListUsersAsync(CancellationToken cancellationToken = default);

    /// <summary><c>team.info</c>: the workspace the token belongs to.</summary>
    Task<SlackTeamInfo> GetTeamInfoAsync(CancellationToken cancellationToken = default);

    /// <summary><c>bots.info</c>.</summary>
    Task<SlackBotInfo> GetBotInfoAsync(string botId, CancellationToken cancellationToken = default);

    /// <summary><c>chat.postMessage</c>; returns the posted message's ts. Never retried here.</summary>
    Task<string> PostMessageAsync(SlackPostMessage message, CancellationToken cancellationToken = default);

    /// <summary><c>chat.update</c>: replaces the text of a message we posted.</summary>
    Task UpdateMessageAsync(string channel, string ts, string text, CancellationToken cancellationToken = default);

    /// <summary><c>chat.delete</c>.</summary>
    Task DeleteMessageAsync(string channel, string ts, CancellationToken cancellationToken = default);

    /// <summary><c>chat.getPermalink</c>.</summary>
    Task<string> GetPermalinkAsync(string channel, string messageTs, CancellationToken cancellationToken = default);

    /// <summary><c>reactions.get</c>: the reactions on one message (full user lists).</summary>
    Task<IReadOnlyList<SlackReaction>> GetReactionsAsync(string channel, string ts, CancellationToken cancellationToken = default);

    /// <summary><c>reactions.add</c>; <paramref name="name"/> without colons. Slack answers <c>already_reacted</c> when it is there.</summary>
    Task AddReactionAsync(string channel, string ts, string name, CancellationToken cancellationToken = default);

    /// <summary><c>reactions.remove</c>; Slack answers <c>no_reaction</c> when it is not there.</summary>
    Task RemoveReactionAsync(string channel, string ts, string name, CancellationToken cancellationToken = default);

    /// <summary><c>usergroups.users.update</c>: makes the group exactly these users (Slack refuses an empty list).</summary>
    Task UpdateUserGroupUsersAsync(string userGroupId, IEnumerable<string> userIds, CancellationToken cancellationToken = default);
}
