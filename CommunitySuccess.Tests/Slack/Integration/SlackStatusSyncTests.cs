using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Sandbox.Slack;
using static CommunitySuccess.Tests.Slack.Integration.SlackAppHarness;

namespace CommunitySuccess.Tests.Slack.Integration;

/// <summary>
/// A thread's status as the polling sync moves it (PRODUCT.md "How a thread's status moves"), against the sandbox.
/// The tests share one app and workspace; each works on threads of its own.
/// </summary>
public sealed class SlackStatusSyncTests(SlackStatusSyncTests.SharedApp shared) : IClassFixture<SlackStatusSyncTests.SharedApp>
{
    private SlackAppHarness H => shared.Harness;

    [Fact]
    public async Task Sync_TeamCheckmarkPresentAtFirstSight_ClosesThread()
    {
        var ts = Question("The installer stops at 90 %", hoursAgo: 3);
        Reply(ts, Helper, "Fixed in 1.4.2, please upgrade", hoursAgo: 2);
        H.Slack.React(SupportChannel, ts, Helper, "white_check_mark");

        await H.SyncAsync();

        var thread = await H.ThreadAsync(ts);
        Assert.Equal(ThreadStatus.Closed, thread.Status);
        Assert.Equal(ThreadStatusRules.ReasonCheckmarkWhenFirstSeen, thread.StatusChanges.OrderBy(c => c.At).ThenBy(c => c.Id).Last().Reason);
    }

    [Fact]
    public async Task Sync_UserWritesInClosedThread_ReopensAndOldCheckmarkNeverClosesItAgain()
    {
        var ts = Question("Login loops back to the start page", hoursAgo: 5);
        H.Slack.React(SupportChannel, ts, Helper, "white_check_mark");
        await H.SyncAsync();
        Assert.Equal(ThreadStatus.Closed, (await H.ThreadAsync(ts)).Status);

        H.Slack.PostAsUser(SupportChannel, Asker, "It is back after the restart", threadTs: ts);
        await H.SyncAsync();

        var reopened = await H.ThreadAsync(ts);
        Assert.Equal(ThreadStatus.Open, reopened.Status);
        Assert.Equal(ThreadStatusRules.ReasonUserMessage, reopened.StatusChanges.OrderBy(c => c.At).ThenBy(c => c.Id).Last().Reason);

        // The next syncs re-read the thread (another user message changes its reply count) with the old ✅ still on it.
        await H.SyncAsync();
        H.Slack.PostAsUser(SupportChannel, Asker, "Any news?", threadTs: ts);
        await H.SyncAsync();

        var after = await H.ThreadAsync(ts);
        Assert.Equal(ThreadStatus.Open, after.Status);
        Assert.Equal(reopened.StatusChanges.Count, after.StatusChanges.Count);
        Assert.Single(after.Messages.Single(m => m.Ts == ts).Reactions, r => r.Name == "white_check_mark");
    }

    [Fact]
    public async Task Sync_TeamEyesReaction_MovesOpenToInProgress_UserReactionChangesNothing()
    {
        var ts = Question("Webhook retries never stop", hoursAgo: 1);
        await H.SyncAsync();
        Assert.Equal(ThreadStatus.Open, (await H.ThreadAsync(ts)).Status);

        H.Slack.React(SupportChannel, ts, SecondAsker, "eyes");
        await H.SyncAsync();
        Assert.Equal(ThreadStatus.Open, (await H.ThreadAsync(ts)).Status);

        H.Slack.React(SupportChannel, ts, Helper, "eyes");
        await H.SyncAsync();

        var thread = await H.ThreadAsync(ts);
        Assert.Equal(ThreadStatus.InProgress, thread.Status);
        var change = Assert.Single(thread.StatusChanges);
        Assert.Equal(ThreadStatusRules.ReasonTeamEyes, change.Reason);
        Assert.Equal(Helper, change.BySlackUserId);
    }

    [Fact]
    public async Task Sync_TeamReply_MovesOpenToInProgress()
    {
        var ts = Question("Where do I find the audit log?", hoursAgo: 1);
        await H.SyncAsync();

        H.Slack.PostAsUser(SupportChannel, Helper, "Settings → Security → Audit log", threadTs: ts);
        await H.SyncAsync();

        var thread = await H.ThreadAsync(ts);
        Assert.Equal(ThreadStatus.InProgress, thread.Status);
        Assert.Equal(ThreadStatusRules.ReasonTeamReply, Assert.Single(thread.StatusChanges).Reason);
        Assert.True(thread.LastMessageByTeam);
    }

    [Fact]
    public async Task Sync_OurBotsPosts_CountAsTeamAndNeverOpenThreads()
    {
        var announcement = H.Slack.AddMessage(new SlackMessageDraft { ChannelId = SupportChannel, UserId = H.Slack.BotUserId, Text = "Release 1.5 is out", At = HoursAgo(2) });
        var ts = Question("Is 1.5 compatible with Postgres 17?", hoursAgo: 1);
        await H.SyncAsync();
        Assert.Equal(ThreadStatus.Open, (await H.ThreadAsync(ts)).Status);

        H.Slack.AddMessage(new SlackMessageDraft { ChannelId = SupportChannel, UserId = H.Slack.BotUserId, Text = "Yes, since 1.5.0", ThreadTs = ts });
        await H.SyncAsync();

        Assert.Null(await H.FindThreadAsync(announcement));
        var thread = await H.ThreadAsync(ts);
        Assert.Equal(ThreadStatus.InProgress, thread.Status);
        Assert.True(thread.Messages.Single(m => m.Text == "Yes, since 1.5.0").IsTeam);
    }

    [Fact]
    public async Task Sync_JoinsOtherBotsAndTeamPosts_DoNotOpenThreads_NorMoveOne()
    {
        var join = H.Slack.AddMessage(new SlackMessageDraft { ChannelId = SupportChannel, UserId = SecondAsker, Subtype = "channel_join", Text = $"<@{SecondAsker}> has joined the channel", At = HoursAgo(4) });
        var integration = H.Slack.AddMessage(new SlackMessageDraft { ChannelId = SupportChannel, BotId = "B0WEBHOOK01", Username = "GitHub", Text = "New release v1.5.1", At = HoursAgo(3) });
        var otherApp = H.Slack.AddMessage(new SlackMessageDraft { ChannelId = SupportChannel, UserId = OtherBotUser, BotId = OtherBotId, Text = "Deploy finished", At = HoursAgo(3) });
        var teamPost = H.Slack.AddMessage(new SlackMessageDraft { ChannelId = SupportChannel, UserId = Helper, Text = "Maintenance tonight 22:00 UTC", At = HoursAgo(2) });
        var ts = Question("Deploy hangs at step 3", hoursAgo: 1);
        await H.SyncAsync();

        H.Slack.AddMessage(new SlackMessageDraft { ChannelId = SupportChannel, UserId = OtherBotUser, BotId = OtherBotId, Text = "Deploy restarted", ThreadTs = ts });
        await H.SyncAsync();

        Assert.Null(await H.FindThreadAsync(join));
        Assert.Null(await H.FindThreadAsync(integration));
        Assert.Null(await H.FindThreadAsync(otherApp));
        Assert.Null(await H.FindThreadAsync(teamPost));
        var thread = await H.ThreadAsync(ts);
        Assert.Equal(ThreadStatus.Open, thread.Status);
        Assert.Empty(thread.StatusChanges);
    }

    [Fact]
    public async Task Sync_EditedQuestion_UpdatesThreadAndMessageText()
    {
        var ts = Question("Export failes", hoursAgo: 2);
        await H.SyncAsync();

        H.Slack.Edit(SupportChannel, ts, "Export fails with ERR_TIMEOUT on large projects");
        await H.SyncAsync();

        var thread = await H.ThreadAsync(ts);
        Assert.Equal("Export fails with ERR_TIMEOUT on large projects", thread.Text);
        var question = thread.Messages.Single(m => m.Ts == ts);
        Assert.Equal("Export fails with ERR_TIMEOUT on large projects", question.Text);
        Assert.NotNull(question.EditedAt);
    }

    [Fact]
    public async Task Sync_DeletedReply_IsMarkedDeletedAndLeavesTheCounts()
    {
        var ts = Question("Cannot invite guests", hoursAgo: 3);
        var oops = Reply(ts, Asker, "wrong thread, sorry", hoursAgo: 2);
        Reply(ts, Helper, "Guests need the Business plan", hoursAgo: 1);
        await H.SyncAsync();
        Assert.Equal(3, (await H.ThreadAsync(ts)).MessageCount);

        H.Slack.Delete(SupportChannel, oops);
        await H.SyncAsync();

        var thread = await H.ThreadAsync(ts);
        Assert.True(thread.Messages.Single(m => m.Ts == oops).IsDeleted);
        Assert.Equal(2, thread.MessageCount);
    }

    [Fact]
    public async Task Sync_DeletedQuestionWithReplies_MarksQuestionDeleted()
    {
        var ts = Question("Posted my API key here by mistake", hoursAgo: 3);
        Reply(ts, Helper, "Please rotate it in Settings → API", hoursAgo: 2);
        await H.SyncAsync();

        // Slack keeps a parent with replies as a tombstone.
        H.Slack.Delete(SupportChannel, ts);
        await H.SyncAsync();

        var thread = await H.ThreadAsync(ts);
        Assert.True(thread.Messages.Single(m => m.Ts == ts).IsDeleted);
        Assert.False(thread.Messages.Single(m => m.Ts != ts).IsDeleted);
    }

    [Fact]
    public async Task Sync_DeletedQuestionWithoutReplies_MarksQuestionDeleted()
    {
        var ts = Question("test test please ignore", hoursAgo: 1);
        await H.SyncAsync();

        // Slack removes it from history altogether.
        H.Slack.Delete(SupportChannel, ts);
        await H.SyncAsync();

        var thread = await H.ThreadAsync(ts);
        Assert.True(thread.Messages.Single(m => m.Ts == ts).IsDeleted);
        Assert.Equal(0, thread.MessageCount);
    }

    private string Question(string text, double hoursAgo) =>
        H.Slack.AddMessage(new SlackMessageDraft { ChannelId = SupportChannel, UserId = Asker, Text = text, At = HoursAgo(hoursAgo) });

    private string Reply(string threadTs, string userId, string text, double hoursAgo) =>
        H.Slack.AddMessage(new SlackMessageDraft { ChannelId = SupportChannel, UserId = userId, Text = text, ThreadTs = threadTs, At = HoursAgo(hoursAgo) });

    private static DateTimeOffset HoursAgo(double hours) => DateTimeOffset.UtcNow.AddHours(-hours);

    /// <summary>One app and sandbox for the whole class.</summary>
    public sealed class SharedApp : IAsyncLifetime
    {
        private SlackAppHarness? _harness;

        internal SlackAppHarness Harness => _harness ?? throw new InvalidOperationException("Not started.");

        public async ValueTask InitializeAsync() => _harness = await StartAsync();

        public async ValueTask DisposeAsync()
        {
            if (_harness is not null)
            {
                await _harness.DisposeAsync();
            }
        }
    }
}
