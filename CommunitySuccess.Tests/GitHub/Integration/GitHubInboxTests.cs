using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Sandbox.GitHub;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CommunitySuccess.Tests.GitHub.Integration;

/// <summary>
/// GitHub items in the one inbox, end to end: the sandbox's GitHub (webhooks or polling) feeds the app, the inbox shows
/// the item with the status PRODUCT.md's table gives it, and the pane's actions reach GitHub once through the outbox.
/// </summary>
public abstract class GitHubInboxTests(TestProvider provider)
{
    private Task<GitHubDeskHarness> StartDeskAsync(Action<Dictionary<string, string?>>? configure = null, TimeProvider? sandboxTime = null) =>
        GitHubDeskHarness.StartAsync(configure, sandboxTime, provider);

    private const string O = GitHubDeskHarness.Owner;
    private const string R = GitHubDeskHarness.Repo;
    private const string Outsider = "priya-raman";
    private static readonly AppActor Ana = new("Ana Lima", AppFactory.AdminEmail);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Webhook_TriageIssueOpened_ShowsInTheInboxOpenWithinSeconds()
    {
        await using var desk = await StartWithWebhooksAsync();

        var number = desk.GitHub.OpenIssue(O, R, Outsider, "Crash on start after upgrade", "Stack trace below", [GitHubDeskHarness.Triage]);

        var row = await WaitForRowAsync(desk, number, r => r.Status == ThreadStatus.Open);
        Assert.Equal($"{GitHubDeskHarness.Repository}#{number}", row.IssueKey);
        Assert.Equal("Crash on start after upgrade", row.FirstLine);
        Assert.Equal(Outsider, row.UserName);
        Assert.Contains(GitHubDeskHarness.Triage, row.Labels);
        Assert.True(row.WaitingForTeam);
    }

    [Fact]
    public async Task Sync_WithoutWebhooks_TriageIssueIsOpenAfterOneSyncAndCountsAsWaiting()
    {
        await using var desk = await StartDeskAsync();
        var number = desk.GitHub.OpenIssue(O, R, Outsider, "Docs typo", null, [GitHubDeskHarness.Triage]);
        var thread = await desk.AskInSlackAsync("How do I configure S3?");

        await desk.SyncGitHubAsync();

        var queries = desk.Get<InboxQueryService>();
        var all = await queries.GetPageAsync(InboxView.All, InboxOrder.Oldest, InboxSourceFilter.All, 0, 50, Ct);
        Assert.Contains(all.Rows, r => r.IssueKey == $"{GitHubDeskHarness.Repository}#{number}" && r.Status == ThreadStatus.Open);
        Assert.Contains(all.Rows, r => r.ThreadId == thread);
        var counts = await queries.GetCountsAsync(Ct);
        Assert.Equal(2, counts.WaitingForTeam);
        Assert.Equal(1, (await queries.GetCountsAsync(InboxSourceFilter.GitHub, Ct))[InboxView.Open]);
        var slackOnly = await queries.GetPageAsync(InboxView.All, InboxOrder.Oldest, InboxSourceFilter.Slack, 0, 50, Ct);
        Assert.All(slackOnly.Rows, r => Assert.Equal(InboxSource.Slack, r.Source));
    }

    [Fact]
    public async Task Comment_FromTheInbox_ReachesGitHubOnceAndTheItemReadsInProgress()
    {
        await using var desk = await StartDeskAsync();
        var number = desk.GitHub.OpenIssue(O, R, Outsider, "Crash", null, [GitHubDeskHarness.Triage]);
        await desk.SyncGitHubAsync();

        var result = await desk.Get<GitHubIssueActionsService>().CommentAsync(GitHubDeskHarness.Repository, number, "Could you share the logs?", Ana, Ct);
        await desk.WaitForOutboxSentAsync();
        await desk.SyncGitHubAsync();

        Assert.True(result.Succeeded, result.Error);
        Assert.Single(desk.GitHub.GetIssue(O, R, number)!.Comments);
        var row = await RowAsync(desk, number);
        Assert.Equal(ThreadStatus.InProgress, row.Status);
        Assert.Equal(IssueStatusRules.ReasonTeamComment, row.StatusReason);
        Assert.False(row.WaitingForTeam);
    }

    [Fact]
    public async Task NoReplyNeeded_ThenAnOutsideComment_ReopensTheItem()
    {
        await using var desk = await StartWithWebhooksAsync();
        var number = desk.GitHub.OpenIssue(O, R, Outsider, "Thanks for the release!", null, [GitHubDeskHarness.Triage]);
        var item = await WaitForRowAsync(desk, number, r => r.Status == ThreadStatus.Open);

        var closed = await desk.Get<IssueItemActionsService>().CloseAsync(item.Id, IssueCloseChoice.NoReplyNeeded, Ana, Ct);
        Assert.True(closed.Succeeded, closed.Error);
        Assert.Empty(await desk.OutboxAsync());
        Assert.Equal(ThreadStatus.Closed, (await RowAsync(desk, number)).Status);

        desk.GitHub.Comment(O, R, number, Outsider, "Actually, one more question about the upgrade");

        var reopened = await WaitForRowAsync(desk, number, r => r.Status == ThreadStatus.Open);
        Assert.Equal(IssueStatusRules.ReasonOutsideComment, reopened.StatusReason);
        Assert.True(reopened.WaitingForTeam);
    }

    [Fact]
    public async Task TriageReplacedByProductReviewOnGitHub_ClosesTheItemSayingSo()
    {
        await using var desk = await StartWithWebhooksAsync();
        var number = desk.GitHub.OpenIssue(O, R, Outsider, "Support S3 buckets", null, [GitHubDeskHarness.Triage]);
        await WaitForRowAsync(desk, number, r => r.Status == ThreadStatus.Open);

        desk.GitHub.AddLabel(O, R, number, GitHubDeskHarness.AnaLogin, GitHubDeskHarness.ProductReview);
        desk.GitHub.RemoveLabel(O, R, number, GitHubDeskHarness.AnaLogin, GitHubDeskHarness.Triage);

        var row = await WaitForRowAsync(desk, number, r => r.Status == ThreadStatus.Closed);
        Assert.Equal("triaged: Product review", row.StatusReason);
    }

    [Fact]
    public async Task ClosedThenReopenedOnGitHub_ClosesAndReopensTheItem()
    {
        await using var desk = await StartWithWebhooksAsync();
        var number = desk.GitHub.OpenIssue(O, R, Outsider, "Flaky test", null, [GitHubDeskHarness.Triage]);
        await WaitForRowAsync(desk, number, r => r.Status == ThreadStatus.Open);

        desk.GitHub.Close(O, R, number, Outsider);
        Assert.Equal(IssueStatusRules.ReasonClosedOnGitHub, (await WaitForRowAsync(desk, number, r => r.Status == ThreadStatus.Closed)).StatusReason);

        desk.GitHub.Reopen(O, R, number, Outsider);
        Assert.Equal(IssueStatusRules.ReasonReopenedOnGitHub, (await WaitForRowAsync(desk, number, r => r.Status == ThreadStatus.Open)).StatusReason);
    }

    [Fact]
    public async Task SetInProgress_AddsOurEyesOnGitHubOnce()
    {
        await using var desk = await StartDeskAsync();
        var number = desk.GitHub.OpenIssue(O, R, Outsider, "Crash", null, [GitHubDeskHarness.Triage]);
        await desk.SyncGitHubAsync();
        var item = await RowAsync(desk, number);
        var actions = desk.Get<IssueItemActionsService>();

        var result = await actions.SetInProgressAsync(item.Id, Ana, Ct);
        var again = await actions.SetInProgressAsync(item.Id, Ana, Ct);
        await desk.WaitForOutboxSentAsync();

        Assert.True(result.Succeeded, result.Error);
        Assert.False(again.Succeeded);
        Assert.Equal(1, desk.GitHub.GetIssue(O, R, number)!.Reactions.GetValueOrDefault("eyes"));
        Assert.Equal(ThreadStatus.InProgress, (await RowAsync(desk, number)).Status);
    }

    [Fact]
    public async Task CloseAnswered_RemovesTheTriageLabelOnGitHubAndStaysClosed()
    {
        await using var desk = await StartDeskAsync();
        var number = desk.GitHub.OpenIssue(O, R, Outsider, "How do I?", null, [GitHubDeskHarness.Triage, "question"]);
        await desk.SyncGitHubAsync();
        var item = await RowAsync(desk, number);

        var result = await desk.Get<IssueItemActionsService>().CloseAsync(item.Id, IssueCloseChoice.Answered, Ana, Ct);
        await desk.WaitForOutboxSentAsync();
        await desk.SyncGitHubAsync();

        Assert.True(result.Succeeded, result.Error);
        var onGitHub = desk.GitHub.GetIssue(O, R, number)!;
        Assert.DoesNotContain(GitHubDeskHarness.Triage, onGitHub.Labels);
        Assert.Equal("open", onGitHub.State);
        var row = await RowAsync(desk, number);
        Assert.Equal(ThreadStatus.Closed, row.Status);
        Assert.Equal("set in app: Answered", row.StatusReason);
    }

    [Fact]
    public async Task FollowUpAndClose_MentionsTheAuthorAndClosesHereWhileTheIssueStaysOpen()
    {
        await using var desk = await StartDeskAsync();
        var number = desk.GitHub.OpenIssue(O, R, Outsider, "Upgrade fails", null, [GitHubDeskHarness.Triage]);
        desk.GitHub.Comment(O, R, number, GitHubDeskHarness.AnaLogin, "Does 2.3.1 fix it for you?");
        await desk.SyncGitHubAsync();
        var item = await RowAsync(desk, number);
        Assert.Equal(ThreadStatus.InProgress, item.Status);

        var result = await desk.Get<IssueItemActionsService>().FollowUpAndCloseAsync(item.Id, closeOnGitHub: false, Ana, Ct);
        await desk.WaitForOutboxSentAsync();

        Assert.True(result.Succeeded, result.Error);
        var onGitHub = desk.GitHub.GetIssue(O, R, number)!;
        Assert.StartsWith($"@{Outsider} ", onGitHub.Comments[^1].Body, StringComparison.Ordinal);
        Assert.Equal("open", onGitHub.State);
        Assert.Equal(ThreadStatus.Closed, (await RowAsync(desk, number)).Status);
    }

    [Fact]
    public async Task FollowUpRule_TeamSpokeLastMoreThan48HoursAgo_FlagsTheItemButNeverPostsByItself()
    {
        var sandboxClock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-3));
        await using var desk = await StartDeskAsync(s => s["Inbox:AutoFollowUp"] = "true", sandboxClock);
        var number = desk.GitHub.OpenIssue(O, R, Outsider, "Upgrade fails", null, [GitHubDeskHarness.Triage]);
        sandboxClock.Advance(TimeSpan.FromHours(1));
        desk.GitHub.Comment(O, R, number, GitHubDeskHarness.AnaLogin, "Does 2.3.1 fix it for you?");
        await desk.SyncGitHubAsync();

        var result = await desk.Get<FollowUpService>().EvaluateAsync(Ct);

        var row = await RowAsync(desk, number);
        Assert.True(row.NeedsFollowUp);
        Assert.Equal(ThreadStatus.InProgress, row.Status);
        Assert.Equal(0, result.AutoFollowedUp);
        Assert.Empty(await desk.OutboxAsync());
        Assert.Equal(1, (await desk.Get<InboxQueryService>().GetCountsAsync(InboxSourceFilter.GitHub, Ct))[InboxView.NeedsFollowUp]);
    }

    [Fact]
    public async Task OnHold_WithoutANote_IsRefusedAndWithOneShowsTheReason()
    {
        await using var desk = await StartDeskAsync();
        var number = desk.GitHub.OpenIssue(O, R, Outsider, "Needs a repro", null, [GitHubDeskHarness.Triage]);
        await desk.SyncGitHubAsync();
        var item = await RowAsync(desk, number);
        var actions = desk.Get<IssueItemActionsService>();

        var refused = await actions.SetOnHoldAsync(item.Id, "  ", Ana, Ct);
        var held = await actions.SetOnHoldAsync(item.Id, "waiting for a repro repository", Ana, Ct);

        Assert.False(refused.Succeeded);
        Assert.Contains("note", refused.Error, StringComparison.OrdinalIgnoreCase);
        Assert.True(held.Succeeded, held.Error);
        var detail = await desk.Get<InboxQueryService>().GetIssueItemAsync(item.Id, Ct);
        Assert.Equal(ThreadStatus.OnHold, detail!.Row.Status);
        Assert.Equal("waiting for a repro repository", detail.OnHoldNote);
    }

    [Fact]
    public async Task TeamAuthoredIssueWithoutTriage_StaysOutOfTheInboxUntilSomeoneOutsideComments()
    {
        await using var desk = await StartWithWebhooksAsync();
        var number = desk.GitHub.OpenIssue(O, R, GitHubDeskHarness.AnaLogin, "Refactor the exporter", null);
        await desk.SyncGitHubAsync();
        Assert.Null(await FindRowAsync(desk, number));

        desk.GitHub.Comment(O, R, number, Outsider, "Will this change the CSV format?");

        var row = await WaitForRowAsync(desk, number, r => r.Status == ThreadStatus.Open);
        Assert.True(row.WaitingForTeam);
    }

    [Fact]
    public async Task DeletedOnGitHub_AWriteAnswered410_TakesTheItemOutOfTheInboxAndFailsOnceWithTheReason()
    {
        await using var desk = await StartDeskAsync();
        var number = desk.GitHub.OpenIssue(O, R, Outsider, "Spam", null, [GitHubDeskHarness.Triage]);
        await desk.SyncGitHubAsync();
        Assert.NotNull(await FindRowAsync(desk, number));
        desk.GitHub.DeleteIssue(O, R, number);

        await desk.Get<GitHubIssueActionsService>().CommentAsync(GitHubDeskHarness.Repository, number, "Hello?", Ana, Ct);
        var write = await Wait.UntilAsync(async () => (await desk.OutboxAsync()).Single(), w => w.Status != OutboxStatus.Pending,
            "the comment to be tried", TimeSpan.FromSeconds(20), dispatch: () => desk.Get<OutboxDispatcher>().DispatchDueAsync(Ct));

        Assert.Equal(OutboxStatus.Failed, write.Status);
        Assert.Equal(1, write.Attempts);
        Assert.Null(await FindRowAsync(desk, number));
        var triage = await desk.Get<GitHubQueueService>().GetPageAsync(GitHubQueue.Triage, 1, 10, Ct);
        Assert.DoesNotContain(triage.Items, i => i.Number == number);
    }

    [Fact]
    public async Task CommentUpsert_ALateOlderCopy_DoesNotBringBackTheEditedText()
    {
        await using var desk = await StartDeskAsync();
        var number = desk.GitHub.OpenIssue(O, R, Outsider, "Crash", null, [GitHubDeskHarness.Triage]);
        await desk.SyncGitHubAsync();
        var ingest = desk.Get<GitHubIngestService>();
        var created = new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);
        var edited = new GitHubCommentRecord(77, number, Outsider, "Edited: the crash happens on 2.3.1 only", created, created.AddMinutes(5), "https://example.test/c/77");

        await ingest.UpsertCommentsAsync(GitHubDeskHarness.Repository, [edited], Ct);
        await ingest.UpsertCommentsAsync(GitHubDeskHarness.Repository, [edited with { Body = "Original text", UpdatedAt = created }], Ct);

        var detail = await desk.Get<GitHubQueueService>().GetIssueAsync(GitHubDeskHarness.Repository, number, Ct);
        Assert.Equal("Edited: the crash happens on 2.3.1 only", Assert.Single(detail!.Comments).Body);
    }

    private async Task<GitHubDeskHarness> StartWithWebhooksAsync()
    {
        var desk = await StartDeskAsync();
        desk.GitHub.WebhookTarget = new GitHubWebhookSender(new Uri(desk.App.BaseAddress, "github/webhooks"), GitHubDeskHarness.WebhookSecret);
        return desk;
    }

    private static async Task<InboxRow?> FindRowAsync(GitHubDeskHarness desk, int number)
    {
        await using var db = await desk.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        var key = $"{GitHubDeskHarness.Repository}#{number}";
        var id = await db.Set<InboxItem>().Where(i => i.Source == InboxSource.GitHub && i.SourceKey == key).Select(i => (long?)i.Id).FirstOrDefaultAsync(Ct);
        return id is { } itemId ? await desk.Get<InboxQueryService>().GetRowAsync(itemId, Ct) : null;
    }

    private static async Task<InboxRow> RowAsync(GitHubDeskHarness desk, int number) =>
        await FindRowAsync(desk, number) ?? throw new Xunit.Sdk.XunitException($"#{number} has no inbox row.");

    /// <summary>Webhooks arrive on their own time: wait until the item's row satisfies <paramref name="condition"/>.</summary>
    private static async Task<InboxRow> WaitForRowAsync(GitHubDeskHarness desk, int number, Func<InboxRow, bool> condition) =>
        (await Wait.UntilAsync(() => FindRowAsync(desk, number), r => r is not null && condition(r), $"#{number} in the inbox"))!;
}

public sealed class GitHubInboxOnSqliteTests() : GitHubInboxTests(TestProvider.Sqlite);

public sealed class GitHubInboxOnPostgresTests() : GitHubInboxTests(TestProvider.Postgres);
