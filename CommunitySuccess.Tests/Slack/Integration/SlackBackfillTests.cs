using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Sandbox;
using CommunitySuccess.Sandbox.Slack;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CommunitySuccess.Tests.Slack.Integration;

/// <summary>
/// A first backfill against the sandbox at Slack's own limits (Tier 3: 50 conversations.replies a minute), on
/// simulated time: paced, so no 429; checkpointed, so a restart half-way resumes without reading again what it had.
/// </summary>
public sealed class SlackBackfillTests
{
    private const string Channel = "C0BACKFILL1";
    private const int Threads = 1200;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SyncAll_TwelveHundredThreadsAtTier3_PacedWithoutA429_ResumesAfterRestart_ShowsProgress()
    {
        var fake = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var clock = new AutoAdvancingTimeProvider(fake);
        await using var sandbox = await SandboxServer.StartAsync(
            new SandboxServerOptions { SeedDemoWorkspace = false, TimeProvider = clock, SlackRateLimits = SlackRateLimits.Published }, Ct);
        sandbox.Slack.AddChannel(Channel, "support");
        sandbox.Slack.SeedBulk(Channel, Threads, repliesPerThread: 1, fake.GetUtcNow().AddDays(-5));
        var database = Path.Combine(Directory.CreateTempSubdirectory("cs-backfill-").FullName, "app.db");
        var started = fake.GetUtcNow();

        // The app stops (a deploy, a crash) after half the threads' replies were read.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var tap = new SlackCallTap { Answered = (method, count) => { if (method == "conversations.replies" && count == Threads / 2) { stop.Cancel(); } } };
        SlackBackfillProgress halfWay;
        string? checkpoint;
        await using (var first = StartApp(sandbox, clock, database, tap))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Sync(first).SyncAllAsync(stop.Token, waitForRunning: true));
            halfWay = Assert.Single(await Sync(first).GetBackfillProgressAsync(Ct));
            await using var db = await DbAsync(first);
            checkpoint = (await db.Set<SlackChannelSyncState>().SingleAsync(Ct)).BackfillCursorTs;
        }

        // A question asked while the app was down: the restarted backfill reads it before the older half.
        var askedWhileDown = sandbox.Slack.PostAsUser(Channel, sandbox.Slack.CommunityUsers[0].Id, "Is the export API rate limited?");
        var historyCallsBeforeRestart = sandbox.Slack.RequestsTo("conversations.history").Count;
        var firstCallAfterRestart = sandbox.Slack.Requests.Count;
        Assert.DoesNotContain(sandbox.Slack.Requests, call => call.Outcome == "http_429");
        await using var second = StartApp(sandbox, clock, database, tap: null);
        var summary = await Sync(second).SyncAllAsync(Ct, waitForRunning: true);
        var done = Assert.Single(await Sync(second).GetBackfillProgressAsync(Ct));

        // The restarted app cannot know Slack's count: at most its first call meets one 429, then the pace holds.
        Assert.Empty(summary.Errors);
        var limited = sandbox.Slack.Requests.Select((call, index) => (call, index)).Where(c => c.call.Outcome == "http_429").ToList();
        Assert.True(limited.Count <= 1, $"{limited.Count} answers were 429");
        var firstRepliesAfterRestart = sandbox.Slack.Requests.Select((call, index) => (call, index)).First(c => c.index >= firstCallAfterRestart && c.call.Method == "conversations.replies").index;
        Assert.All(limited, c => Assert.Equal(firstRepliesAfterRestart, c.index));

        // Half-way: the total, what was read up to the last checkpoint, and the time left at Tier 3's pace.
        Assert.False(halfWay.Completed);
        Assert.Equal("#support (C0BACKFILL1)", halfWay.Channel.ToString());
        Assert.InRange(halfWay.ThreadsRead, 400, Threads / 2);
        Assert.Equal(Threads, halfWay.EstimatedTotal);
        Assert.InRange(halfWay.TimeLeft!.Value, TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(18));

        // After the restart: every thread stored, each thread's replies read once (the one in flight at the stop twice at most).
        var replies = sandbox.Slack.RequestsTo("conversations.replies").Where(c => c.Outcome == "ok").ToList();
        Assert.Equal(Threads, replies.Select(c => c["ts"]).Distinct().Count());
        Assert.InRange(replies.Count, Threads, Threads + 1);
        Assert.NotNull(checkpoint);
        var historyAfterRestart = sandbox.Slack.RequestsTo("conversations.history").Skip(historyCallsBeforeRestart).ToList();
        Assert.Null(historyAfterRestart[0]["latest"]);
        Assert.Equal(checkpoint, historyAfterRestart[1]["latest"]);
        Assert.InRange(historyAfterRestart.Count, 2, (Threads / 2 / 200) + 3);
        await using (var db = await DbAsync(second))
        {
            Assert.Equal(Threads + 1, await db.Set<SupportThread>().CountAsync(t => t.ChannelId == Channel, Ct));
            Assert.True(await db.Set<SupportThread>().AnyAsync(t => t.Ts == askedWhileDown, Ct));
        }

        Assert.True(done.Completed);
        Assert.Equal(100, done.Percent);
        Assert.Equal(Threads, done.ThreadsRead);

        // Slack's pace, on the shared simulated clock: 1,200 replies calls at 50 a minute (after a burst of 50) take 23 minutes.
        Assert.InRange(fake.GetUtcNow() - started, TimeSpan.FromMinutes(22), TimeSpan.FromMinutes(28));
    }

    private static SlackSyncService Sync(WebApplicationFactory<Program> app) => app.Services.GetRequiredService<SlackSyncService>();

    private static async Task<AppDbContext> DbAsync(WebApplicationFactory<Program> app) =>
        await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);

    private static WebApplicationFactory<Program> StartApp(SandboxServer sandbox, TimeProvider clock, string database, SlackCallTap? tap)
    {
        var factory = new AppFactory(s =>
        {
            s["ConnectionStrings:Default"] = $"Data Source={database}";
            s["Slack:ApiBaseUrl"] = sandbox.SlackApiBaseUrl.ToString();
            s["Slack:BotToken"] = sandbox.Slack.BotToken;
            s["Slack:SigningSecret"] = sandbox.Slack.SigningSecret;
            s["Slack:SupportChannels:0"] = Channel;
        });
        return factory.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
        {
            services.AddSingleton(clock);
            var client = services.AddHttpClient<ISlackApi, SlackApiClient>();
            if (tap is not null)
            {
                client.AddHttpMessageHandler(() => new SlackCallTapHandler(tap));
            }
        }));
    }
}
