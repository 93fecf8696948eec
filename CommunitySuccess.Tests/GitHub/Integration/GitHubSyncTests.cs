using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Sandbox;
using CommunitySuccess.Sandbox.GitHub;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySuccess.Tests.GitHub.Integration;

/// <summary>Runs alone: 5,000 issues through the sandbox would otherwise skew other tests' timing budgets.</summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class GitHubVolumeCollection;

/// <summary>The polling sync of the real app against the sandbox's GitHub: volume, ETags, rate limits.</summary>
public abstract class GitHubSyncTests(TestProvider provider)
{
    private const string Owner = "bulk";
    private const string Repo = "big";

    [Fact]
    public async Task SyncAllAsync_FiveThousandIssues_AllArriveOnceAndASecondSyncIsAnsweredBy304sOnly()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxServerOptions { SeedDemoWorkspace = false });
        sandbox.GitHub.SeedBulk(Owner, Repo, 5_000);
        await using var app = NewApp(sandbox);
        var sync = app.Services.GetRequiredService<GitHubSyncService>();

        var first = await sync.SyncAllAsync(TestContext.Current.CancellationToken, waitForRunning: true);

        Assert.Empty(first.Errors);
        await using (var db = await DbAsync(app))
        {
            var numbers = await db.Set<GitHubIssue>().Where(i => i.Repository == $"{Owner}/{Repo}").Select(i => i.Number).ToListAsync(TestContext.Current.CancellationToken);
            Assert.Equal(5_000, numbers.Count);
            Assert.Equal(Enumerable.Range(1, 5_000), numbers.Order());
            Assert.Equal(1_250, await db.Set<GitHubIssue>().CountAsync(i => i.State == "closed", TestContext.Current.CancellationToken));
        }

        sandbox.GitHub.ClearRequestLog();
        var second = await sync.SyncAllAsync(TestContext.Current.CancellationToken, waitForRunning: true);

        Assert.Empty(second.Errors);
        Assert.Equal(0, second.IssuesChanged);
        var requests = sandbox.GitHub.Requests;
        Assert.NotEmpty(requests);
        Assert.All(requests, r => Assert.True(r.NotModified, $"{r.Method} {r.PathAndQuery} answered {r.StatusCode}, not 304"));
        Assert.All(requests, r => Assert.False(r.CountedAgainstRateLimit));
    }

    [Fact]
    public async Task SyncAllAsync_SecondaryRateLimitWithRetryAfter_WaitsAndEndsComplete()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxServerOptions { SeedDemoWorkspace = false });
        sandbox.GitHub.SeedBulk(Owner, Repo, 250);
        sandbox.GitHub.Faults.SecondaryRateLimit(count: 1, retryAfterSeconds: 1, pathPrefix: $"/repos/{Owner}/{Repo}/issues");
        await using var app = NewApp(sandbox);

        var summary = await app.Services.GetRequiredService<GitHubSyncService>().SyncAllAsync(TestContext.Current.CancellationToken, waitForRunning: true);

        Assert.Empty(summary.Errors);
        Assert.Contains(sandbox.GitHub.Requests, r => r.StatusCode == 429);
        await using var db = await DbAsync(app);
        Assert.Equal(250, await db.Set<GitHubIssue>().CountAsync(TestContext.Current.CancellationToken));
        var state = await db.Set<GitHubRepoSyncState>().SingleAsync(TestContext.Current.CancellationToken);
        Assert.Null(state.LastError);
        Assert.NotNull(state.LastSyncCompletedAt);
    }

    [Fact]
    public async Task SyncAllAsync_PrimaryRateLimitExhaustedForAnHour_RecordsTheErrorAndTheNextSyncEndsComplete()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxServerOptions { SeedDemoWorkspace = false });
        sandbox.GitHub.SeedBulk(Owner, Repo, 250);
        sandbox.GitHub.Faults.PrimaryRateLimit(count: 1, pathPrefix: $"/repos/{Owner}/{Repo}/issues");
        await using var app = NewApp(sandbox);
        var sync = app.Services.GetRequiredService<GitHubSyncService>();

        var limited = await sync.SyncAllAsync(TestContext.Current.CancellationToken, waitForRunning: true);

        // The reset is up to an hour away: longer than a sync waits, so the run stops and says so.
        var error = Assert.Single(limited.Errors);
        Assert.Contains("rate limited", error, StringComparison.Ordinal);
        await using (var db = await DbAsync(app))
        {
            var state = await db.Set<GitHubRepoSyncState>().SingleAsync(TestContext.Current.CancellationToken);
            Assert.Contains("rate limited", state.LastError, StringComparison.Ordinal);
            Assert.Null(state.IssuesSince);
        }

        var recovered = await sync.SyncAllAsync(TestContext.Current.CancellationToken, waitForRunning: true);

        Assert.Empty(recovered.Errors);
        await using (var db = await DbAsync(app))
        {
            Assert.Equal(250, await db.Set<GitHubIssue>().CountAsync(TestContext.Current.CancellationToken));
            var state = await db.Set<GitHubRepoSyncState>().SingleAsync(TestContext.Current.CancellationToken);
            Assert.Null(state.LastError);
            Assert.NotNull(state.IssuesSince);
        }
    }

    private AppFactory NewApp(SandboxServer sandbox) => new(s =>
    {
        s["GitHub:ApiBaseUrl"] = sandbox.BaseUrl.ToString();
        s["GitHub:Token"] = GitHubState.DefaultToken;
        s["GitHub:Repositories:0"] = $"{Owner}/{Repo}";
    }, provider);

    private static Task<AppDbContext> DbAsync(AppFactory app) =>
        app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
}

[Collection(typeof(GitHubVolumeCollection))]
public sealed class GitHubSyncOnSqliteTests() : GitHubSyncTests(TestProvider.Sqlite);

[Collection(typeof(GitHubVolumeCollection))]
public sealed class GitHubSyncOnPostgresTests() : GitHubSyncTests(TestProvider.Postgres);
