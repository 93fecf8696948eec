using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Slack;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CommunitySuccess.Tests.Slack.Integration.SlackAppHarness;

namespace CommunitySuccess.Tests.Slack.Integration;

/// <summary>
/// The Slack sync through every fault the sandbox can inject — a burst of 429s with <c>Retry-After</c>, a 500, a
/// time-out, a body cut short mid-JSON and a dropped connection — ends, once the faults stop, with exactly the data a
/// fault-free sync of the same workspace stores: no thread or message missing or twice.
/// </summary>
public sealed class SlackSyncFaultTests
{
    [Fact]
    public async Task SyncAll_EveryKindOfFaultDuringTheBackfill_ConvergesToTheFaultFreeResult()
    {
        var tap = new SlackCallTap();
        await using var h = await StartAsync(new SlackAppHarnessOptions { Tap = tap, SlackTimeout = TimeSpan.FromSeconds(1) });
        h.Slack.SeedBulk(SupportChannel, threads: 40, repliesPerThread: 2, DateTimeOffset.UtcNow.AddDays(-2));
        h.Slack.Faults.RateLimitNext(3, retryAfterSeconds: 1, method: "conversations.history");
        tap.Answered = (method, count) =>
        {
            if (method != "conversations.replies")
            {
                return;
            }

            switch (count)
            {
                case 4: h.Slack.Faults.TruncateNext(1, "conversations.replies"); break;
                case 8: h.Slack.Faults.DropConnectionNext(1, "conversations.replies"); break;
                case 12: h.Slack.Faults.DelayNext(1, TimeSpan.FromSeconds(3), "conversations.replies"); break;
                case 16: h.Slack.Faults.FailNext(1, "conversations.replies"); break;
                case 20: h.Slack.Faults.RateLimitNext(3, retryAfterSeconds: 1, method: "conversations.replies"); break;
            }
        };

        var runs = 0;
        SlackSyncSummary summary;
        do
        {
            summary = await h.SyncAsync();
            runs++;
        }
        while (summary.Errors.Count > 0 && runs < 8);

        Assert.Empty(summary.Errors);
        Assert.True(runs > 1, "the faults should have failed at least one run");
        foreach (var outcome in new[] { "http_429", "http_500", "dropped", "aborted" })
        {
            Assert.Contains(h.Slack.RequestsTo("conversations.replies").Concat(h.Slack.RequestsTo("conversations.history")), c => c.Outcome == outcome);
        }

        await using var twin = h.StartTwin();
        Assert.Empty((await twin.Services.GetRequiredService<SlackSyncService>().SyncAllAsync(Ct, waitForRunning: true)).Errors);
        Assert.Equal(await SnapshotAsync(twin.Services), await SnapshotAsync(h.Services));
        await SlackSyncIntegrationTests.AssertDatabaseMatchesSandboxAsync(h, expectedThreads: 40);
    }

    /// <summary>Every thread with its status, counts and messages, in one comparable string per thread.</summary>
    internal static async Task<IReadOnlyList<string>> SnapshotAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        var threads = await db.Set<SupportThread>().AsNoTracking().Include(t => t.Messages).ThenInclude(m => m.Reactions).AsSplitQuery()
            .OrderBy(t => t.ChannelId).ThenBy(t => t.Ts).ToListAsync(Ct);
        return [.. threads.Select(t =>
            $"{t.ChannelId}/{t.Ts} {t.Status} by {t.UserId} msgs={t.MessageCount} team-last={t.LastMessageByTeam}: " +
            string.Join(" | ", t.Messages.OrderBy(m => m.Ts, StringComparer.Ordinal).Select(m =>
                $"{m.Ts} {m.UserId} {m.Text} [{string.Join(',', m.Reactions.Select(r => r.Name + ":" + r.UserId).Order(StringComparer.Ordinal))}]")))];
    }
}
