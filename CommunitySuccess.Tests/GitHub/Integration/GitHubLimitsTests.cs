using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Sandbox.GitHub;
using CommunitySuccess.Tests.Sandbox.GitHub;
using CommunitySuccess.Tests.Slack;
using CommunitySuccess.Tests.Slack.Integration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CommunitySuccess.Tests.GitHub.Integration;

/// <summary>
/// Issue 11 item 7: GitHub's limits honoured against the strict sandbox — secondary limits on reads (growing waits) and
/// on outbox writes (rescheduled, never re-posted blindly), a missing token permission named, a deleted issue (410)
/// failing once instead of retrying forever.
/// </summary>
public sealed class GitHubLimitsTests
{
    private const string Repository = "acme/desk";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListIssuesAsync_Secondary403WithoutRetryAfterTwice_WaitsOneMinuteThenTwoThenReads()
    {
        var fake = new FakeTimeProvider(GitHubSandboxHost.Start);
        var clock = new TimerWatchingTimeProvider(fake);
        await using var host = await GitHubSandboxHost.StartAsync(s => s.SeedDemo(), clock: fake);
        host.State.Faults.SecondaryRateLimit(count: 2, retryAfterSeconds: null, pathPrefix: "/repos/acme/widgets/issues", statusCode: 403);
        await using var gateway = Gateway(host, clock);

        var listing = gateway.GetRequiredService<IGitHubGateway>().ListIssuesAsync("acme", "widgets", null, Ct);
        await WaitForTimerAsync(clock);
        fake.Advance(TimeSpan.FromSeconds(59));
        Assert.False(listing.IsCompleted);
        fake.Advance(TimeSpan.FromSeconds(1));
        await WaitForTimerAsync(clock);
        fake.Advance(TimeSpan.FromMinutes(2));
        var issues = await listing;

        Assert.NotEmpty(issues.Items);
        var attempts = host.State.Requests.Where(r => r.Path.EndsWith("/repos/acme/widgets/issues", StringComparison.Ordinal)).ToList();
        Assert.Equal([403, 403, 200], attempts.Take(3).Select(r => r.StatusCode));
        Assert.Equal(TimeSpan.FromMinutes(1), attempts[1].At - attempts[0].At);
        Assert.Equal(TimeSpan.FromMinutes(2), attempts[2].At - attempts[1].At);
    }

    [Theory]
    [InlineData(403, null, 60)]
    [InlineData(429, null, 60)]
    [InlineData(429, 90, 90)]
    public async Task Dispatch_CommentMeetsSecondaryLimit_RescheduledThenPostedOnceAfterLookingForIt(int status, int? retryAfter, int waitSeconds)
    {
        await using var desk = await StartAsync();
        desk.Sandbox.GitHub.Faults.SecondaryRateLimit(retryAfterSeconds: retryAfter, pathPrefix: "/repos/acme/desk/issues/1/comments", statusCode: status);
        var id = await AddCommentAsync(desk, 1, "Thanks for the report!");
        var queuedAt = desk.Time.GetUtcNow().UtcDateTime;

        await desk.Harness.Dispatcher.DispatchDueAsync(Ct);
        var waiting = await desk.Harness.OutboxAsync(id);
        var sent = await desk.Harness.DispatchUntilSettledAsync(id, desk.Time);

        Assert.Equal(OutboxStatus.Pending, waiting.Status);
        Assert.Contains("secondary rate limit", waiting.LastError, StringComparison.Ordinal);
        Assert.Equal(queuedAt.AddSeconds(waitSeconds), waiting.NextAttemptAt);
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Single(desk.Sandbox.GitHub.GetIssue("acme", "desk", 1)!.Comments, c => c.Body.Contains("Thanks for the report!", StringComparison.Ordinal));
        // The repeat looked for its tag before posting again.
        var calls = desk.Sandbox.GitHub.Requests.Where(r => r.Path.EndsWith("/issues/1/comments", StringComparison.Ordinal)).Select(r => r.Method).ToList();
        Assert.Equal(["POST", "GET", "POST"], calls);
    }

    [Fact]
    public async Task Dispatch_CommentOnDeletedIssue_FailsOnceSayingSo()
    {
        await using var desk = await StartAsync();
        desk.Sandbox.GitHub.DeleteIssue("acme", "desk", 1);
        var id = await AddCommentAsync(desk, 1, "Anyone there?");

        var row = await desk.Harness.DispatchUntilSettledAsync(id, desk.Time);

        Assert.Equal(OutboxStatus.Failed, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Contains("deleted", row.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispatch_FineGrainedTokenWithoutIssuesWrite_FailsOnceNamingThePermission()
    {
        await using var desk = await StartAsync();
        desk.Sandbox.GitHub.Policies.FineGrained = new GitHubFineGrainedToken(Issues: "read");
        var id = await AddCommentAsync(desk, 1, "Hello");

        var row = await desk.Harness.DispatchUntilSettledAsync(id, desk.Time);

        Assert.Equal(OutboxStatus.Failed, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Contains("\"Issues: Read and write\"", row.LastError, StringComparison.Ordinal);
        Assert.Empty(desk.Sandbox.GitHub.GetIssue("acme", "desk", 1)!.Comments);
    }

    [Fact]
    public async Task SetupCheck_FineGrainedTokenWithoutIssuesWrite_NamesThePermissionBesideItsFix()
    {
        await using var desk = await StartAsync();
        desk.Sandbox.GitHub.Policies.FineGrained = new GitHubFineGrainedToken(Issues: "read");

        var report = await desk.Harness.Services.GetRequiredService<GitHubSetupCheck>().RunAsync(Ct);

        var problem = Assert.Single(report.Problems, p => p.Subject == Repository);
        Assert.Contains("not write to its issues", problem.Problem, StringComparison.Ordinal);
        Assert.Contains("Grant the token \"Issues: Read and write\" on acme/desk", problem.Fix, StringComparison.Ordinal);
        // Nothing was created by the check.
        Assert.Single(desk.Sandbox.GitHub.Requests, r => r.Method == "POST" && r.StatusCode == 403);
    }

    [Fact]
    public async Task SetupCheck_RepositoryNotGranted_SaysTheTokenCannotSeeIt()
    {
        await using var desk = await StartAsync();
        desk.Sandbox.GitHub.Policies.FineGrained = new GitHubFineGrainedToken(Repositories: ["acme/other"]);

        var report = await desk.Harness.Services.GetRequiredService<GitHubSetupCheck>().RunAsync(Ct);

        var problem = Assert.Single(report.Problems, p => p.Subject == Repository);
        Assert.Contains("cannot see acme/desk", problem.Problem, StringComparison.Ordinal);
        Assert.Contains("Repository access", problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetupCheck_FullAccessNoWebhookYet_OnlyTheWebhookIsAProblem()
    {
        await using var desk = await StartAsync();

        var report = await desk.Harness.Services.GetRequiredService<GitHubSetupCheck>().RunAsync(Ct);

        var problem = Assert.Single(report.Problems);
        Assert.Equal("Webhooks", problem.Subject);
        Assert.Contains("/github/webhooks", problem.Fix, StringComparison.Ordinal);
        Assert.Contains(report.Passed, p => p.StartsWith("acme/desk: the token can read it and write to its issues", StringComparison.Ordinal));
        Assert.Single(desk.Sandbox.GitHub.GetIssues("acme", "desk"));
    }

    [Theory]
    [InlineData("none", null, "lacks the permission \"Issues: Read-only\"")]
    [InlineData("write", "acme/other", "not found, or the token cannot see it")]
    public async Task Sync_FineGrainedTokenWithoutAccess_RepositoryErrorSaysWhatIsMissing(string issues, string? onlyRepository, string expected)
    {
        await using var desk = await StartAsync();
        desk.Sandbox.GitHub.Policies.FineGrained = new GitHubFineGrainedToken(issues, onlyRepository is null ? null : [onlyRepository]);

        var summary = await desk.Harness.Services.GetRequiredService<GitHubSyncService>().SyncAllAsync(Ct, waitForRunning: true);
        var state = Assert.Single(await desk.Harness.Services.GetRequiredService<GitHubSyncService>().GetRepositoryStatesAsync(Ct));

        Assert.Single(summary.Errors);
        Assert.Contains(expected, state.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void ContentPacer_81stCommentInAMinute_HeldBackUntilTheMinutePassed()
    {
        var time = new FakeTimeProvider(GitHubSandboxHost.Start);
        var pacer = new GitHubContentPacer(time);

        for (var i = 0; i < GitHubContentPacer.PerMinute; i++)
        {
            Assert.Null(pacer.TryReserve());
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        var wait = pacer.TryReserve();
        time.Advance(wait!.Value);

        Assert.Equal(TimeSpan.FromMinutes(1) - TimeSpan.FromMilliseconds(100 * GitHubContentPacer.PerMinute), wait);
        Assert.Null(pacer.TryReserve());
    }

    [Fact]
    public void ContentPacer_501stCommentInAnHour_HeldBackUntilTheHourPassed()
    {
        var time = new FakeTimeProvider(GitHubSandboxHost.Start);
        var pacer = new GitHubContentPacer(time);
        for (var i = 0; i < GitHubContentPacer.PerHour; i++)
        {
            Assert.Null(pacer.TryReserve());
            time.Advance(TimeSpan.FromSeconds(1));
        }

        var wait = pacer.TryReserve();

        Assert.Equal(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(GitHubContentPacer.PerHour), wait);
    }

    private static async Task WaitForTimerAsync(TimerWatchingTimeProvider clock) =>
        Assert.True(await clock.TimerCreated.WaitAsync(TimeSpan.FromSeconds(30), Ct), "The handler never started waiting.");

    private static ServiceProvider Gateway(GitHubSandboxHost host, TimeProvider time)
    {
        var configuration = new ConfigurationManager();
        configuration["GitHub:ApiBaseUrl"] = host.BaseAddress.ToString();
        configuration["GitHub:Token"] = GitHubState.DefaultToken;
        var services = new ServiceCollection();
        services.Configure<GitHubOptions>(configuration.GetSection(GitHubOptions.SectionName));
        services.AddSingleton(time);
        services.AddGitHubGateway();
        return services.BuildServiceProvider();
    }

    private static async Task<Desk> StartAsync()
    {
        var time = new FakeTimeProvider(GitHubSandboxHost.Start);
        var harness = await SlackAppHarness.StartAsync(new SlackAppHarnessOptions
        {
            Time = time,
            Settings = s =>
            {
                // The same sandbox serves GitHub at its root.
                s["GitHub:ApiBaseUrl"] = new Uri(new Uri(s["Slack:ApiBaseUrl"]!), "/").ToString();
                s["GitHub:Token"] = GitHubState.DefaultToken;
                s["GitHub:WebhookSecret"] = "desk-webhook-secret";
                s["GitHub:Repositories:0"] = Repository;
            },
        });
        harness.Sandbox.GitHub.CreateRepository("acme", "desk", "A repository");
        harness.Sandbox.GitHub.OpenIssue("acme", "desk", "priya", "The export fails");
        return new Desk(harness, time);
    }

    private static async Task<long> AddCommentAsync(Desk desk, int number, string body)
    {
        await using var db = await desk.Harness.DbAsync();
        var message = desk.Harness.Services.GetRequiredService<OutboxService>()
            .Add(db, GitHubOutboxKinds.Comment, new GitHubCommentPayload(Repository, number, body), "test");
        await db.SaveChangesAsync(Ct);
        return message.Id;
    }

    private sealed record Desk(SlackAppHarness Harness, FakeTimeProvider Time) : IAsyncDisposable
    {
        public CommunitySuccess.Sandbox.SandboxServer Sandbox => Harness.Sandbox;

        public ValueTask DisposeAsync() => Harness.DisposeAsync();
    }
}
