using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.OnCall;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Sandbox.Slack;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySuccess.Tests.OnCall;

public sealed class OnCallDirectMessageJobTests
{
    private const string Support = SlackWorkspace.DemoSupportChannelId;
    private const string AnaSlack = "U05ANALIMA1";
    private const string BenSlack = "U05BENCARTR";
    private const string Priya = "U05PRIYARAM";
    private const string Kenji = "U05KENJIWAT";

    // Monday 9 March 2026, 10:00 UTC: Ana (Europe/Lisbon, UTC+0 in March) is on call and at work.
    private static readonly DateTimeOffset MondayMorning = new(2026, 3, 9, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunAsync_NewThreadsDuringWorkingHours_SendsTheOnCallOneDirectMessageListingThem()
    {
        await using var harness = await StartAsync(MondayMorning);
        var slack = harness.Sandbox!.Slack;

        var first = await RunAsync(harness);
        slack.PostAsUser(Support, Priya, "Export fails with a 500 on large projects");
        slack.PostAsUser(Support, Kenji, "How do I rotate the API key?");
        await SyncAsync(harness);
        var second = await RunAsync(harness);
        await DispatchAsync(harness);

        Assert.Equal(DirectMessageOutcome.NothingNew, first);
        Assert.Equal(DirectMessageOutcome.Sent, second);
        var message = Assert.Single(slack.DirectMessagesTo(AnaSlack));
        Assert.Contains("2 conversations are waiting for the team", message.Text, StringComparison.Ordinal);
        Assert.Contains($"New thread from <@{Priya}> in <#{Support}>: “Export fails with a 500 on large projects”", message.Text, StringComparison.Ordinal);
        Assert.Contains($"<@{Kenji}>", message.Text, StringComparison.Ordinal);
        Assert.Contains("https://sandbox.slack.com/archives/" + Support + "/p", message.Text, StringComparison.Ordinal);
        Assert.Empty(slack.DirectMessagesTo(BenSlack));
    }

    [Fact]
    public async Task RunAsync_TwoOverlappingRuns_SendOneDirectMessage()
    {
        await using var harness = await StartAsync(MondayMorning);
        var slack = harness.Sandbox!.Slack;
        await RunAsync(harness);
        slack.PostAsUser(Support, Priya, "Export fails with a 500 on large projects");
        await SyncAsync(harness);

        // Two job instances (as two workers or two app instances would run them), both reading the same cursor.
        var outcomes = await Task.WhenAll(
            Task.Run(() => NewJob(harness).RunAsync(TestContext.Current.CancellationToken)),
            Task.Run(() => NewJob(harness).RunAsync(TestContext.Current.CancellationToken)));
        await DispatchAsync(harness);

        Assert.Single(outcomes, o => o == DirectMessageOutcome.Sent);
        Assert.Single(slack.DirectMessagesTo(AnaSlack));
    }

    [Fact]
    public async Task RunAsync_ActivityWithinTheBatchWindow_WaitsAndGoesOutTogether()
    {
        await using var harness = await StartAsync(MondayMorning);
        var slack = harness.Sandbox!.Slack;
        await RunAsync(harness);
        var priyaThread = slack.PostAsUser(Support, Priya, "Export fails with a 500 on large projects");
        var kenjiThread = slack.PostAsUser(Support, Kenji, "How do I rotate the API key?");
        await SyncAsync(harness);
        await RunAsync(harness);

        harness.Time.Advance(TimeSpan.FromMinutes(1));
        slack.PostAsUser(Support, Priya, "Here is the stack trace", priyaThread);
        slack.PostAsUser(Support, AnaSlack, "Settings → API keys → Rotate.", kenjiThread);
        await SyncAsync(harness);
        var withinWindow = await RunAsync(harness);
        harness.Time.Advance(OnCallDirectMessageJob.BatchWindow);
        var afterWindow = await RunAsync(harness);
        await DispatchAsync(harness);

        Assert.Equal(DirectMessageOutcome.Batching, withinWindow);
        Assert.Equal(DirectMessageOutcome.Sent, afterWindow);
        var messages = slack.DirectMessagesTo(AnaSlack);
        Assert.Equal(2, messages.Count);
        Assert.Contains($"1 new reply from <@{Priya}>", messages[1].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Kenji, messages[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_GitHubIssueAndCommentWaitingForTheTeam_AreListedWithLinksToTheirInboxPages()
    {
        await using var harness = await StartAsync(MondayMorning, publicUrl: "https://desk.acme.example/");
        var slack = harness.Sandbox!.Slack;
        await RunAsync(harness);
        var opened = MondayMorning.UtcDateTime.AddMinutes(-5);
        var issue = await AddIssueItemAsync(harness, 12, "Crash <!channel> on start", opened, lastActivity: opened, lastByTeam: false);
        var commented = await AddIssueItemAsync(harness, 7, "Helm chart values", opened.AddDays(-3), lastActivity: opened.AddMinutes(2), lastByTeam: false);
        await AddIssueItemAsync(harness, 9, "Answered by the team", opened.AddDays(-2), lastActivity: opened.AddMinutes(3), lastByTeam: true);

        var outcome = await RunAsync(harness);
        await DispatchAsync(harness);

        Assert.Equal(DirectMessageOutcome.Sent, outcome);
        var message = Assert.Single(slack.DirectMessagesTo(AnaSlack)).Text;
        Assert.Contains("2 conversations are waiting for the team", message, StringComparison.Ordinal);
        Assert.Contains($"New issue acme/widgets#12 by priya-raman: “Crash &lt;!channel&gt; on start” <https://desk.acme.example/inbox/{issue}|open>", message, StringComparison.Ordinal);
        Assert.Contains($"New comment on the issue acme/widgets#7 by priya-raman: “Helm chart values” <https://desk.acme.example/inbox/{commented}|open>", message, StringComparison.Ordinal);
        Assert.DoesNotContain("#9", message, StringComparison.Ordinal);

        // Nothing new since: the next run (after the batch window) sends nothing.
        harness.Time.Advance(OnCallDirectMessageJob.BatchWindow);
        Assert.Equal(DirectMessageOutcome.NothingNew, await RunAsync(harness));
    }

    [Fact]
    public async Task RunAsync_OutsideTheOnCallsHours_SendsNothingThenOrLater()
    {
        // Monday 19:30 UTC: Ana is still on call but her day (Lisbon) has ended.
        await using var harness = await StartAsync(new DateTimeOffset(2026, 3, 9, 19, 30, 0, TimeSpan.Zero));
        var slack = harness.Sandbox!.Slack;
        await RunAsync(harness);
        slack.PostAsUser(Support, Priya, "Is the cloud version down?");
        await SyncAsync(harness);

        var evening = await RunAsync(harness);
        // Tuesday 14:00 UTC is 10:00 in New York: Ben is on call and at work.
        harness.Time.Advance(TimeSpan.FromHours(18.5));
        var nextMorning = await RunAsync(harness);
        await DispatchAsync(harness);

        Assert.Equal(DirectMessageOutcome.Skipped, evening);
        Assert.Equal(DirectMessageOutcome.NothingNew, nextMorning);
        Assert.Empty(slack.DirectMessagesTo(AnaSlack));
        Assert.Empty(slack.DirectMessagesTo(BenSlack));
        Assert.DoesNotContain(await harness.OutboxAsync(), m => m.Kind == OutboxKinds.SlackPostMessage);
    }

    [Theory]
    [InlineData("2026-03-09T08:59:00Z", "Europe/Lisbon", false)] // before 09:00 in Lisbon
    [InlineData("2026-03-09T09:00:00Z", "Europe/Lisbon", true)]
    [InlineData("2026-03-09T17:59:00Z", "Europe/Lisbon", true)]
    [InlineData("2026-03-09T18:00:00Z", "Europe/Lisbon", false)]
    [InlineData("2026-03-09T12:00:00Z", "America/New_York", false)] // 08:00 EDT
    [InlineData("2026-03-09T13:00:00Z", "America/New_York", true)] // 09:00 EDT
    [InlineData("2026-03-07T12:00:00Z", "Europe/Lisbon", false)] // Saturday
    public void IsWorkingHours_InThePersonsOwnTimeZone(string instant, string zone, bool expected)
    {
        var schedule = new OnCallSchedule(
            new ScheduleClock(TimeZoneInfo.Utc, new TimeOnly(9, 0), new HashSet<DateOnly>()),
            [],
            [],
            new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday });
        var person = new OnCallPerson(1, "Ana Lima", "ana@acme.example", AnaSlack, zone, true);

        var working = OnCallDirectMessageJob.IsWorkingHours(schedule, person, DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, working);
    }

    private static async Task<OnCallHarness> StartAsync(DateTimeOffset now, string? publicUrl = null)
    {
        var harness = await OnCallHarness.StartAsync(now, settings => settings["App:PublicUrl"] = publicUrl, withSandbox: true);
        var members = await harness.SeedTeamAsync(
            ("Ana Lima", "ana@acme.example", AnaSlack, "Europe/Lisbon"),
            ("Ben Carter", "ben@acme.example", BenSlack, "America/New_York"),
            ("Chloé Dubois", "chloe@acme.example", "U05CHLOEDBS", "Europe/Paris"));
        var result = await harness.SetRotationAsync(new DateOnly(2026, 3, 9), [.. members.Select(m => m.Id)]);
        Assert.True(result.Succeeded, result.Error);
        await SyncAsync(harness);
        return harness;
    }

    /// <summary>A GitHub item in the inbox, as the GitHub feature hands it over (the inbox's ingest contract). Returns its id.</summary>
    private static async Task<long> AddIssueItemAsync(OnCallHarness harness, int number, string title, DateTime opened, DateTime lastActivity, bool lastByTeam)
    {
        await using var db = await harness.DbAsync();
        var record = new IssueItemRecord(5000 + number, "acme/widgets", number, IsPullRequest: false, title, "priya-raman", AuthorTimeZone: null,
            ["Triage 👀"], IsOpen: true, NeedsTeam: true, opened, lastActivity, LastTeamActivityAt: lastByTeam ? lastActivity : null, lastByTeam,
            UnansweredSince: lastByTeam ? null : opened, MessageCount: 1);
        await IssueInboxIngest.ApplyAsync(db, [(record, [])], TestContext.Current.CancellationToken);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return await db.Set<InboxItem>().Where(i => i.SourceKey == record.Key).Select(i => i.Id).SingleAsync(TestContext.Current.CancellationToken);
    }

    private static Task SyncAsync(OnCallHarness harness) =>
        harness.Services.GetRequiredService<SlackSyncService>().SyncAllAsync(TestContext.Current.CancellationToken);

    private static Task<DirectMessageOutcome> RunAsync(OnCallHarness harness) =>
        harness.Services.GetRequiredService<OnCallDirectMessageJob>().RunAsync(TestContext.Current.CancellationToken);

    private static OnCallDirectMessageJob NewJob(OnCallHarness harness) =>
        ActivatorUtilities.CreateInstance<OnCallDirectMessageJob>(harness.Services);

    private static Task<int> DispatchAsync(OnCallHarness harness) =>
        harness.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(TestContext.Current.CancellationToken);
}
