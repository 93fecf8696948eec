namespace CommunitySuccess.Core.Inbox;

/// <summary>
/// One Slack message of a support thread, the top-level message included (its <see cref="Ts"/> equals the
/// thread's). Keyed by Slack <c>channel + ts</c> for idempotent upserts.
/// </summary>
public sealed class ThreadMessage
{
    public long Id { get; set; }

    public long ThreadId { get; set; }

    public SupportThread? Thread { get; set; }

    public required string ChannelId { get; set; }

    public required string Ts { get; set; }

    /// <summary>Slack user id of the author; null for some bot messages.</summary>
    public string? UserId { get; set; }

    public string? BotId { get; set; }

    /// <summary>The display name a bot or integration posted under, when Slack gives one.</summary>
    public string? Username { get; set; }

    /// <summary>Decided at ingest: a team member or our own bot (recognised by <c>auth.test</c>).</summary>
    public bool IsTeam { get; set; }

    /// <summary>Slack mrkdwn, untrusted.</summary>
    public string Text { get; set; } = "";

    /// <summary>The message's <c>files</c> array as Slack sent it, when there is one.</summary>
    public string? FilesJson { get; set; }

    public DateTime? EditedAt { get; set; }

    /// <summary>Deleted in Slack: kept for the record, left out of counts and waiting times.</summary>
    public bool IsDeleted { get; set; }

    /// <summary>UTC time from <see cref="Ts"/>.</summary>
    public DateTime SentAt { get; set; }

    /// <summary>The outbox row that posted it, for our own posts.</summary>
    public long? OutboxId { get; set; }

    public ICollection<ThreadReaction> Reactions { get; } = [];
}
