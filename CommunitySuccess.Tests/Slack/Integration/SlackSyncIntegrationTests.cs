using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Sandbox.Slack;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static CommunitySuccess.Tests.Slack.Integration.SlackAppHarness;

namespace CommunitySuccess.Tests.Slack.Integration;

/// <summary>The polling sync against the sandbox: complete, exactly once, and whole again after cancellation and faults.</summary>
public abstract class SlackSyncIntegrationTests(TestProvider provider)
{
    /// <summary>The harness on this class's database.</summary>
    private Task<SlackAppHarness> StartAsync(SlackAppHarnessOptions? options = null) =>
        SlackAppHarness.StartAsync((options ?? new SlackAppHarnessOptions()) with { Provider = provider });

    [Fact]
    public async Task SyncAll_ThousandThreadsWithReplies_ArriveExactlyOnce_AndSecondRunReadsNoReplies()
    {
        await using var h = await StartAsync();
        h.Slack.SeedBulk(SupportChannel, threads: 1000, repliesPerThread: 2, DateTimeOffset.UtcNow.AddDays(-3));

        var first = await h.SyncAsync();

        Assert.Empty(first.Errors);
        Assert.Equal(1000, first.ThreadsChanged);
        await AssertDatabaseMatchesSandboxAsync(h, expectedThreads: 1000);
        var repliesCalls = h.Slack.RequestsTo("conversations.replies").Count;
        Assert.Equal(1000, repliesCalls);

        var second = await h.SyncAsync();

        Assert.Empty(second.Errors);
        Assert.Equal(0, second.ThreadsChanged);
        Assert.Equal(repliesCalls, h.Slack.RequestsTo("conversations.replies").Count);
        await AssertDatabaseMatchesSandboxAsync(h, expectedThreads: 1000);
    }

    [Theory]
    [InlineData("conversations.history", 2)]
    [InlineData("conversations.replies", 120)]
    public async Task SyncAll_CancelledHalfWay_NextRunEndsCompleteWithoutDuplicates(string method, int cancelAfterCalls)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var tap = new SlackCallTap();
        tap.Answered = (called, count) =>
        {
            if (called == method && count == cancelAfterCalls)
            {
                cancel.Cancel();
            }
        };
        await using var h = await StartAsync(new SlackAppHarnessOptions { Tap = tap });
        // Two history pages (200 + 50). A backfill lists its window before it reads threads: cancelled after the second
        // page, nothing is stored yet; cancelled among the replies, part of the threads are.
        h.Slack.SeedBulk(SupportChannel, threads: 250, repliesPerThread: 1, DateTimeOffset.UtcNow.AddDays(-2));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Sync.SyncAllAsync(cancel.Token, waitForRunning: true));

        var stored = await CountThreadsAsync(h);
        Assert.InRange(stored, method == "conversations.history" ? 0 : 1, 249);
        await using (var db = await h.DbAsync())
        {
            var state = await db.Set<SlackChannelSyncState>().SingleAsync(Ct);
            Assert.Null(state.BackfillCompletedAt);
        }

        var repliesBefore = h.Slack.RequestsTo("conversations.replies").Count;

        var rerun = await h.SyncAsync();

        Assert.Empty(rerun.Errors);
        Assert.Equal(250 - stored, rerun.ThreadsChanged);
        await AssertDatabaseMatchesSandboxAsync(h, expectedThreads: 250);
        // Threads stored before the cancellation were not read again.
        Assert.Equal(250 - stored, h.Slack.RequestsTo("conversations.replies").Count - repliesBefore);
    }

    [Fact]
    public async Task SyncAll_RateLimitedAndServerErrors_FailedRunRecordsError_NextRunEndsCompleteWithoutDuplicates()
    {
        var tap = new SlackCallTap();
        await using var h = await StartAsync(new SlackAppHarnessOptions { Tap = tap });
        h.Slack.SeedBulk(SupportChannel, threads: 200, repliesPerThread: 1, DateTimeOffset.UtcNow.AddDays(-2));
        tap.Answered = (method, count) =>
        {
            if (method == "conversations.replies" && count == 40)
            {
                h.Slack.Faults.RateLimitNext(2, retryAfterSeconds: 1, method: "conversations.replies");
            }
            else if (method == "conversations.replies" && count == 120)
            {
                h.Slack.Faults.FailNext(1, method: "conversations.replies");
            }
        };
        h.Slack.Faults.RateLimitNext(1, retryAfterSeconds: 1, method: "conversations.history");

        var failed = await h.SyncAsync();

        var error = Assert.Single(failed.Errors);
        Assert.Contains("HTTP 500", error, StringComparison.Ordinal);
        Assert.Equal(2, h.Slack.RequestsTo("conversations.replies").Count(c => c.Outcome == "http_429"));
        Assert.Equal(1, h.Slack.RequestsTo("conversations.history").Count(c => c.Outcome == "http_429"));
        await using (var db = await h.DbAsync())
        {
            var state = await db.Set<SlackChannelSyncState>().SingleAsync(Ct);
            Assert.Contains("HTTP 500", state.LastError, StringComparison.Ordinal);
            Assert.NotNull(state.LastErrorAt);
            Assert.Null(state.BackfillCompletedAt);
        }

        var stored = await CountThreadsAsync(h);
        Assert.InRange(stored, 110, 199);

        var recovered = await h.SyncAsync();

        Assert.Empty(recovered.Errors);
        await AssertDatabaseMatchesSandboxAsync(h, expectedThreads: 200);
        await using (var db = await h.DbAsync())
        {
            var state = await db.Set<SlackChannelSyncState>().SingleAsync(Ct);
            Assert.Null(state.LastError);
            Assert.NotNull(state.BackfillCompletedAt);
        }
    }

    [Fact]
    public async Task SyncAll_ReplyCountChangedLater_FetchesOnlyThatThreadAndStoresNewReply()
    {
        await using var h = await StartAsync();
        var parents = h.Slack.SeedBulk(SupportChannel, threads: 20, repliesPerThread: 1, DateTimeOffset.UtcNow.AddDays(-1));
        await h.SyncAsync();
        var before = h.Slack.RequestsTo("conversations.replies").Count;

        var replyTs = h.Slack.PostAsUser(SupportChannel, Asker, "Still failing after the upgrade", threadTs: parents[7]);
        var summary = await h.SyncAsync();

        Assert.Equal(1, summary.ThreadsChanged);
        Assert.Equal(before + 1, h.Slack.RequestsTo("conversations.replies").Count);
        Assert.Equal(parents[7], h.Slack.RequestsTo("conversations.replies")[^1]["ts"]);
        var thread = await h.ThreadAsync(parents[7]);
        Assert.Contains(thread.Messages, m => m.Ts == replyTs && m.Text == "Still failing after the upgrade");
        await AssertDatabaseMatchesSandboxAsync(h, expectedThreads: 20);
    }

    [Fact]
    public async Task SyncThread_BeforeAnyFullSync_RecognisesOurBotThroughAuthTest()
    {
        await using var h = await StartAsync();
        var ts = h.Slack.AddMessage(new SlackMessageDraft { ChannelId = SupportChannel, UserId = Asker, Text = "Is SSO in the free plan?", At = DateTimeOffset.UtcNow.AddMinutes(-30) });
        h.Slack.AddMessage(new SlackMessageDraft { ChannelId = SupportChannel, UserId = h.Slack.BotUserId, Text = "It is in every plan.", ThreadTs = ts });

        // What an event or an outbox send does right after a restart, before the first polling sync.
        await h.Sync.SyncThreadAsync(SupportChannel, ts, Ct);

        var thread = await h.ThreadAsync(ts);
        Assert.Equal(ThreadStatus.InProgress, thread.Status);
        Assert.True(Assert.Single(thread.Messages, m => m.Text == "It is in every plan.").IsTeam);
        Assert.Equal(2, thread.MessageCount);
    }

    [Fact]
    public async Task SyncAll_AfterDowntimeLongerThanRecheckWindow_CatchesUpFromLastCompletedRun()
    {
        var start = new DateTimeOffset(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(start);
        await using var h = await StartAsync(new SlackAppHarnessOptions { Time = time });
        await h.SyncAsync();

        // The app is stopped for 20 days (Slack:RecheckDays is 14); a question was asked on day 2.
        time.Advance(TimeSpan.FromDays(20));
        var missed = h.Slack.AddMessage(new SlackMessageDraft { ChannelId = SupportChannel, UserId = Asker, Text = "Anyone there?", At = start.AddDays(2) });
        await h.SyncAsync();

        Assert.NotNull(await h.FindThreadAsync(missed));
        var history = h.Slack.RequestsTo("conversations.history")[^1];
        Assert.True(double.Parse(history["oldest"]!, System.Globalization.CultureInfo.InvariantCulture) <= start.ToUnixTimeSeconds());
    }

    private static async Task<int> CountThreadsAsync(SlackAppHarness h)
    {
        await using var db = await h.DbAsync();
        return await db.Set<SupportThread>().CountAsync(Ct);
    }

    /// <summary>Every user question in the sandbox is one thread, and every message of it one row, nothing twice.</summary>
    internal static async Task AssertDatabaseMatchesSandboxAsync(SlackAppHarness h, int expectedThreads)
    {
        var questions = h.Slack.GetHistory(SupportChannel).Where(m => m.UserId is Asker or SecondAsker && m.Subtype is null).ToList();
        var expectedMessages = questions.SelectMany(q => h.Slack.GetThread(SupportChannel, q.Ts)).Select(m => m.Ts).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expectedThreads, questions.Count);

        await using var db = await h.DbAsync();
        var threadTs = await db.Set<SupportThread>().Where(t => t.ChannelId == SupportChannel).Select(t => t.Ts).ToListAsync(Ct);
        var messageTs = await db.Set<ThreadMessage>().Where(m => m.ChannelId == SupportChannel && !m.IsDeleted).Select(m => m.Ts).ToListAsync(Ct);

        Assert.Equal(questions.Select(q => q.Ts).Order(StringComparer.Ordinal), threadTs.Order(StringComparer.Ordinal));
        Assert.Equal(expectedMessages, messageTs.Order(StringComparer.Ordinal));
        var counts = await db.Set<SupportThread>().Select(t => new { t.Ts, t.MessageCount }).ToListAsync(Ct);
        Assert.All(counts, t => Assert.Equal(h.Slack.GetThread(SupportChannel, t.Ts).Count, t.MessageCount));
    }
}

public sealed class SlackSyncIntegrationOnSqliteTests() : SlackSyncIntegrationTests(TestProvider.Sqlite);

public sealed class SlackSyncIntegrationOnPostgresTests() : SlackSyncIntegrationTests(TestProvider.Postgres);
