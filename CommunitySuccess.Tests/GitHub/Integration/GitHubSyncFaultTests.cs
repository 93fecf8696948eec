using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Sandbox;
using CommunitySuccess.Sandbox.GitHub;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySuccess.Tests.GitHub.Integration;

/// <summary>
/// The GitHub sync through a burst of secondary rate limits (429 with <c>Retry-After</c>), server errors, a body cut
/// short mid-JSON, dropped connections and an answer slower than <c>GitHub:RequestTimeoutSeconds</c> ends, once the faults stop, with exactly what a fault-free sync of the same
/// repository stores: every issue, comment and inbox item once, none missing.
/// </summary>
public sealed class GitHubSyncFaultTests
{
    private const string Owner = "faulty";
    private const string Repo = "widgets";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SyncAll_EveryKindOfFault_ConvergesToTheFaultFreeResult()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxServerOptions { SeedDemoWorkspace = false });
        sandbox.GitHub.SeedBulk(Owner, Repo, 230);
        for (var number = 1; number <= 230; number += 23)
        {
            sandbox.GitHub.Comment(Owner, Repo, number, "bulk-user-3", $"Same here on issue {number}.");
            sandbox.GitHub.Comment(Owner, Repo, number, "bulk-user-4", "Any workaround?");
        }

        // Faults queue in order; each request (any path: the pages after the first follow Link's /repositories/… form) takes one.
        var faults = sandbox.GitHub.Faults;
        faults.SecondaryRateLimit(count: 3, retryAfterSeconds: 1);
        faults.TruncateBody();
        faults.ServerError();
        faults.DropConnection();
        faults.SecondaryRateLimit(count: 1, retryAfterSeconds: 1, statusCode: 403);
        faults.TruncateBody();
        faults.ServerError(statusCode: 502);
        faults.DropConnection();
        faults.Slow(TimeSpan.FromSeconds(6), pathPrefix: $"/repos/{Owner}/{Repo}");
        await using var app = NewApp(sandbox);
        var sync = app.Services.GetRequiredService<GitHubSyncService>();

        var runs = 0;
        var errorsSeen = new List<string>();
        GitHubSyncSummary summary;
        do
        {
            summary = await sync.SyncAllAsync(Ct, waitForRunning: true);
            errorsSeen.AddRange(summary.Errors);
            runs++;
        }
        while ((summary.Errors.Count > 0 || faults.Pending > 0) && runs < 12);

        Assert.Empty(summary.Errors);
        Assert.Equal(0, faults.Pending);
        Assert.True(runs > 1, "the faults should have failed at least one run");
        Assert.Contains(errorsSeen, e => e.Contains("ListIssues faulty/widgets timed out", StringComparison.Ordinal));
        await using var twin = NewApp(sandbox);
        Assert.Empty((await twin.Services.GetRequiredService<GitHubSyncService>().SyncAllAsync(Ct, waitForRunning: true)).Errors);
        var expected = await SnapshotAsync(twin);
        Assert.Equal(230, expected.Count(line => line.StartsWith("issue ", StringComparison.Ordinal)));
        Assert.Equal(20, expected.Count(line => line.StartsWith("comment ", StringComparison.Ordinal)));
        Assert.Equal(expected, await SnapshotAsync(app));
    }

    private static AppFactory NewApp(SandboxServer sandbox) => new(s =>
    {
        s["GitHub:ApiBaseUrl"] = sandbox.BaseUrl.ToString();
        s["GitHub:Token"] = GitHubState.DefaultToken;
        s["GitHub:Repositories:0"] = $"{Owner}/{Repo}";
        s["GitHub:RequestTimeoutSeconds"] = "2";
    });

    /// <summary>Every issue, comment and inbox item as one comparable line each.</summary>
    private static async Task<IReadOnlyList<string>> SnapshotAsync(AppFactory app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        var issues = await db.Set<GitHubIssue>().AsNoTracking().ToListAsync(Ct);
        var comments = await db.Set<GitHubComment>().AsNoTracking().ToListAsync(Ct);
        var items = await db.Set<InboxItem>().AsNoTracking().Where(i => i.Source == InboxSource.GitHub).ToListAsync(Ct);
        return
        [
            .. issues.Select(i => $"issue {i.Key} {i.State} {i.Title} labels={i.LabelsText} comments={i.Comments} last={i.LastCommentAuthor}").Order(StringComparer.Ordinal),
            .. comments.Select(c => $"comment {c.Id} {c.Repository}#{c.IssueNumber} {c.AuthorLogin}: {c.Body}").Order(StringComparer.Ordinal),
            .. items.Select(i => $"item {i.SourceKey} {i.Status} {i.StatusReason}").Order(StringComparer.Ordinal),
        ];
    }
}
