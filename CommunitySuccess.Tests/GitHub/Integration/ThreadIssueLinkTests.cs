using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace CommunitySuccess.Tests.GitHub.Integration;

/// <summary>Thread ↔ issue links and "fixed in" notifications, from a real Slack thread to the sandbox's GitHub and back.</summary>
public sealed class ThreadIssueLinkTests
{
    private const string O = GitHubDeskHarness.Owner;
    private const string R = GitHubDeskHarness.Repo;
    private const string Repository = GitHubDeskHarness.Repository;
    private static readonly AppActor Ana = new("Ana Lima", AppFactory.AdminEmail);

    [Fact]
    public async Task CreateIssueAsync_FromThread_CreatesTheIssueLinksBothWaysPostsTheLinkAndClosesTheThread()
    {
        await using var desk = await GitHubDeskHarness.StartAsync();
        var threadId = await desk.AskInSlackAsync("Sync crashes with <https://example.com/log|this log> when the disk is full");
        var links = desk.Get<ThreadIssueLinkService>();
        var ct = TestContext.Current.CancellationToken;

        var draft = await links.DraftIssueAsync(threadId, ct);
        Assert.NotNull(draft);
        Assert.Equal(Repository, draft.Repository);
        Assert.Equal("Sync crashes with [this log](https://example.com/log) when the disk is full", draft.Title);
        var thread = await desk.ThreadAsync(threadId);
        Assert.Contains(desk.Slack.Permalink(GitHubDeskHarness.SupportChannel, thread.Ts), draft.Body, StringComparison.Ordinal);
        Assert.Contains("> Sync crashes with [this log](https://example.com/log)", draft.Body, StringComparison.Ordinal);

        var result = await links.CreateIssueAsync(threadId, draft.Repository, "Crash when the disk is full", draft.Body, Ana, ct);
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(IssueLinkState.Creating, Assert.Single(await links.GetThreadLinksAsync(threadId, ct)).State);
        await desk.WaitForOutboxSentAsync();

        var created = Assert.Single(desk.GitHub.GetIssues(O, R));
        Assert.Equal("Crash when the disk is full", created.Title);
        Assert.Contains(GitHubDeskHarness.Triage, created.Labels);
        Assert.Contains(desk.Slack.Permalink(GitHubDeskHarness.SupportChannel, thread.Ts), created.Body, StringComparison.Ordinal);
        var link = Assert.Single(await links.GetThreadLinksAsync(threadId, ct));
        Assert.Equal(created.Number, link.Number);
        Assert.Equal(IssueLinkState.Open, link.State);
        Assert.Equal(ThreadStatus.Closed, (await desk.ThreadAsync(threadId)).Status);
        var replies = desk.Slack.GetThread(GitHubDeskHarness.SupportChannel, thread.Ts);
        Assert.Single(replies, m => m.Text.Contains($"{Repository}#{created.Number}", StringComparison.Ordinal));
        var detail = await desk.Get<GitHubQueueService>().GetIssueAsync(Repository, created.Number, ct);
        Assert.Equal(threadId, Assert.Single(detail!.LinkedThreads).ThreadId);

        // The issue was opened by the desk for the user: it does not wait for the team.
        Assert.False(detail.AwaitingTeam);
    }

    [Fact]
    public async Task CompleteCreatedIssueAsync_CalledTwice_PostsTheLinkOnce()
    {
        await using var desk = await GitHubDeskHarness.StartAsync();
        var threadId = await desk.AskInSlackAsync("Where are the docs for webhooks?");
        var links = desk.Get<ThreadIssueLinkService>();
        var result = await links.CreateIssueAsync(threadId, Repository, "Webhook docs", "body", Ana, TestContext.Current.CancellationToken);
        await desk.WaitForOutboxSentAsync();
        var number = Assert.Single(desk.GitHub.GetIssues(O, R)).Number;

        var again = await links.CompleteCreatedIssueAsync(result.OutboxIds[0], Repository, number, TestContext.Current.CancellationToken);

        Assert.False(again);
        Assert.Single(await desk.OutboxAsync(), m => m.Kind == OutboxKinds.SlackPostMessage);
    }

    [Fact]
    public async Task CreateIssueAsync_BadInput_IsRefusedAndQueuesNothing()
    {
        await using var desk = await GitHubDeskHarness.StartAsync();
        var threadId = await desk.AskInSlackAsync("Question");
        var links = desk.Get<ThreadIssueLinkService>();
        var ct = TestContext.Current.CancellationToken;

        var otherRepo = await links.CreateIssueAsync(threadId, "someone/else", "Title", "Body", Ana, ct);
        var noTitle = await links.CreateIssueAsync(threadId, Repository, " ", "Body", Ana, ct);
        var noThread = await links.CreateIssueAsync(99_999, Repository, "Title", "Body", Ana, ct);

        Assert.Contains("is not one of GitHub:Repositories", otherRepo.Error, StringComparison.Ordinal);
        Assert.Contains("title", noTitle.Error, StringComparison.Ordinal);
        Assert.Contains("no longer exists", noThread.Error, StringComparison.Ordinal);
        Assert.Empty(await desk.OutboxAsync());
        Assert.Empty(await links.GetThreadLinksAsync(threadId, ct));
    }

    [Fact]
    public async Task LinkExistingIssueAsync_ByNumber_LinksPostsAndClosesOnce()
    {
        await using var desk = await GitHubDeskHarness.StartAsync();
        var number = desk.GitHub.OpenIssue(O, R, "kenji-w", "Uploads time out behind a proxy", null);
        await desk.SyncGitHubAsync();
        var threadId = await desk.AskInSlackAsync("My uploads time out, we use a corporate proxy");
        var links = desk.Get<ThreadIssueLinkService>();
        var ct = TestContext.Current.CancellationToken;

        var result = await links.LinkExistingIssueAsync(threadId, Repository, number, Ana, ct);
        var twice = await links.LinkExistingIssueAsync(threadId, Repository, number, Ana, ct);
        var missing = await links.LinkExistingIssueAsync(threadId, Repository, 777, Ana, ct);
        await desk.WaitForOutboxSentAsync();

        Assert.True(result.Succeeded, result.Error);
        Assert.Contains("already linked", twice.Error, StringComparison.Ordinal);
        Assert.Contains("has not been synced", missing.Error, StringComparison.Ordinal);
        var thread = await desk.ThreadAsync(threadId);
        Assert.Equal(ThreadStatus.Closed, thread.Status);
        var posted = Assert.Single(desk.Slack.GetThread(GitHubDeskHarness.SupportChannel, thread.Ts), m => m.Text.Contains(":link:", StringComparison.Ordinal));
        Assert.Contains("Uploads time out behind a proxy", posted.Text, StringComparison.Ordinal);
        var states = await links.GetIssueStatesAsync([threadId, 12345], ct);
        var state = Assert.Single(Assert.Single(states).Value);
        Assert.Equal((number, IssueLinkState.Open), (state.Number, state.State));
    }

    [Fact]
    public async Task FixedIn_ReleaseAfterCompletedClose_IsReadyAndNotifiesEveryLinkedThreadExactlyOnce()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-1));
        await using var desk = await GitHubDeskHarness.StartAsync(sandboxTime: clock);
        desk.GitHub.PublishRelease(O, R, "v1.3.0", "1.3.0", "Before the fix");
        clock.Advance(TimeSpan.FromHours(1));
        var number = desk.GitHub.OpenIssue(O, R, "kenji-w", "Uploads time out behind a proxy", null);
        await desk.SyncGitHubAsync();
        var first = await desk.AskInSlackAsync("Uploads time out behind our proxy");
        clock.Advance(TimeSpan.FromMinutes(5));
        var second = await desk.AskInSlackAsync("Same here: proxy uploads fail");
        var links = desk.Get<ThreadIssueLinkService>();
        var releases = desk.Get<ReleaseNotificationService>();
        var ct = TestContext.Current.CancellationToken;
        await links.LinkExistingIssueAsync(first, Repository, number, Ana, ct);
        await links.LinkExistingIssueAsync(second, Repository, number, Ana, ct);
        await desk.WaitForOutboxSentAsync();

        clock.Advance(TimeSpan.FromHours(2));
        desk.GitHub.Close(O, R, number, GitHubDeskHarness.AnaLogin);
        await desk.SyncGitHubAsync();
        Assert.Empty(await releases.GetReadyAsync(ct));
        Assert.Equal(IssueLinkState.Closed, Assert.Single(await links.GetThreadLinksAsync(first, ct)).State);

        clock.Advance(TimeSpan.FromHours(3));
        desk.GitHub.PublishRelease(O, R, "v1.4.0", "Acme Sync 1.4.0", "Proxy fix");
        await desk.SyncGitHubAsync();

        var ready = Assert.Single(await releases.GetReadyAsync(ct));
        Assert.Equal("v1.4.0", ready.ReleaseTag);
        Assert.Equal([first, second], ready.Threads.Select(t => t.ThreadId));
        Assert.Contains("v1.4.0", ready.DraftMessage, StringComparison.Ordinal);
        Assert.Contains(ready.ReleaseUrl, ready.DraftMessage, StringComparison.Ordinal);
        Assert.Equal(IssueLinkState.Released, Assert.Single(await links.GetThreadLinksAsync(first, ct)).State);

        var notified = await Task.WhenAll(
            releases.NotifyAsync(Repository, number, null, Ana, ct),
            releases.NotifyAsync(Repository, number, null, Ana, ct));
        var again = await releases.NotifyAsync(Repository, number, null, Ana, ct);
        await desk.WaitForOutboxSentAsync();

        Assert.Equal(2, notified.Sum(n => n.OutboxIds.Count));
        Assert.False(again.Succeeded);
        Assert.Empty(await releases.GetReadyAsync(ct));
        foreach (var threadId in new[] { first, second })
        {
            var ts = (await desk.ThreadAsync(threadId)).Ts;
            Assert.Single(desk.Slack.GetThread(GitHubDeskHarness.SupportChannel, ts), m => m.Text.Contains("v1.4.0", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task FixedIn_ClosedAsNotPlannedOrReleasedBeforeClose_IsNeverReady()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-1));
        await using var desk = await GitHubDeskHarness.StartAsync(sandboxTime: clock);
        var notPlanned = desk.GitHub.OpenIssue(O, R, "kenji-w", "Support Windows XP", null);
        var fixedLater = desk.GitHub.OpenIssue(O, R, "priya-raman", "Crash on start", null);
        await desk.SyncGitHubAsync();
        var threadA = await desk.AskInSlackAsync("Does it run on Windows XP?");
        var threadB = await desk.AskInSlackAsync("It crashes on start");
        var links = desk.Get<ThreadIssueLinkService>();
        var ct = TestContext.Current.CancellationToken;
        await links.LinkExistingIssueAsync(threadA, Repository, notPlanned, Ana, ct);
        await links.LinkExistingIssueAsync(threadB, Repository, fixedLater, Ana, ct);
        clock.Advance(TimeSpan.FromHours(1));
        desk.GitHub.PublishRelease(O, R, "v2.0.0", null, null);
        clock.Advance(TimeSpan.FromHours(1));
        desk.GitHub.Close(O, R, notPlanned, GitHubDeskHarness.AnaLogin, "not_planned");
        desk.GitHub.Close(O, R, fixedLater, GitHubDeskHarness.AnaLogin);
        clock.Advance(TimeSpan.FromHours(1));
        desk.GitHub.PublishRelease(O, R, "v2.0.1", null, null);
        await desk.SyncGitHubAsync();

        var ready = Assert.Single(await desk.Get<ReleaseNotificationService>().GetReadyAsync(ct));

        Assert.Equal(fixedLater, ready.Number);
        Assert.Equal("v2.0.1", ready.ReleaseTag);
        var refused = await desk.Get<ReleaseNotificationService>().NotifyAsync(Repository, notPlanned, null, Ana, ct);
        Assert.False(refused.Succeeded);
        Assert.Equal(IssueLinkState.Closed, Assert.Single(await links.GetThreadLinksAsync(threadA, ct)).State);
    }
}
