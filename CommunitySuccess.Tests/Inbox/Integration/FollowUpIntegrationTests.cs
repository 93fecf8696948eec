using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Sandbox.Slack;
using CommunitySuccess.Tests.Slack.Integration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static CommunitySuccess.Tests.Slack.Integration.SlackAppHarness;

namespace CommunitySuccess.Tests.Inbox.Integration;

/// <summary>
/// The 48-hour follow-up rule on the running app with <c>Inbox:AutoFollowUp</c> on: one fake clock for the app and
/// the sandbox, the sync job run by hand as Hangfire would run it.
/// </summary>
public sealed class FollowUpIntegrationTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AutoFollowUp_OverdueWhenFirstSeen_FlaggedNeverMessaged_DeadlinePassingWhileRunning_FollowedUpOnceAndClosed_UserAnswerReopens()
    {
        var time = new FakeTimeProvider(Start);
        await using var h = await StartAsync(new SlackAppHarnessOptions { Time = time, Settings = s => s["Inbox:AutoFollowUp"] = "true" });
        var overdue = Conversation(h, Asker, "Webhooks arrive twice", askedAt: Start.AddDays(-5), answeredAt: Start.AddDays(-4));
        var recent = Conversation(h, SecondAsker, "SAML login fails for new users", askedAt: Start.AddHours(-2), answeredAt: Start.AddHours(-1));

        await RunSyncJobAsync(h);

        var overdueThread = await h.ThreadAsync(overdue);
        Assert.Equal(ThreadStatus.InProgress, overdueThread.Status);
        Assert.True(overdueThread.NeedsFollowUp);
        var recentThread = await h.ThreadAsync(recent);
        Assert.Equal(ThreadStatus.InProgress, recentThread.Status);
        Assert.False(recentThread.NeedsFollowUp);
        Assert.Equal(Start.AddHours(47).UtcDateTime, recentThread.FollowUpDueAt);
        Assert.Empty(h.Slack.RequestsTo("chat.postMessage"));

        // The recent thread's deadline passes while the app runs.
        time.Advance(TimeSpan.FromHours(48));
        await RunSyncJobAsync(h);
        var followUp = Assert.Single(await h.Services.GetRequiredService<OutboxService>().ListForThreadAsync(recentThread.Id, Ct));
        Assert.Equal(OutboxStatus.Sent, (await h.DispatchUntilSettledAsync(followUp.Id, time)).Status);

        // More runs later: still one follow-up, and never one for the backlog thread.
        time.Advance(TimeSpan.FromHours(1));
        await RunSyncJobAsync(h);
        time.Advance(TimeSpan.FromHours(1));
        await RunSyncJobAsync(h);

        var mention = $"<@{SecondAsker}>";
        Assert.Single(h.Slack.GetThread(SupportChannel, recent), m => m.Text.Contains(mention, StringComparison.Ordinal));
        Assert.DoesNotContain(h.Slack.GetThread(SupportChannel, overdue), m => m.UserId == h.Slack.BotUserId);
        Assert.Single(h.Slack.RequestsTo("chat.postMessage"));
        var closed = await h.ThreadAsync(recent);
        Assert.Equal(ThreadStatus.Closed, closed.Status);
        Assert.Equal(ThreadStatusRules.ReasonFollowUpSent, closed.StatusChanges.OrderBy(c => c.At).ThenBy(c => c.Id).Last().Reason);
        overdueThread = await h.ThreadAsync(overdue);
        Assert.Equal(ThreadStatus.InProgress, overdueThread.Status);
        Assert.True(overdueThread.NeedsFollowUp);

        // The user answers: the thread re-opens.
        time.Advance(TimeSpan.FromHours(3));
        h.Slack.PostAsUser(SupportChannel, SecondAsker, "Sorry for the delay, it still fails for one user", threadTs: recent);
        await RunSyncJobAsync(h);

        var reopened = await h.ThreadAsync(recent);
        Assert.Equal(ThreadStatus.Open, reopened.Status);
        Assert.False(reopened.NeedsFollowUp);
        Assert.Single(h.Slack.RequestsTo("chat.postMessage"));
    }

    [Fact]
    public async Task FollowUpAndClose_ClickedOnFlaggedBacklogThread_PostsMentionOnce_UserAnswerReopens()
    {
        var time = new FakeTimeProvider(Start);
        await using var h = await StartAsync(new SlackAppHarnessOptions { Time = time });
        var ts = Conversation(h, Asker, "Rate limits on the public API?", askedAt: Start.AddDays(-6), answeredAt: Start.AddDays(-5));
        await RunSyncJobAsync(h);
        var thread = await h.ThreadAsync(ts);
        Assert.True(thread.NeedsFollowUp);

        var result = await h.Actions.FollowUpAndCloseAsync(thread.Id, new AppActor(HelperName, "ana@acme.example"), Ct);
        Assert.True(result.Succeeded);
        Assert.Equal(OutboxStatus.Sent, (await h.DispatchUntilSettledAsync(result.OutboxId!.Value, time)).Status);
        await RunSyncJobAsync(h);

        Assert.Single(h.Slack.GetThread(SupportChannel, ts), m => m.Text.StartsWith($"<@{Asker}>", StringComparison.Ordinal));
        var closed = await h.ThreadAsync(ts);
        Assert.Equal(ThreadStatus.Closed, closed.Status);
        Assert.False(closed.NeedsFollowUp);

        h.Slack.PostAsUser(SupportChannel, Asker, "One more question about bursts", threadTs: ts);
        await RunSyncJobAsync(h);

        Assert.Equal(ThreadStatus.Open, (await h.ThreadAsync(ts)).Status);
    }

    /// <summary>A user's question and the team's answer, both in the past.</summary>
    private static string Conversation(SlackAppHarness h, string asker, string question, DateTimeOffset askedAt, DateTimeOffset answeredAt)
    {
        var ts = h.Slack.AddMessage(new SlackMessageDraft { ChannelId = SupportChannel, UserId = asker, Text = question, At = askedAt });
        h.Slack.AddMessage(new SlackMessageDraft { ChannelId = SupportChannel, UserId = Helper, Text = "Here is what to try…", ThreadTs = ts, At = answeredAt });
        return ts;
    }

    private static Task RunSyncJobAsync(SlackAppHarness h) => h.Services.GetRequiredService<SyncSlackJob>().RunAsync(Ct);
}
