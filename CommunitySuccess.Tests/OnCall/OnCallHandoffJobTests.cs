using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.OnCall;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Sandbox.Slack;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySuccess.Tests.OnCall;

public sealed class OnCallHandoffJobTests
{
    // Monday 9 March 2026, 09:00:30 UTC: just after the 09:00 hand-off.
    private static readonly DateTimeOffset MondayHandoff = new(2026, 3, 9, 9, 0, 30, TimeSpan.Zero);

    [Fact]
    public async Task RunAsync_TwiceOnTheSameDay_PostsOnceThroughTheOutbox()
    {
        await using var harness = await StartAsync(MondayHandoff);
        var job = harness.Services.GetRequiredService<OnCallHandoffJob>();

        var first = await job.RunAsync(TestContext.Current.CancellationToken);
        var second = await job.RunAsync(TestContext.Current.CancellationToken);
        var outbox = await harness.OutboxAsync();

        Assert.Equal(HandoffOutcome.Posted, first);
        Assert.Equal(HandoffOutcome.AlreadyPosted, second);
        var post = Assert.Single(outbox, m => m.Kind == OutboxKinds.SlackPostMessage);
        var payload = OutboxService.Payload<SlackPostPayload>(post);
        Assert.Equal(SlackWorkspace.DemoTriageChannelId, payload.Channel);
        Assert.Contains("<@U05ANALIMA1> is on call today", payload.Text, StringComparison.Ordinal);
        Assert.Contains("Triage issues: *—*", payload.Text, StringComparison.Ordinal);
        Assert.Contains("Ready to notify: *—*", payload.Text, StringComparison.Ordinal);
        Assert.Contains("Next on call: Ben Carter (Tue 10 Mar)", payload.Text, StringComparison.Ordinal);
        var group = Assert.Single(outbox, m => m.Kind == OutboxKinds.SlackUpdateUserGroup);
        Assert.Equal(["U05ANALIMA1"], OutboxService.Payload<SlackUserGroupPayload>(group).UserIds);
    }

    [Fact]
    public async Task RunAsync_NextDay_PostsAgainForTheNewShift()
    {
        await using var harness = await StartAsync(MondayHandoff);
        var job = harness.Services.GetRequiredService<OnCallHandoffJob>();

        await job.RunAsync(TestContext.Current.CancellationToken);
        harness.Time.Advance(TimeSpan.FromDays(1));
        var tuesday = await job.RunAsync(TestContext.Current.CancellationToken);
        var posts = (await harness.OutboxAsync()).Where(m => m.Kind == OutboxKinds.SlackPostMessage).ToList();

        Assert.Equal(HandoffOutcome.Posted, tuesday);
        Assert.Equal(2, posts.Count);
        Assert.Contains("<@U05BENCARTR>", OutboxService.Payload<SlackPostPayload>(posts[1]).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-03-09T08:30:00Z")] // Monday before the hand-off: Friday's shift, announced on Friday
    [InlineData("2026-03-07T09:30:00Z")] // Saturday: a day off
    public async Task RunAsync_NoShiftStartedToday_PostsNothing(string instant)
    {
        await using var harness = await StartAsync(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture));

        var outcome = await harness.Services.GetRequiredService<OnCallHandoffJob>().RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HandoffOutcome.NoShiftToday, outcome);
        Assert.Empty(await harness.OutboxAsync());
    }

    [Fact]
    public async Task RunAsync_NoChannelAndNoGroup_DoesNothing()
    {
        await using var harness = await StartAsync(MondayHandoff, configureSlack: false);

        var outcome = await harness.Services.GetRequiredService<OnCallHandoffJob>().RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HandoffOutcome.NotConfigured, outcome);
        Assert.Empty(await harness.OutboxAsync());
    }

    [Fact]
    public async Task RunAsync_WithTheSandbox_PostsInTheTriageChannelAndSetsTheUserGroup()
    {
        await using var harness = await StartAsync(MondayHandoff, withSandbox: true);
        var sandbox = harness.Sandbox!.Slack;
        await harness.Services.GetRequiredService<SlackSyncService>().SyncAllAsync(TestContext.Current.CancellationToken);
        int open;
        await using (var db = await harness.DbAsync())
        {
            open = db.Set<SupportThread>().Count(t => t.Status == ThreadStatus.Open && !t.IsNotSupport);
        }

        var outcome = await harness.Services.GetRequiredService<OnCallHandoffJob>().RunAsync(TestContext.Current.CancellationToken);
        await harness.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HandoffOutcome.Posted, outcome);
        Assert.True(open > 0);
        var post = sandbox.GetHistory(SlackWorkspace.DemoTriageChannelId)[^1];
        Assert.Contains("<@U05ANALIMA1> is on call today", post.Text, StringComparison.Ordinal);
        Assert.Contains($"Open in the inbox: *{open}* ({open} threads, 0 GitHub items;", post.Text, StringComparison.Ordinal);
        Assert.Equal(["U05ANALIMA1"], sandbox.UserGroupMembers(SlackWorkspace.DemoOnCallUserGroupId));
        Assert.All(await harness.OutboxAsync(), m => Assert.Equal(OutboxStatus.Sent, m.Status));
    }

    [Fact]
    public async Task RunAsync_SubstituteOnCall_NamesTheSubstituteAndWhoTheyCoverFor()
    {
        await using var harness = await StartAsync(MondayHandoff);
        var members = (await harness.Team.ListAsync(TestContext.Current.CancellationToken)).ToDictionary(m => m.Name, m => m.Id);
        await harness.OnCall.CreateSubstitutionAsync(
            new SubstitutionInput(new DateOnly(2026, 3, 9), new DateOnly(2026, 3, 9), members["Daniel Weber"], null, SubstitutionReason.Vacation),
            OnCallHarness.Admin,
            TestContext.Current.CancellationToken);

        await harness.Services.GetRequiredService<OnCallHandoffJob>().RunAsync(TestContext.Current.CancellationToken);
        var post = (await harness.OutboxAsync()).Last(m => m.Kind == OutboxKinds.SlackPostMessage);

        Assert.Contains("<@U05DANWEBER> is on call today (covering for Ana Lima, vacation)", OutboxService.Payload<SlackPostPayload>(post).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void HandoffCron_WorkingDays_RunsAtTheHandoffMinute()
    {
        var cron = OnCallJobScheduler.HandoffCron(new TimeOnly(8, 45), [DayOfWeek.Friday, DayOfWeek.Monday, DayOfWeek.Wednesday]);

        Assert.Equal("45 8 * * 1,3,5", cron);
    }

    private static async Task<OnCallHarness> StartAsync(DateTimeOffset now, bool configureSlack = true, bool withSandbox = false)
    {
        var harness = await OnCallHarness.StartAsync(now, s =>
        {
            if (configureSlack)
            {
                s["Slack:TriageChannel"] = SlackWorkspace.DemoTriageChannelId;
                s["Slack:OnCallUserGroup"] = SlackWorkspace.DemoOnCallUserGroupId;
            }
        }, withSandbox);
        var members = await harness.SeedTeamAsync(
            ("Ana Lima", "ana@acme.example", "U05ANALIMA1", "Europe/Lisbon"),
            ("Ben Carter", "ben@acme.example", "U05BENCARTR", "America/New_York"),
            ("Chloé Dubois", "chloe@acme.example", "U05CHLOEDBS", "Europe/Paris"),
            ("Daniel Weber", "daniel@acme.example", "U05DANWEBER", "Europe/Berlin"));
        // Monday 9 March starts the rotation with Ana; Daniel is on the team but takes no turns (he substitutes).
        var result = await harness.SetRotationAsync(new DateOnly(2026, 3, 9), [.. members.Select(m => m.Id).Take(3)]);
        Assert.True(result.Succeeded, result.Error);
        return harness;
    }
}
