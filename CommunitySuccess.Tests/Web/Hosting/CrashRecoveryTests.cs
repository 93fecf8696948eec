using System.Globalization;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Sandbox;
using CommunitySuccess.Sandbox.Slack;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CommunitySuccess.Tests.Web.Hosting;

/// <summary>
/// The real app process killed with SIGKILL in the middle of its first Slack sync, then again while a reply it posted
/// waits for Slack's answer, and started again each time on the same database file: in the end every thread and
/// message is there once, and every queued reply was posted exactly once (the sandbox's own record).
/// </summary>
public sealed class CrashRecoveryTests
{
    private const string Channel = "C0SUPPORT01";
    private const string Asker = "U0ASKER0001";
    private const string Helper = "U0HELPER001";
    private const int Threads = 400;
    private const string ReplyPrefix = "Crash-test reply";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KilledMidSyncAndMidSend_RestartedOnTheSameFile_NothingLostNothingSentTwice()
    {
        var limits = SlackRateLimits.Published.Scaled(100);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxServerOptions { SeedDemoWorkspace = false, SlackRateLimits = limits }, Ct);
        sandbox.Slack.AddChannel(Channel, "support");
        sandbox.Slack.AddUser(new SlackUser { Id = Asker, Name = "priya", RealName = "Priya Raman", TimeZone = "Asia/Kolkata" });
        sandbox.Slack.AddUser(new SlackUser { Id = Helper, Name = "ana", RealName = "Ana Lima", TimeZone = "Europe/Lisbon", IsTeamMember = true });
        var questions = sandbox.Slack.SeedBulk(Channel, Threads, repliesPerThread: 1, DateTimeOffset.UtcNow.AddDays(-3));
        var environment = new Dictionary<string, string>
        {
            ["Sandbox__Enabled"] = "false",
            ["Slack__ApiBaseUrl"] = sandbox.SlackApiBaseUrl.ToString(),
            ["Slack__BotToken"] = sandbox.Slack.BotToken,
            ["Slack__SigningSecret"] = sandbox.Slack.SigningSecret,
            ["Slack__SupportChannels__0"] = Channel,
            ["Slack__RateLimitScale"] = limits.Scale.ToString(CultureInfo.InvariantCulture),
            ["Slack__NonMarketplaceApp"] = limits.NonMarketplace ? "true" : "false",
            ["Team__Members__0__Name"] = "Ana Lima",
            ["Team__Members__0__Email"] = "ana@acme.example",
            ["Team__Members__0__SlackUserId"] = Helper,
        };
        var data = Directory.CreateTempSubdirectory("cs-crash-").FullName;
        var database = $"Data Source={Path.Combine(data, "app.db")}";

        // 1. Killed in the middle of the first sync.
        await using (var first = AppProcess.Start(environment, data))
        {
            await WaitUntilAsync(() => sandbox.Slack.RequestsTo("conversations.replies").Count >= 40, "the first sync is under way", first);
            await first.KillAsync();
        }

        var storedAfterKill = await CountAsync<SupportThread>(database);
        Assert.InRange(storedAfterKill, 0, Threads - 1);

        // 2. Replies queued while the app is down (as a person's clicks left them); the first one Slack carries out
        // but answers so slowly that the app is killed while it waits.
        var replies = questions.Take(3).Select((ts, i) => (Ts: ts, Text: $"{ReplyPrefix} {i + 1}")).ToList();
        await QueueRepliesAsync(database, replies);
        sandbox.Slack.Faults.DelayAnswerNext(1, TimeSpan.FromMinutes(5), "chat.postMessage");
        await using (var second = AppProcess.Start(environment, data))
        {
            await WaitUntilAsync(() => sandbox.Slack.RequestsTo("chat.postMessage").Any(c => c.Outcome == "ok"), "Slack has carried out the first reply", second);
            await second.KillAsync();
        }

        // 3. Started again with no faults: it finishes the sync and the sends.
        sandbox.Slack.Faults.Clear();
        await using var third = AppProcess.Start(environment, data);
        await WaitUntilAsync(() => IsSettledAsync(database, replies.Count), "the sync completed and every reply was sent", third, TimeSpan.FromSeconds(90));

        await using var db = Open(database);
        var threadTs = await db.Set<SupportThread>().Where(t => t.ChannelId == Channel).Select(t => t.Ts).ToListAsync(Ct);
        Assert.Equal(questions.Order(StringComparer.Ordinal), threadTs.Order(StringComparer.Ordinal));
        // Every message once; the app's own replies are left out of the comparison (a later poll reads them back).
        var expectedMessages = questions.SelectMany(q => sandbox.Slack.GetThread(Channel, q))
            .Where(m => !m.Text.StartsWith(ReplyPrefix, StringComparison.Ordinal)).Select(m => m.Ts).Order(StringComparer.Ordinal).ToList();
        var messageTs = await db.Set<ThreadMessage>().Where(m => m.ChannelId == Channel && !m.Text.StartsWith(ReplyPrefix)).Select(m => m.Ts).ToListAsync(Ct);
        Assert.Equal(expectedMessages, messageTs.Order(StringComparer.Ordinal));
        foreach (var (ts, text) in replies)
        {
            Assert.Single(sandbox.Slack.GetThread(Channel, ts), m => m.Text == text);
        }

        Assert.Equal(replies.Count, sandbox.Slack.RequestsTo("chat.postMessage").Count(c => c.Outcome == "ok"));
        var rows = await db.Set<OutboxMessage>().AsNoTracking().ToListAsync(Ct);
        Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
        await third.KillAsync();
        await db.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(data, recursive: true);
    }

    private static AppDbContext Open(string connectionString) =>
        new(new DbContextOptionsBuilder<AppDbContext>().UseSqlite(connectionString).AddInterceptors(new SqlitePragmaInterceptor()).Options);

    private static async Task<int> CountAsync<T>(string connectionString)
        where T : class
    {
        await using var db = Open(connectionString);
        return await db.Set<T>().CountAsync(Ct);
    }

    private static async Task QueueRepliesAsync(string connectionString, IReadOnlyList<(string Ts, string Text)> replies)
    {
        await using var db = Open(connectionString);
        var outbox = new OutboxService(new FileDbFactory(connectionString), new OutboxSignal(), TimeProvider.System);
        foreach (var (ts, text) in replies)
        {
            outbox.Add(db, OutboxKinds.SlackPostMessage, new SlackPostPayload(Channel, text, ts, Username: "Ana Lima"), "Ana Lima");
        }

        await db.SaveChangesAsync(Ct);
    }

    private static async Task<bool> IsSettledAsync(string connectionString, int replies)
    {
        try
        {
            await using var db = Open(connectionString);
            var backfilled = await db.Set<SlackChannelSyncState>().AnyAsync(s => s.ChannelId == Channel && s.BackfillCompletedAt != null, Ct);
            var sent = await db.Set<OutboxMessage>().CountAsync(m => m.Status == OutboxStatus.Sent, Ct);
            return backfilled && sent == replies;
        }
        catch (SqliteException)
        {
            // The app holds the write lock for a moment: ask again.
            return false;
        }
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what, AppProcess.Running app) =>
        WaitUntilAsync(() => Task.FromResult(condition()), what, app, TimeSpan.FromSeconds(60));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, AppProcess.Running app, TimeSpan timeout)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(timeout);
        while (!await condition())
        {
            Assert.False(app.HasExited, $"The app exited while waiting until {what}:\n{app.Output}");
            try
            {
                await Task.Delay(25, cts.Token);
            }
            catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
            {
                throw new Xunit.Sdk.XunitException($"Timed out waiting until {what}. The app printed:\n{app.Output}");
            }
        }
    }

    private sealed class FileDbFactory(string connectionString) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => Open(connectionString);
    }
}
