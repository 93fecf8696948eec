using System.Text.Json.Nodes;

namespace CommunitySuccess.Core.Slack;

/// <summary>Who our token is (<c>auth.test</c>): the bot's user id and bot id recognise our own messages.</summary>
public sealed record SlackAuthInfo(string? Url, string? Team, string? TeamId, string? UserId, string? BotId, string? User)
{
    /// <summary>The bot token's scopes (Slack's <c>x-oauth-scopes</c> header); null when the answer did not say.</summary>
    public IReadOnlyList<string>? Scopes { get; init; }
}

/// <summary>One page of <c>conversations.history</c>; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record SlackHistoryPage(IReadOnlyList<SlackMessage> Messages, bool HasMore, string? NextCursor);

/// <summary>A channel, private channel, DM or group DM (<c>conversations.info</c>, <c>conversations.list</c>).</summary>
public sealed record SlackConversationInfo(
    string Id,
    string? Name,
    bool IsChannel,
    bool IsGroup,
    bool IsIm,
    bool IsMpim,
    bool IsPrivate,
    bool IsArchived,
    bool IsMember,
    string? Topic,
    string? Purpose);

/// <summary>
/// A Slack user (<c>users.info</c>, <c>users.list</c>). <see cref="TimeZone"/> is an IANA id and is null for
/// deleted users and most bots; <see cref="TimeZoneOffsetSeconds"/> is seconds east of UTC.
/// </summary>
public sealed record SlackUserInfo(
    string Id,
    string? Name,
    string? RealName,
    string? DisplayName,
    string? TimeZone,
    int? TimeZoneOffsetSeconds,
    bool IsBot,
    bool Deleted,
    string? Image72,
    string? Image48,
    string? Email)
{
    /// <summary>The workspace the user belongs to.</summary>
    public string? TeamId { get; init; }

    /// <summary>For bot users: the bot id their messages carry.</summary>
    public string? BotId { get; init; }
}

/// <summary>A workspace (<c>team.info</c>).</summary>
public sealed record SlackTeamInfo(string Id, string? Name, string? Domain);

/// <summary>A bot (<c>bots.info</c>): links a message's <c>bot_id</c> to an app and a bot user.</summary>
public sealed record SlackBotInfo(string Id, string? Name, string? AppId, string? UserId, bool Deleted);

/// <summary>
/// A message to post with <c>chat.postMessage</c>. <see cref="Username"/> and <see cref="IconUrl"/> need the
/// <c>chat:write.customize</c> scope; <see cref="Metadata"/> is how the outbox tags what it sends.
/// </summary>
public sealed record SlackPostMessage(
    string Channel,
    string Text,
    string? ThreadTs = null,
    string? Username = null,
    string? IconUrl = null,
    SlackMessageMetadata? Metadata = null)
{
    /// <summary>Also show a thread reply in the channel.</summary>
    public bool ReplyBroadcast { get; init; }

    /// <summary>Metadata from an event type and a flat set of values, for callers that have no JSON at hand.</summary>
    public static SlackMessageMetadata CreateMetadata(string eventType, IReadOnlyDictionary<string, string> payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var node = new JsonObject();
        foreach (var (key, value) in payload)
        {
            node[key] = value;
        }

        return new SlackMessageMetadata(eventType, node);
    }
}
