using System.Text.Json;
using CommunitySuccess.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CommunitySuccess.Core.Outbox;

/// <summary>
/// Adds outbound writes in the caller's transaction and lets the dispatcher know; lists and retries them.
/// </summary>
public sealed class OutboxService(IDbContextFactory<AppDbContext> dbFactory, OutboxSignal signal, TimeProvider time)
{
    /// <summary>
    /// Adds a write to <paramref name="db"/>, to be saved by the caller together with the domain change that
    /// caused it. Call <see cref="OutboxSignal.Notify"/> (or <see cref="Notify"/>) after saving.
    /// </summary>
    public OutboxMessage Add<TPayload>(
        AppDbContext db, string kind, TPayload payload, string createdBy, long? threadId = null, string? issueKey = null, string? createdByUserId = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = time.GetUtcNow().UtcDateTime;
        var message = new OutboxMessage
        {
            Kind = kind,
            PayloadJson = JsonSerializer.Serialize(payload, OutboxKinds.Json),
            Status = OutboxStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
            CreatedBy = createdBy,
            CreatedByUserId = createdByUserId,
            ThreadId = threadId,
            IssueKey = issueKey,
        };
        db.Add(message);
        return message;
    }

    /// <summary>Wakes the dispatcher after the caller committed.</summary>
    public void Notify() => signal.Notify();

    public async Task<IReadOnlyList<OutboxMessage>> ListForThreadAsync(long threadId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.ThreadId == threadId).OrderBy(m => m.Id).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<OutboxMessage>> ListRecentAsync(int count, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<OutboxMessage>().AsNoTracking().OrderByDescending(m => m.Id).Take(count).ToListAsync(cancellationToken);
    }

    /// <summary>A failed write goes back to pending (it keeps its id, so a send that did go through is still found).</summary>
    public async Task<bool> RetryAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var message = await db.Set<OutboxMessage>().FindAsync([id], cancellationToken);
        if (message is not { Status: OutboxStatus.Failed })
        {
            return false;
        }

        message.Status = OutboxStatus.Pending;
        message.NextAttemptAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        return true;
    }

    public static T Payload<T>(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return JsonSerializer.Deserialize<T>(message.PayloadJson, OutboxKinds.Json)
            ?? throw new InvalidOperationException($"Outbox message {message.Id} has an empty payload.");
    }
}
