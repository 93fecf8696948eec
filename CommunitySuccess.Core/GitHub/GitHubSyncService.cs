using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Observability;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.GitHub;

public sealed record GitHubSyncSummary(bool Ran, int IssuesChanged, IReadOnlyList<string> Errors)
{
    public static readonly GitHubSyncSummary Skipped = new(false, 0, []);
}

/// <summary>
/// Polls each repository incrementally: issues and pull requests and repository-wide comments with <c>since</c>
/// (answered by 304s from the ETag cache when nothing changed), reviews only for pull requests that changed,
/// releases. Cursors move only after a run's writes are committed. Never two runs at once.
/// </summary>
public sealed class GitHubSyncService(
    IGitHubGateway gateway,
    GitHubIngestService ingest,
    GitHubTokenIdentity tokenIdentity,
    IDbContextFactory<AppDbContext> dbFactory,
    IOptionsMonitor<GitHubOptions> options,
    TimeProvider time,
    ILogger<GitHubSyncService> logger)
{
    // GitHub's updated_at has second precision and clocks differ: re-read a little before the cursor (upserts are idempotent).
    private static readonly TimeSpan CursorOverlap = TimeSpan.FromMinutes(1);

    // A run reads again while its cursor still moves, so it ends on the request the next run repeats (a 304 when
    // nothing changed); bounded so a busy repository cannot hold the run.
    private const int MaxRoundsPerList = 4;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<GitHubSyncSummary> SyncAllAsync(CancellationToken cancellationToken, bool waitForRunning = false)
    {
        if (!await _gate.WaitAsync(waitForRunning ? Timeout.InfiniteTimeSpan : TimeSpan.Zero, cancellationToken))
        {
            return GitHubSyncSummary.Skipped;
        }

        try
        {
            // Our own comments appear under the token's login: know it before deciding who spoke last.
            await tokenIdentity.EnsureKnownAsync(gateway, cancellationToken);
            var changed = 0;
            var errors = new List<string>();
            foreach (var repository in options.CurrentValue.Repositories)
            {
                using var run = SyncRunLog.Start(logger, time, "GitHub", repository);
                try
                {
                    var repositoryChanged = await SyncRepositoryAsync(repository, cancellationToken);
                    changed += repositoryChanged;
                    run.Completed(repositoryChanged);
                }
                catch (GitHubGatewayException ex)
                {
                    errors.Add($"{repository}: {ex.Message}");
                    await MarkFailedAsync(repository, ex.Message);
                    run.Failed(ex);
                }
            }

            return new GitHubSyncSummary(true, changed, errors);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<GitHubRepoSyncState>> GetRepositoryStatesAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<GitHubRepoSyncState>().AsNoTracking().OrderBy(s => s.Repository).ToListAsync(cancellationToken);
    }

    private async Task<int> SyncRepositoryAsync(string repository, CancellationToken cancellationToken)
    {
        var (owner, name) = Split(repository);
        var state = await LoadStateAsync(repository, cancellationToken);
        var startedAt = time.GetUtcNow().UtcDateTime;

        var changed = 0;
        var issuesCursor = state.IssuesSince;
        for (var round = 0; round < MaxRoundsPerList; round++)
        {
            var issues = await gateway.ListIssuesAsync(owner, name, issuesCursor - CursorOverlap, cancellationToken);
            changed += await ingest.UpsertIssuesAsync(repository, issues.Items, cancellationToken);
            var next = Max(issuesCursor, issues.Items.Count == 0 ? null : issues.Items.Max(i => i.UpdatedAt));
            if (issues.Unchanged || next == issuesCursor)
            {
                break;
            }

            issuesCursor = next;
        }

        var commentsCursor = state.CommentsSince;
        for (var round = 0; round < MaxRoundsPerList; round++)
        {
            var comments = await gateway.ListCommentsAsync(owner, name, commentsCursor - CursorOverlap, cancellationToken);
            if (comments.Unchanged)
            {
                break;
            }

            await ingest.UpsertCommentsAsync(repository, comments.Items, cancellationToken);
            var next = Max(commentsCursor, comments.Items.Count == 0 ? null : comments.Items.Max(c => c.UpdatedAt));
            if (next == commentsCursor)
            {
                break;
            }

            commentsCursor = next;
        }

        foreach (var (number, updatedAt) in await ingest.PullRequestsNeedingReviewsAsync(repository, cancellationToken))
        {
            var reviews = await gateway.ListPullRequestReviewsAsync(owner, name, number, cancellationToken);
            await ingest.UpsertReviewsAsync(repository, number, reviews, updatedAt, cancellationToken);
        }

        await ingest.UpsertReleasesAsync(repository, await gateway.ListReleasesAsync(owner, name, cancellationToken), cancellationToken);

        // Cursors move only now that everything read is committed.
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.Set<GitHubRepoSyncState>().FirstAsync(s => s.Repository == repository, cancellationToken);
        stored.IssuesSince = Max(stored.IssuesSince, issuesCursor);
        stored.CommentsSince = Max(stored.CommentsSince, commentsCursor);
        stored.LastSyncStartedAt = startedAt;
        stored.LastSyncCompletedAt = time.GetUtcNow().UtcDateTime;
        stored.LastSyncIssuesChanged = changed;
        stored.LastError = null;
        stored.LastErrorAt = null;
        await db.SaveChangesAsync(cancellationToken);
        return changed;
    }

    private async Task<GitHubRepoSyncState> LoadStateAsync(string repository, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var state = await db.Set<GitHubRepoSyncState>().FirstOrDefaultAsync(s => s.Repository == repository, cancellationToken);
        if (state is null)
        {
            state = new GitHubRepoSyncState { Repository = repository };
            db.Add(state);
            await db.SaveChangesAsync(cancellationToken);
        }

        return state;
    }

    private async Task MarkFailedAsync(string repository, string error)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var state = await db.Set<GitHubRepoSyncState>().FirstOrDefaultAsync(s => s.Repository == repository);
        if (state is not null)
        {
            state.LastError = error.Length > 2000 ? error[..2000] : error;
            state.LastErrorAt = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync();
        }
    }

    public static (string Owner, string Name) Split(string repository)
    {
        var slash = repository.IndexOf('/', StringComparison.Ordinal);
        return (repository[..slash], repository[(slash + 1)..]);
    }

    private static DateTime? Max(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
