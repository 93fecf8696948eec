using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CommunitySuccess.Core.Outbox;

/// <summary>
/// Sends due outbox messages, oldest first, one dispatcher at a time. Exactly once: the attempt is recorded
/// before the send, and any later attempt first asks the sender to look for the outbox id tag of an earlier
/// send that went through after all (a time-out after Slack accepted the post). Failures back off; errors
/// that cannot heal (a missing channel, a revoked token) fail at once and wait for a person's Retry.
/// Several instances (PostgreSQL) may dispatch at once: each message is claimed by one atomic conditional update
/// before it is sent (<see cref="ClaimLease"/>), so exactly one instance sends it.
/// </summary>
public sealed class OutboxDispatcher(
    IDbContextFactory<AppDbContext> dbFactory,
    IEnumerable<IOutboxSender> senders,
    ChangeNotifier notifier,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger)
{
    public const int MaxAttempts = 8;

    /// <summary>
    /// How long a claimed message is held from other dispatchers: a send finishes well within it (the HTTP time-out is
    /// 30 s); if the instance dies mid-send, another takes the message after it, as a repeat that first looks for the tag.
    /// </summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);

    /// <summary>The lease on SQLite (one instance): a crash delays the message's repeat by at most this.</summary>
    public static readonly TimeSpan SingleInstanceClaimLease = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(15);
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Sends every due message; returns how many were processed. Safe to call from several places.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var processed = 0;
            while (await NextDueAsync(cancellationToken) is { } id)
            {
                await DispatchOneAsync(id, cancellationToken);
                processed++;
            }

            return processed;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>When the next pending message is due, for the worker's sleep.</summary>
    public async Task<DateTime?> NextDueAtAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<OutboxMessage>().Where(m => m.Status == OutboxStatus.Pending)
            .OrderBy(m => m.NextAttemptAt).Select(m => (DateTime?)m.NextAttemptAt).FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<long?> NextDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<OutboxMessage>()
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
            .OrderBy(m => m.Id).Select(m => (long?)m.Id).FirstOrDefaultAsync(cancellationToken);
    }

    private async Task DispatchOneAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await ClaimAsync(db, id, cancellationToken))
        {
            // Another instance claimed it between our look and our claim: it sends it.
            return;
        }

        var message = await db.Set<OutboxMessage>().FirstAsync(m => m.Id == id, cancellationToken);
        var sender = senders.FirstOrDefault(s => s.Handles(message.Kind));
        var now = time.GetUtcNow().UtcDateTime;
        if (sender is null)
        {
            Fail(message, $"No sender handles '{message.Kind}'.", now);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var isRepeat = message.Attempts > 0;
        message.Attempts++;
        message.LastAttemptAt = now;
        // Recorded before sending: if the process dies mid-send, the next attempt knows to look first.
        await db.SaveChangesAsync(cancellationToken);

        try
        {
            var earlier = isRepeat ? await sender.FindEarlierSendAsync(message, cancellationToken) : null;
            var result = earlier ?? await sender.SendAsync(message, cancellationToken);
            message.Status = OutboxStatus.Sent;
            message.SentAt = time.GetUtcNow().UtcDateTime;
            message.ResultRef = result;
            message.LastError = null;
            logger.LogInformation("Outbox {Id} ({Kind}) sent{Found}", message.Id, message.Kind, earlier is null ? "" : " (found an earlier send)");
        }
        catch (OutboxSendException ex) when (!cancellationToken.IsCancellationRequested)
        {
            if (ex.Deferred)
            {
                // Not sent at all: the attempt is given back, so pacing never uses up a message's attempts.
                message.Attempts--;
                message.LastError = ex.Message;
                message.NextAttemptAt = time.GetUtcNow().UtcDateTime + (ex.RetryAfter ?? Backoff(1));
            }
            else
            {
                AfterFailure(message, ex.Message, ex.Retryable, ex.RetryAfter);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Not a send failure the sender understood (a bug, a payload of an older shape, a surprise from a library):
            // retried with the same back-off and cap, so it can neither be lost nor hold up every later write.
            logger.LogError(ex, "Outbox {Id} ({Kind}) threw an unexpected error", message.Id, message.Kind);
            AfterFailure(message, $"Unexpected error ({ex.GetType().Name}): {ex.Message}", retryable: true, retryAfter: null);
        }

        await db.SaveChangesAsync(CancellationToken.None);
        notifier.Notify(ChangeArea.Outbox, message.Id);
        if (message.ThreadId is { } threadId)
        {
            notifier.Notify(ChangeArea.Thread, threadId);
        }
    }

    /// <summary>
    /// Moves the message's next attempt past the lease, only if it is still pending and due: one statement, so of two
    /// dispatchers that picked the same message exactly one sees a row changed.
    /// </summary>
    private async Task<bool> ClaimAsync(AppDbContext db, long id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // SQLite is one instance by design: after a crash the restarted app is the only dispatcher and should not wait out
        // a lease the dead process left, so its lease only has to outlast a claim race inside one process.
        var leaseEnd = now + (db.Database.IsSqlite() ? SingleInstanceClaimLease : ClaimLease);
        var claimed = await db.Set<OutboxMessage>()
            .Where(m => m.Id == id && m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.NextAttemptAt, leaseEnd), cancellationToken);
        return claimed == 1;
    }

    private void AfterFailure(OutboxMessage message, string error, bool retryable, TimeSpan? retryAfter)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (!retryable || message.Attempts >= MaxAttempts)
        {
            Fail(message, error, now);
            return;
        }

        message.LastError = error.Length > 2000 ? error[..2000] : error;
        message.NextAttemptAt = now + (retryAfter ?? Backoff(message.Attempts));
        logger.LogWarning("Outbox {Id} ({Kind}) attempt {Attempt} failed, retrying: {Error}", message.Id, message.Kind, message.Attempts, message.LastError);
    }

    private void Fail(OutboxMessage message, string error, DateTime now)
    {
        message.Status = OutboxStatus.Failed;
        message.LastError = error.Length > 2000 ? error[..2000] : error;
        message.NextAttemptAt = now;
        logger.LogWarning("Outbox {Id} ({Kind}) failed: {Error}", message.Id, message.Kind, message.LastError);
    }

    /// <summary>2 s, 4 s, 8 s … capped at 15 minutes.</summary>
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Clamp(attempts, 1, 20))));
}
