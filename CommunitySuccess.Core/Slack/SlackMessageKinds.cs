using CommunitySuccess.Core.Slack;
using CommunitySuccess.Core.Team;

namespace CommunitySuccess.Core.Slack;

/// <summary>How a Slack message counts for the inbox: who wrote it and whether it can open a thread.</summary>
public static class SlackMessageKinds
{
    /// <summary>Outbox tag in message metadata: <c>event_type</c>, with the outbox id in <c>event_payload.outbox_id</c>.</summary>
    public const string OutboxEventType = "communitysuccess_outbox";

    // Subtypes of a person's own message; every other subtype (joins, topic changes, bots, tombstones) is a system message.
    private static readonly HashSet<string> PersonSubtypes = new(StringComparer.Ordinal)
    {
        "file_share", "me_message", SlackMessageSubtypes.ThreadBroadcast,
    };

    /// <summary>True for a message a person (or our bot) wrote, false for joins, other bots, tombstones and the like.</summary>
    public static bool IsConversational(SlackMessage message, TeamDirectory team)
    {
        if (team.IsOurBot(message.User, message.BotId))
        {
            return true;
        }

        if (message.BotId is not null || message.User is null)
        {
            return false;
        }

        return message.Subtype is null || PersonSubtypes.Contains(message.Subtype);
    }

    /// <summary>
    /// A thread is a top-level message by a user (not a team member, not a bot, not a join or other system
    /// message) in a support channel.
    /// </summary>
    public static bool OpensThread(SlackMessage message, TeamDirectory team) =>
        IsConversational(message, team)
        && message.Subtype != SlackMessageSubtypes.ThreadBroadcast
        && (message.ThreadTs is null || message.ThreadTs == message.Ts)
        && !team.IsTeamSlackUser(message.User, message.BotId);

    /// <summary>The outbox id our app tagged a message with, if any.</summary>
    public static long? OutboxIdOf(SlackMessage message) =>
        message.Metadata is { EventType: OutboxEventType, EventPayload: { } payload }
        && payload["outbox_id"]?.ToString() is { } raw && long.TryParse(raw, out var id)
            ? id
            : null;

    /// <summary>A short digest of a message's reactions (name:user,…), to notice changes without reading them.</summary>
    public static string ReactionsSignature(SlackMessage message) =>
        string.Join(';', message.Reactions.OrderBy(r => r.Name, StringComparer.Ordinal)
            .Select(r => r.Name + ":" + string.Join(',', r.Users.Order(StringComparer.Ordinal))));
}
