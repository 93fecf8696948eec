namespace CommunitySuccess.Core.Shared;

/// <summary>
/// The outcome of something a person asked for (a reply, a status, a label, a review decision): done, with the outbox
/// writes it queued so the page can follow their delivery, or refused with a message to show. One type for every
/// feature, so a page runs any action the same way.
/// </summary>
public sealed record ActionOutcome(bool Succeeded, string? Error, IReadOnlyList<long> OutboxIds)
{
    /// <summary>The first (usually the only) write queued, if any.</summary>
    public long? OutboxId => OutboxIds.Count > 0 ? OutboxIds[0] : null;

    public static ActionOutcome Ok(params long[] outboxIds) => new(true, null, outboxIds);

    public static ActionOutcome Refused(string error) => new(false, error, []);
}
