using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Insights;
using CommunitySuccess.Core.OnCall;
using CommunitySuccess.Core.Team;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Sandbox.Slack;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySuccess.Tests.Insights;

/// <summary>The insights service on a real database: histories written as the inbox writes them, read back through the indexed queries.</summary>
public abstract class InsightsServiceTests(TestProvider provider)
{
    // Monday 7 December 2026, 12:00 UTC.
    private static readonly DateTime Now = new(2026, 12, 7, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime LastMonday = Now.Date.AddDays(-7);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetReport_HistoriesInAndAroundTheRange_CountsOnlyItemsCreatedInItAndMeasuresOpenOnesUntilNow()
    {
        await using var harness = await InsightsHarness.StartAsync(new DateTimeOffset(Now), provider);
        await SeedAsync(harness);

        var report = await harness.Insights.GetReportAsync(
            new InsightsQuery(DateOnly.FromDateTime(LastMonday), DateOnly.FromDateTime(Now), InboxSourceFilter.All), Ct);

        Assert.Equal(["C1/1.000", "acme/widgets#7", "acme/widgets#8"], report.Items.Select(i => i.Key));
        var week = Assert.Single(report.Weeks, w => w.WeekStart == LastMonday);
        // Thread: answered after 2 h; issue #7: triaged after 6 h; issue #8: still open.
        Assert.Equal(3, week.ItemIds.Count);
        Assert.Equal(2, week.FirstResponse.Count);
        Assert.Equal(2, week.FirstResponse.MedianHours);
        Assert.Equal(6, week.FirstResponse.P90Hours);
        Assert.Equal(6, week.TriageAge.MedianHours);
        var open = report.Items.Single(i => i.Key == "acme/widgets#8");
        Assert.Null(open.Closed);
        Assert.Equal((Now - LastMonday.AddDays(1).AddHours(10)).TotalHours, open.WaitingHours, 3);
        Assert.Equal(["logs"], report.OnHoldReasons.Where(r => r.Word == "logs").Select(r => r.Word));

        var slackOnly = await harness.Insights.GetReportAsync(
            new InsightsQuery(DateOnly.FromDateTime(LastMonday), DateOnly.FromDateTime(Now), InboxSourceFilter.Slack), Ct);
        Assert.Equal(["C1/1.000"], slackOnly.Items.Select(i => i.Key));
        Assert.Equal(1, slackOnly.Items[0].Reopens);
    }

    [Fact]
    public async Task GetReport_RotationOfTwo_LoadPerPersonCountsArrivalsFirstResponsesAndHandOffsWithOpenItems()
    {
        // The rotation is set up on the first Monday (versions never start in the past), then the week goes by.
        await using var harness = await InsightsHarness.StartAsync(new DateTimeOffset(LastMonday), provider);
        var team = harness.Services.GetRequiredService<TeamService>();
        await team.SeedIfEmptyAsync(
        [
            new TeamMember { Name = "Ana Lima", Email = "ana@example.test", SlackUserId = "U_ANA", GitHubLogin = "ana-lima" },
            new TeamMember { Name = "Ben Carter", Email = "ben@example.test", SlackUserId = "U_BEN", GitHubLogin = "ben-carter" },
        ], Ct);
        var ids = (await team.ListAsync(Ct)).OrderBy(m => m.Id).Select(m => m.Id).ToList();
        var onCall = harness.Services.GetRequiredService<OnCallService>();
        var saved = await onCall.SaveRotationAsync(
            new RotationInput(DateOnly.FromDateTime(LastMonday), ids, [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]),
            new TeamActor("Admin", "admin@example.test", IsAdmin: true), Ct);
        Assert.True(saved.Succeeded, saved.Error);
        await SeedAsync(harness);
        harness.Time.SetUtcNow(new DateTimeOffset(Now));

        var report = await harness.Insights.GetReportAsync(
            new InsightsQuery(DateOnly.FromDateTime(LastMonday), DateOnly.FromDateTime(Now), InboxSourceFilter.All), Ct);

        // Mon Ana, Tue Ben, Wed Ana, Thu Ben, Fri Ana (hand-offs at 09:00 UTC). Issue #8 (Tue 10:00) stays open: every
        // hand-off from Wednesday on leaves it to the next person.
        var keys = report.Items.ToDictionary(i => i.Id, i => i.Key);
        var ana = report.OnCallLoad.Single(l => l.Person == "Ana Lima");
        var ben = report.OnCallLoad.Single(l => l.Person == "Ben Carter");
        Assert.Equal(["C1/1.000", "acme/widgets#7"], ana.ArrivedIds.Select(id => keys[id]));
        Assert.Equal(["acme/widgets#8"], ben.ArrivedIds.Select(id => keys[id]));
        Assert.Equal(["acme/widgets#7"], ana.RespondedIds.Select(id => keys[id]));
        Assert.Equal(["C1/1.000"], ben.RespondedIds.Select(id => keys[id]));
        Assert.Equal((3, 2), (ana.Handoffs, ana.HandoffsWithOpenItems));
        Assert.Equal((2, 2), (ben.Handoffs, ben.HandoffsWithOpenItems));
        Assert.Equal(["acme/widgets#8"], ben.HandedOverIds.Select(id => keys[id]));
    }

    [Fact]
    public async Task ExportCsv_AskerNameLikeAFormula_IsNeutralisedAndEveryItemHasARow()
    {
        await using var harness = await InsightsHarness.StartAsync(new DateTimeOffset(Now), provider);
        await SeedAsync(harness);

        var csv = await harness.Insights.ExportCsvAsync(
            new InsightsQuery(DateOnly.FromDateTime(LastMonday), DateOnly.FromDateTime(Now), InboxSourceFilter.All), Ct);

        var lines = csv.TrimEnd().Split("\r\n");
        Assert.Equal(4, lines.Length);
        Assert.Equal("source,key,asker,created,first_response,closed,waiting_hours,waiting_working_hours,reopens", lines[0]);
        // Waiting for the team: 09:00–11:00 and, after the re-open, 16:00–17:00 (then On Hold).
        Assert.Equal("Slack,C1/1.000,\"'=HYPERLINK(\"\"http://evil\"\")\",2026-11-30T09:00:00Z,2026-11-30T11:00:00Z,2026-12-01T09:00:00Z,3.00,3.00,1", lines[1]);
    }

    private static async Task SeedAsync(InsightsHarness harness)
    {
        await using var db = await harness.DbAsync();
        var monday = LastMonday;

        // A Slack thread (its inbox row is projected on save): asked Monday 09:00, answered 11:00, closed 15:00, re-opened and put On Hold, closed Tuesday 09:00.
        var thread = new SupportThread { ChannelId = "C1", Ts = "1.000", UserId = "U_ASKER", CreatedAt = monday.AddHours(9), Status = ThreadStatus.Closed };
        db.Add(thread);
        db.Add(new SlackUserProfile { SlackUserId = "U_ASKER", DisplayName = "=HYPERLINK(\"http://evil\")" });
        await db.SaveChangesAsync(Ct);
        // The inbox's projection wrote the thread's row in InboxItems with the thread.
        db.AddRange(
            ThreadMove(thread.Id, monday.AddHours(11), ThreadStatus.Open, ThreadStatus.InProgress, ThreadStatusRules.ReasonTeamReply, "U_BEN"),
            ThreadMove(thread.Id, monday.AddHours(15), ThreadStatus.InProgress, ThreadStatus.Closed, ThreadStatusRules.ReasonTeamCheckmark),
            ThreadMove(thread.Id, monday.AddHours(16), ThreadStatus.Closed, ThreadStatus.Open, ThreadStatusRules.ReasonUserMessage),
            ThreadMove(thread.Id, monday.AddHours(17), ThreadStatus.Open, ThreadStatus.OnHold, ThreadStatusRules.ReasonSetInAppPrefix + "On Hold"),
            ThreadMove(thread.Id, monday.AddDays(1).AddHours(9), ThreadStatus.OnHold, ThreadStatus.Closed, ThreadStatusRules.ReasonTeamCheckmark));
        db.Add(new ThreadNote { ThreadId = thread.Id, Author = "ana@example.test", At = monday.AddHours(17), Text = "Waiting for logs", Kind = ThreadNoteKind.OnHoldReason });

        // GitHub: #7 triaged after 6 hours; #8 still open; #6 created the week before the range.
        var triaged = Issue(7, "octocat", monday.AddHours(10));
        var open = Issue(8, "hubot", monday.AddDays(1).AddHours(10));
        var before = Issue(6, "hubot", monday.AddDays(-3));
        db.AddRange(triaged, open, before);
        await db.SaveChangesAsync(Ct);
        db.Add(new InboxItemStatusChange
        {
            ItemId = triaged.Id, From = ThreadStatus.Open, To = ThreadStatus.Closed, At = monday.AddHours(16),
            Reason = IssueStatusRules.ReasonTriagedPrefix + "Product review", By = "ana-lima",
        });
        await db.SaveChangesAsync(Ct);
    }

    private static InboxItem Issue(int number, string author, DateTime created) => new()
    {
        Source = InboxSource.GitHub,
        SourceKey = $"acme/widgets#{number}",
        Location = "acme/widgets",
        AuthorId = author,
        CreatedAt = created,
        LastActivityAt = created,
        StatusChangedAt = created,
        GitHubIssueId = 1000 + number,
        Number = number,
        Status = ThreadStatus.Open,
    };

    private static ThreadStatusChange ThreadMove(long threadId, DateTime at, ThreadStatus from, ThreadStatus to, string reason, string? by = null) =>
        new() { ThreadId = threadId, At = at, From = from, To = to, Reason = reason, BySlackUserId = by };
}

public sealed class InsightsServiceOnSqliteTests() : InsightsServiceTests(TestProvider.Sqlite)
{
    // Monday 7 December 2026, 08:00 UTC: before the hand-off, so the digest job runs as Hangfire would on Monday morning.
    private static readonly DateTimeOffset MondayMorning = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task DigestJob_WithTheSandbox_PostsLastWeeksFiguresToTheTriageChannelOnce()
    {
        await using var harness = await InsightsHarness.StartAsync(MondayMorning.AddDays(-3), withSandbox: true, configure: s => s["Insights:WeeklyDigest"] = "true");
        await harness.Services.GetRequiredService<SlackSyncService>().SyncAllAsync(TestContext.Current.CancellationToken);
        harness.Time.SetUtcNow(MondayMorning);
        var job = harness.Services.GetRequiredService<InsightsDigestJob>();

        var first = await job.RunAsync(TestContext.Current.CancellationToken);
        var second = await job.RunAsync(TestContext.Current.CancellationToken);
        await harness.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(TestContext.Current.CancellationToken);

        Assert.Equal((DigestOutcome.Posted, DigestOutcome.AlreadyPosted), (first, second));
        var post = Assert.Single(harness.Sandbox!.Slack.GetHistory(SlackWorkspace.DemoTriageChannelId), m => m.Text.Contains("Community insights", StringComparison.Ordinal));
        Assert.Contains("*Community insights, week of 2026-11-30*", post.Text, StringComparison.Ordinal);
        Assert.Matches(@"• [1-9]\d* new items \([1-9]\d* Slack, 0 GitHub\)", post.Text);
        Assert.Contains("First response: median ", post.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DigestJob_SettingOff_PostsNothing()
    {
        await using var harness = await InsightsHarness.StartAsync(MondayMorning, withSandbox: false, configure: s => s["Slack:TriageChannel"] = "C0TRIAGE");

        Assert.Equal(DigestOutcome.NotConfigured, await harness.Services.GetRequiredService<InsightsDigestJob>().RunAsync(TestContext.Current.CancellationToken));
        await using var db = await harness.DbAsync();
        Assert.Empty(db.Set<OutboxMessage>());
    }
}

public sealed class InsightsServiceOnPostgresTests() : InsightsServiceTests(TestProvider.Postgres);
