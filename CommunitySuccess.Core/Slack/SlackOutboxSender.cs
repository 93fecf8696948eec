using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Core.SlackMarkup;
using Microsoft.Extensions.Logging;

namespace CommunitySuccess.Core.Slack;

/// <summary>
/// Sends the outbox's Slack writes. Posts carry the outbox id in message <c>metadata</c>, so a repeated attempt
/// first looks for an earlier post that went through (a time-out after Slack accepted it). Reactions, edits,
/// deletions and user-group updates are idempotent by nature ("already_reacted" is a success).
/// A direct message (a user id as the channel) goes through <c>conversations.open</c>: its <c>D…</c> channel is where
/// the post lands and where a retry finds it (Slack refuses history of a user id).
/// </summary>
public sealed class SlackOutboxSender(ISlackApi slack, SlackSyncService sync, ILogger<SlackOutboxSender> logger) : IOutboxSender
{
    private static readonly HashSet<string> TransientErrors = new(StringComparer.Ordinal)
    {
        "ratelimited", "timeout", "request_failed", "invalid_response", "internal_error", "fatal_error",
        "service_unavailable", "request_timeout",
    };

    public bool Handles(string kind) => kind.StartsWith("slack.", StringComparison.Ordinal);

    public async Task<string?> FindEarlierSendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Kind != OutboxKinds.SlackPostMessage)
        {
            return null;
        }

        var post = OutboxService.Payload<SlackPostPayload>(message);
        try
        {
            var channel = await ConversationOfAsync(post.Channel, cancellationToken);
            IEnumerable<SlackMessage> candidates = post.ThreadTs is { } threadTs
                ? await slack.GetRepliesAsync(channel, threadTs, includeAllMetadata: true, cancellationToken)
                : (await slack.GetHistoryPageAsync(channel, oldest: SlackTs.FromUtcDateTime(message.CreatedAt.AddMinutes(-5)),
                    cancellationToken: cancellationToken)).Messages;
            var earlier = candidates.FirstOrDefault(m => SlackMessageKinds.OutboxIdOf(m) == message.Id)?.Ts;
            if (earlier is not null && post.ThreadTs is { } repliedTo)
            {
                // Found instead of sent: the reply still has to move the thread, as after a post that answered in time.
                await RefreshThreadAsync(post.Channel, repliedTo, cancellationToken);
            }

            return earlier;
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException)
        {
            // Without the look we must not post again: try later.
            throw Translate(ex);
        }
    }

    public async Task<string?> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            switch (message.Kind)
            {
                case OutboxKinds.SlackPostMessage:
                    return await PostAsync(message, cancellationToken);
                case OutboxKinds.SlackUpdateMessage:
                    var edit = OutboxService.Payload<SlackMessageEditPayload>(message);
                    await slack.UpdateMessageAsync(edit.Channel, edit.Ts, edit.Text ?? "", cancellationToken);
                    await RefreshThreadOfAsync(edit, cancellationToken);
                    return edit.Ts;
                case OutboxKinds.SlackDeleteMessage:
                    var delete = OutboxService.Payload<SlackMessageEditPayload>(message);
                    await IgnoringAsync(() => slack.DeleteMessageAsync(delete.Channel, delete.Ts, cancellationToken), "message_not_found");
                    await RefreshThreadOfAsync(delete, cancellationToken);
                    return delete.Ts;
                case OutboxKinds.SlackAddReaction:
                    var add = OutboxService.Payload<SlackReactionPayload>(message);
                    await IgnoringAsync(() => slack.AddReactionAsync(add.Channel, add.Ts, add.Name, cancellationToken), "already_reacted");
                    return add.Ts;
                case OutboxKinds.SlackRemoveReaction:
                    var remove = OutboxService.Payload<SlackReactionPayload>(message);
                    await IgnoringAsync(() => slack.RemoveReactionAsync(remove.Channel, remove.Ts, remove.Name, cancellationToken), "no_reaction");
                    return remove.Ts;
                case OutboxKinds.SlackUpdateUserGroup:
                    var group = OutboxService.Payload<SlackUserGroupPayload>(message);
                    await slack.UpdateUserGroupUsersAsync(group.UserGroupId, group.UserIds, cancellationToken);
                    return group.UserGroupId;
                default:
                    throw new OutboxSendException($"Unknown Slack write '{message.Kind}'.", retryable: false);
            }
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException)
        {
            throw Translate(ex);
        }
    }

    private async Task<string?> PostAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var post = OutboxService.Payload<SlackPostPayload>(message);
        var metadata = SlackPostMessage.CreateMetadata(SlackMessageKinds.OutboxEventType,
            new Dictionary<string, string> { ["outbox_id"] = message.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var channel = await ConversationOfAsync(post.Channel, cancellationToken);
        var ts = await slack.PostMessageAsync(new SlackPostMessage(channel, post.Text, post.ThreadTs, post.Username, post.IconUrl, metadata), cancellationToken);
        if (post.ThreadTs is { } threadTs)
        {
            await RefreshThreadAsync(post.Channel, threadTs, cancellationToken);
        }

        return ts;
    }

    /// <summary>A user id (<c>U…</c>, <c>W…</c>) means the app's DM with that person: its <c>D…</c> id from <c>conversations.open</c>.</summary>
    private async Task<string> ConversationOfAsync(string channel, CancellationToken cancellationToken) =>
        channel.Length > 1 && channel[0] is 'U' or 'W'
            ? await slack.OpenDirectMessageAsync(channel, cancellationToken)
            : channel;

    private async Task RefreshThreadOfAsync(SlackMessageEditPayload edit, CancellationToken cancellationToken)
    {
        if (edit.ThreadTs is { } threadTs)
        {
            await RefreshThreadAsync(edit.Channel, threadTs, cancellationToken);
        }
    }

    /// <summary>Our own post is a team message: read the thread now so the status moves without waiting for a poll.</summary>
    private async Task RefreshThreadAsync(string channel, string threadTs, CancellationToken cancellationToken)
    {
        try
        {
            await sync.SyncThreadAsync(channel, threadTs, cancellationToken);
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException)
        {
            logger.LogInformation(ex, "Sent, but re-reading thread {Channel}/{Ts} failed; the next sync will", channel, threadTs);
        }
    }

    private static async Task IgnoringAsync(Func<Task> call, string harmlessError)
    {
        try
        {
            await call();
        }
        catch (SlackApiException ex) when (ex.Error == harmlessError)
        {
            // The state we wanted is already there.
        }
    }

    private static OutboxSendException Translate(Exception ex) => ex switch
    {
        SlackRateLimitedException limited => new OutboxSendException($"Slack: {limited.Error}", retryable: true, limited.RetryAfter, ex),
        SlackApiException api => new OutboxSendException($"Slack: {api.Error}",
            retryable: TransientErrors.Contains(api.Error) || api.Error.StartsWith("http_5", StringComparison.Ordinal), inner: ex),
        _ => new OutboxSendException($"Slack unreachable: {ex.Message}", retryable: true, inner: ex),
    };
}
