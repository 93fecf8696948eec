using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Sandbox.Slack;
using CommunitySuccess.Tests.Slack.Integration;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static CommunitySuccess.Tests.Slack.Integration.SlackAppHarness;

namespace CommunitySuccess.Tests.Outbox;

/// <summary>
/// Replies from the app through the outbox to the sandbox: exactly once through failures and time-outs, failed rows
/// kept with Slack's error and retried by a person. One fake clock drives the app and the sandbox, so back-offs pass
/// without waiting.
/// </summary>
public abstract class SlackOutboxIntegrationTests(TestProvider provider)
{
    /// <summary>The harness on this class's database.</summary>
    private Task<SlackAppHarness> StartAsync(SlackAppHarnessOptions? options = null) =>
        SlackAppHarness.StartAsync((options ?? new SlackAppHarnessOptions()) with { Provider = provider });

    private static readonly DateTimeOffset Start = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly AppActor Ana = new(HelperName, "ana@acme.example");

    [Fact]
    public async Task Reply_SlackFailsTwiceThenRecovers_PostedExactlyOnce_RowSent()
    {
        var time = new FakeTimeProvider(Start);
        await using var h = await StartAsync(new SlackAppHarnessOptions { Time = time });
        var (ts, threadId) = await h.OpenThreadAsync(time.GetUtcNow());
        h.Slack.Faults.FailNext(2, method: "chat.postMessage");

        var reply = await h.Actions.ReplyAsync(threadId, "Please try 1.4.2, it fixes the export.", Ana, Ct);
        var row = await h.DispatchUntilSettledAsync(reply.OutboxId!.Value, time);

        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.Equal(3, row.Attempts);
        Assert.Null(row.LastError);
        Assert.Equal(["http_500", "http_500", "ok"], h.Slack.RequestsTo("chat.postMessage").Select(c => c.Outcome));
        var posted = Assert.Single(h.Slack.GetThread(SupportChannel, ts), m => m.Text == "Please try 1.4.2, it fixes the export.");
        Assert.Equal(posted.Ts, row.ResultRef);
    }

    [Fact]
    public async Task Reply_PostWentThroughButTimedOut_RetryFindsItsTag_PostedExactlyOnce()
    {
        var time = new FakeTimeProvider(Start);
        await using var h = await StartAsync(new SlackAppHarnessOptions { Time = time, SlackTimeout = TimeSpan.FromSeconds(1) });
        var (ts, threadId) = await h.OpenThreadAsync(time.GetUtcNow());
        h.Slack.Faults.DelayAnswerNext(1, TimeSpan.FromSeconds(5), method: "chat.postMessage");

        var reply = await h.Actions.ReplyAsync(threadId, "Could you share the log file?", Ana, Ct);
        var row = await h.DispatchUntilSettledAsync(reply.OutboxId!.Value, time);

        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.Equal(2, row.Attempts);
        Assert.Single(h.Slack.RequestsTo("chat.postMessage"));
        var posted = Assert.Single(h.Slack.GetThread(SupportChannel, ts), m => m.Text == "Could you share the log file?");
        Assert.Equal(posted.Ts, row.ResultRef);
        // Found rather than sent, the reply still counts as the team's answer.
        var thread = await h.ThreadAsync(ts);
        Assert.Equal(ThreadStatus.InProgress, thread.Status);
        Assert.Equal(row.Id, Assert.Single(thread.Messages, m => m.Ts == posted.Ts).OutboxId);
    }

    [Fact]
    public async Task Post_ChannelNotFound_FailsAtOnceWithSlacksError_RetryAfterTheFixSendsOnce()
    {
        const string LaunchChannel = "C0LAUNCH001";
        var time = new FakeTimeProvider(Start);
        await using var h = await StartAsync(new SlackAppHarnessOptions { Time = time });
        long id;
        await using (var db = await h.DbAsync())
        {
            var added = h.Services.GetRequiredService<OutboxService>().Add(db, OutboxKinds.SlackPostMessage, new SlackPostPayload(LaunchChannel, "Release 1.5 is out"), HelperName);
            await db.SaveChangesAsync(Ct);
            id = added.Id;
        }

        var failed = await h.DispatchUntilSettledAsync(id, time);

        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("channel_not_found", failed.LastError, StringComparison.Ordinal);

        h.Slack.AddChannel(LaunchChannel, "launch");
        Assert.True(await h.Services.GetRequiredService<OutboxService>().RetryAsync(id, Ct));
        var sent = await h.DispatchUntilSettledAsync(id, time);

        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Null(sent.LastError);
        Assert.Equal(sent.ResultRef, Assert.Single(h.Slack.GetHistory(LaunchChannel), m => m.Text == "Release 1.5 is out").Ts);
        Assert.False(await h.Services.GetRequiredService<OutboxService>().RetryAsync(id, Ct));
    }

    [Fact]
    public async Task DirectMessage_RateLimitedThenRetried_GoesThroughConversationsOpenAndIsSentOnce()
    {
        var time = new FakeTimeProvider(Start);
        await using var h = await StartAsync(new SlackAppHarnessOptions { Time = time });
        h.Slack.Faults.RateLimitNext(1, retryAfterSeconds: 30, method: "chat.postMessage");

        var id = await AddDirectMessageAsync(h, "Priya answered in #support");
        var row = await h.DispatchUntilSettledAsync(id, time);

        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.Equal(2, row.Attempts);
        var dm = Assert.Single(h.Slack.DirectMessagesTo(Asker));
        Assert.Equal("Priya answered in #support", dm.Text);
        Assert.Equal(dm.Ts, row.ResultRef);
        // The retry looked for its tag in the opened DM (Slack refuses history of a user id), then posted there.
        var dmChannel = SlackWorkspace.DirectMessageChannelIdOf(Asker);
        Assert.Contains(h.Slack.RequestsTo("conversations.history"), c => c["channel"] == dmChannel && c.Outcome == "ok");
        Assert.All(h.Slack.RequestsTo("chat.postMessage"), c => Assert.Equal(dmChannel, c["channel"]));
    }

    [Fact]
    public async Task DirectMessage_PostWentThroughButTimedOut_RetryFindsItInTheDm_SentOnce()
    {
        var time = new FakeTimeProvider(Start);
        await using var h = await StartAsync(new SlackAppHarnessOptions { Time = time, SlackTimeout = TimeSpan.FromSeconds(1) });
        h.Slack.Faults.DelayAnswerNext(1, TimeSpan.FromSeconds(5), method: "chat.postMessage");

        var id = await AddDirectMessageAsync(h, "A new thread waits in #support");
        var row = await h.DispatchUntilSettledAsync(id, time);

        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.Single(h.Slack.RequestsTo("chat.postMessage"));
        Assert.Equal(row.ResultRef, Assert.Single(h.Slack.DirectMessagesTo(Asker)).Ts);
    }

    private static async Task<long> AddDirectMessageAsync(SlackAppHarness h, string text)
    {
        await using var db = await h.DbAsync();
        var added = h.Services.GetRequiredService<OutboxService>().Add(db, OutboxKinds.SlackPostMessage, new SlackPostPayload(Asker, text), HelperName);
        await db.SaveChangesAsync(Ct);
        return added.Id;
    }

    [Fact]
    public async Task Reply_FromTheApp_ShowsTheEngineerAsSender_AndMovesThreadToInProgress()
    {
        var time = new FakeTimeProvider(Start);
        await using var h = await StartAsync(new SlackAppHarnessOptions { Time = time });
        var (ts, threadId) = await h.OpenThreadAsync(time.GetUtcNow());

        var reply = await h.Actions.ReplyAsync(threadId, "Looking into it now.", Ana, Ct);
        var row = await h.DispatchUntilSettledAsync(reply.OutboxId!.Value, time);

        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.Equal(HelperName, h.Slack.RequestsTo("chat.postMessage").Single(c => c.Outcome == "ok")["username"]);
        Assert.Equal(HelperName, h.Slack.GetThread(SupportChannel, ts).Single(m => m.Text == "Looking into it now.").Username);
        var thread = await h.ThreadAsync(ts);
        Assert.Equal(ThreadStatus.InProgress, thread.Status);
        var stored = Assert.Single(thread.Messages, m => m.Text == "Looking into it now.");
        Assert.True(stored.IsTeam);
        Assert.Equal(HelperName, stored.Username);
        Assert.Equal(row.Id, stored.OutboxId);
    }

    [Fact]
    public async Task SetStatusClosed_MirroredCheckmarkFirstSeenBySyncAfterUsersReply_ThreadStaysOpen()
    {
        var time = new FakeTimeProvider(Start);
        await using var h = await StartAsync(new SlackAppHarnessOptions { Time = time });
        var (ts, threadId) = await h.OpenThreadAsync(time.GetUtcNow());

        Assert.True((await h.Actions.SetStatusAsync(threadId, ThreadStatus.Closed, Ana, Ct)).Succeeded);
        var mirror = Assert.Single(await h.Services.GetRequiredService<OutboxService>().ListForThreadAsync(threadId, Ct));
        Assert.Equal(OutboxStatus.Sent, (await h.DispatchUntilSettledAsync(mirror.Id, time)).Status);
        Assert.Contains(h.Slack.GetReactions(SupportChannel, ts), r => r.Name == "white_check_mark" && r.Users.Contains(h.Slack.BotUserId));

        // The user answers before the next poll; that poll sees the reply and our ✅ together.
        time.Advance(TimeSpan.FromMinutes(5));
        h.Slack.PostAsUser(SupportChannel, Asker, "Wait, it is not fixed for me", threadTs: ts);
        await h.SyncAsync();

        var thread = await h.ThreadAsync(ts);
        Assert.Equal(ThreadStatus.Open, thread.Status);
        Assert.Equal(ThreadStatusRules.ReasonUserMessage, thread.StatusChanges.OrderBy(c => c.At).ThenBy(c => c.Id).Last().Reason);
    }
}

public sealed class SlackOutboxIntegrationOnSqliteTests() : SlackOutboxIntegrationTests(TestProvider.Sqlite);

public sealed class SlackOutboxIntegrationOnPostgresTests() : SlackOutboxIntegrationTests(TestProvider.Postgres);
