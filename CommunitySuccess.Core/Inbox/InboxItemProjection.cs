using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CommunitySuccess.Core.Inbox;

/// <summary>
/// Keeps each Slack thread's <see cref="InboxItem"/> equal to the thread, inside the very <c>SaveChanges</c> that
/// changes the thread: the read model can never disagree with its source, whichever service (ingest, a click, the
/// follow-up sweep, demo seeding) wrote the thread. GitHub items are written by <see cref="IssueInboxIngest"/>.
/// </summary>
public sealed class InboxItemProjection : SaveChangesInterceptor
{
    /// <summary>How much of a question the row keeps for its first line.</summary>
    public const int PreviewChars = 400;

    private static long _changes;

    /// <summary>
    /// Moves whenever this process saves a change to any inbox row, before and after the commit: what was read while
    /// it stood still is still true (see <see cref="InboxCountsCache"/>). Plain SQL writes do not move it.
    /// </summary>
    public static long Changes => Interlocked.Read(ref _changes);

    /// <summary>Another instance changed inbox rows (PostgreSQL tells every instance): what was read before may be stale.</summary>
    public static void MarkChangedElsewhere() => Interlocked.Increment(ref _changes);

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Interlocked.Increment(ref _changes);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _changes);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Interlocked.Increment(ref _changes);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _changes);
        return Task.CompletedTask;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context)
        {
            var threads = ChangedThreads(context);
            var ids = threads.Where(t => t.Id != 0).Select(t => t.Id).ToList();
            var existing = ids.Count == 0 ? [] : context.Set<InboxItem>().Where(i => ids.Contains(i.ThreadId!.Value)).ToList();
            Project(context, threads, existing);
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context)
        {
            var threads = ChangedThreads(context);
            var ids = threads.Where(t => t.Id != 0).Select(t => t.Id).ToList();
            var existing = ids.Count == 0
                ? []
                : await context.Set<InboxItem>().Where(i => ids.Contains(i.ThreadId!.Value)).ToListAsync(cancellationToken);
            Project(context, threads, existing);
        }

        return result;
    }

    /// <summary>Copies a thread's fields into its row; <paramref name="reason"/> is the latest status change's.</summary>
    public static void Mirror(SupportThread thread, InboxItem item, string? reason)
    {
        ArgumentNullException.ThrowIfNull(thread);
        ArgumentNullException.ThrowIfNull(item);
        item.Source = InboxSource.Slack;
        item.SourceKey = KeyOf(thread.ChannelId, thread.Ts);
        item.Location = thread.ChannelId;
        item.AuthorId = thread.UserId;
        item.AuthorTimeZone = thread.UserTimeZone;
        item.Preview = thread.Text.Length <= PreviewChars ? thread.Text : thread.Text[..PreviewChars];
        item.Status = thread.Status;
        item.StatusChangedAt = thread.StatusChangedAt;
        item.StatusReason = reason ?? item.StatusReason;
        item.CreatedAt = thread.CreatedAt;
        item.LastActivityAt = thread.LastMessageAt;
        item.UnansweredSince = thread.UnansweredSince;
        item.WaitingForTeamSince = thread.WaitingForTeamSince;
        item.LastTeamActivityAt = thread.LastTeamMessageAt;
        item.LastByTeam = thread.LastMessageByTeam;
        item.NeedsFollowUp = thread.NeedsFollowUp;
        item.NewActivity = thread.NewActivityWhileOnHold;
        item.IsNotSupport = thread.IsNotSupport;
        item.ReferredToProduct = thread.ReferredToProduct;
        item.MessageCount = thread.MessageCount;
    }

    /// <summary>A thread's <see cref="InboxItem.SourceKey"/>.</summary>
    public static string KeyOf(string channelId, string ts) => $"{channelId}/{ts}";

    private static List<SupportThread> ChangedThreads(DbContext context)
    {
        context.ChangeTracker.DetectChanges();
        return context.ChangeTracker.Entries<SupportThread>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified)
            .Select(e => e.Entity)
            .ToList();
    }

    private static void Project(DbContext context, List<SupportThread> threads, List<InboxItem> existing)
    {
        Interlocked.Increment(ref _changes);
        if (threads.Count == 0)
        {
            return;
        }

        var byThread = existing.ToDictionary(i => i.ThreadId!.Value);
        var reasons = context.ChangeTracker.Entries<ThreadStatusChange>()
            .Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity)
            .Where(c => c.Thread is not null)
            .GroupBy(c => c.Thread!)
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.At).Last().Reason);

        foreach (var thread in threads)
        {
            if (thread.Id == 0 || !byThread.TryGetValue(thread.Id, out var item))
            {
                item = new InboxItem { SourceKey = "", Location = "", AuthorId = "", Thread = thread };
                context.Add(item);
            }

            Mirror(thread, item, reasons.GetValueOrDefault(thread));
        }
    }
}
