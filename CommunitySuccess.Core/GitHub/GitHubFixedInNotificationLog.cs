using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Insights;
using Microsoft.EntityFrameworkCore;

namespace CommunitySuccess.Core.GitHub;

/// <summary>The insights' "fixed in" chart, read from the thread–issue links that record each notification.</summary>
public sealed class GitHubFixedInNotificationLog(IDbContextFactory<AppDbContext> dbFactory) : IFixedInNotificationLog
{
    public async Task<IReadOnlyList<DateTime>> SentBetweenAsync(DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Links exist only for threads that led to an issue: a small table, read without an index of its own.
        return await db.Set<ThreadIssueLink>().AsNoTracking()
            .Where(l => l.NotifiedAt != null && l.NotifiedAt >= from && l.NotifiedAt < to)
            .Select(l => l.NotifiedAt!.Value)
            .ToListAsync(cancellationToken);
    }
}
