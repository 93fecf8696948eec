namespace CommunitySuccess.Core.Inbox;

/// <summary>
/// A reaction by one person on one message, seen once: unique on (<see cref="ChannelId"/>, <see cref="MessageTs"/>,
/// <see cref="Name"/>, <see cref="UserId"/>), so inserting the row is how the sync knows a reaction is a new fact.
/// </summary>
public sealed class ThreadReaction
{
    public long Id { get; set; }

    public long MessageId { get; set; }

    public ThreadMessage? Message { get; set; }

    public required string ChannelId { get; set; }

    /// <summary>Slack <c>ts</c> of the message reacted to (Events API <c>item.ts</c>).</summary>
    public required string MessageTs { get; set; }

    /// <summary>Slack reaction name without colons, e.g. <c>eyes</c>.</summary>
    public required string Name { get; set; }

    public required string UserId { get; set; }

    /// <summary>Decided at ingest, like <see cref="ThreadMessage.IsTeam"/>.</summary>
    public bool IsTeam { get; set; }

    /// <summary>Slack gives reactions no time: this is when our app first saw it.</summary>
    public DateTime FirstSeenAt { get; set; }

    /// <summary>When it disappeared. The row stays so the key keeps meaning "seen before"; if the same person adds
    /// it again the writer clears this and treats the re-add as a new fact.</summary>
    public DateTime? RemovedAt { get; set; }
}
