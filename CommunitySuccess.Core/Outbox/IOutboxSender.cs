namespace CommunitySuccess.Core.Outbox;

/// <summary>Why a send did not go through, and whether another attempt may succeed.</summary>
public sealed class OutboxSendException(string message, bool retryable, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public bool Retryable { get; } = retryable;

    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>
    /// Nothing was sent (held back by our own pacing): the attempt does not count towards the limit of attempts,
    /// and the message is tried again after <see cref="RetryAfter"/>.
    /// </summary>
    public bool Deferred { get; init; }
}

/// <summary>Sends one kind of outbox message to Slack or GitHub.</summary>
public interface IOutboxSender
{
    bool Handles(string kind);

    /// <summary>
    /// Before a repeated attempt (an earlier one failed or timed out, and may have gone through after all):
    /// returns the remote reference of that earlier success, found by the outbox id tag, or null to send.
    /// </summary>
    Task<string?> FindEarlierSendAsync(OutboxMessage message, CancellationToken cancellationToken);

    /// <summary>Sends; returns the remote reference (a message ts, a comment id) or null. Throws <see cref="OutboxSendException"/>.</summary>
    Task<string?> SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}
