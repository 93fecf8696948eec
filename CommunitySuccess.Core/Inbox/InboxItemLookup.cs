using CommunitySuccess.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CommunitySuccess.Core.Inbox;

/// <summary>
/// Which inbox item a thread or a GitHub issue is, for features that link to it (search results, direct messages):
/// the inbox page opens items by their own id, not by a thread's or an issue's. Offered so they need not read
/// the inbox's tables.
/// </summary>
public sealed class InboxItemLookup(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>The items of these threads and issues (<c>owner/repo#number</c>); those without an item are left out.</summary>
    public async Task<InboxItemIds> FindAsync(IReadOnlyCollection<long> threadIds, IReadOnlyCollection<string> issueKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(threadIds);
        ArgumentNullException.ThrowIfNull(issueKeys);
        if (threadIds.Count == 0 && issueKeys.Count == 0)
        {
            return InboxItemIds.None;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var byThread = threadIds.Count == 0
            ? []
            : await db.Set<InboxItem>().AsNoTracking().Where(i => i.ThreadId != null && threadIds.Contains(i.ThreadId.Value))
                .ToDictionaryAsync(i => i.ThreadId!.Value, i => i.Id, cancellationToken);
        var byIssue = issueKeys.Count == 0
            ? []
            : await db.Set<InboxItem>().AsNoTracking().Where(i => i.Source == InboxSource.GitHub && issueKeys.Contains(i.SourceKey))
                .ToDictionaryAsync(i => i.SourceKey, i => i.Id, StringComparer.Ordinal, cancellationToken);
        return new InboxItemIds(byThread, byIssue);
    }
}

/// <summary>Inbox item ids by thread id and by issue key.</summary>
public sealed record InboxItemIds(IReadOnlyDictionary<long, long> ByThread, IReadOnlyDictionary<string, long> ByIssueKey)
{
    public static readonly InboxItemIds None = new(new Dictionary<long, long>(), new Dictionary<string, long>(StringComparer.Ordinal));

    /// <summary>The item of a thread, else of an issue, else null.</summary>
    public long? Of(long? threadId, string? issueKey) =>
        threadId is { } t && ByThread.TryGetValue(t, out var byThread) ? byThread
        : issueKey is not null && ByIssueKey.TryGetValue(issueKey, out var byIssue) ? byIssue
        : null;
}
