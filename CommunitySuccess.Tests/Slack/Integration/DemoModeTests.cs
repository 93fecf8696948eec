using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Team;
using CommunitySuccess.Sandbox;
using CommunitySuccess.Sandbox.Slack;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CommunitySuccess.Tests.Slack.Integration.SlackAppHarness;

namespace CommunitySuccess.Tests.Slack.Integration;

/// <summary>Demo mode: the app starts the sandbox in-process, seeds the team and a few On Hold threads, and syncs.</summary>
public sealed class DemoModeTests
{
    [Fact]
    public async Task Start_SandboxEnabled_SyncsDemoWorkspace_SeedsTeamAndOnHoldThreads_InItsOwnDatabase()
    {
        var app = new AppFactory(s => s["Sandbox:Enabled"] = "true");
        Uri sandboxUrl;
        await using (app)
        {
            app.StartServer();
            var sandbox = app.Services.GetRequiredService<SandboxServer>();
            sandboxUrl = sandbox.BaseUrl;
            var dbFactory = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

            await WaitUntilAsync(
                async () =>
                {
                    await using var db = await dbFactory.CreateDbContextAsync(Ct);
                    return await db.Set<SupportThread>().CountAsync(Ct) >= 40
                        && await db.Set<SupportThread>().CountAsync(t => t.Status == ThreadStatus.OnHold, Ct) == 3;
                },
                "the demo workspace is synced and three threads are On Hold",
                TimeSpan.FromSeconds(60));

            await using (var db = await dbFactory.CreateDbContextAsync(Ct))
            {
                var team = await db.Set<TeamMember>().OrderBy(m => m.Email).ToListAsync(Ct);
                Assert.Equal(SlackWorkspace.DemoTeam.Select(m => m.Email).Order(StringComparer.Ordinal), team.Select(m => m.Email));
                Assert.Equal(SlackWorkspace.DemoTeam.Select(m => m.SlackUserId).Order(StringComparer.Ordinal), team.Select(m => m.SlackUserId!).Order(StringComparer.Ordinal));

                var onHold = await db.Set<SupportThread>().Where(t => t.Status == ThreadStatus.OnHold).Include(t => t.Notes).ToListAsync(Ct);
                Assert.All(onHold, t => Assert.Contains(t.Notes, n => n.Kind == ThreadNoteKind.OnHoldReason && n.Text.Length > 0));
                Assert.All(await db.Set<SupportThread>().ToListAsync(Ct), t => Assert.Equal(SlackWorkspace.DemoSupportChannelId, t.ChannelId));
                Assert.Contains(await db.Set<SupportThread>().Select(t => t.Status).Distinct().ToListAsync(Ct), s => s == ThreadStatus.Closed);
            }

            Assert.NotEmpty(sandbox.Slack.RequestsTo("conversations.history"));
            Assert.True(File.Exists(Path.Combine(app.DataDirectory, "demo.db")));
            Assert.False(File.Exists(Path.Combine(app.DataDirectory, "app.db")));
        }

        // The sandbox lives and dies with the app.
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Assert.ThrowsAsync<HttpRequestException>(() => probe.GetAsync(new Uri(sandboxUrl, "slack/api/auth.test"), Ct));
    }

    [Fact]
    public async Task Restart_OnTheSameDemoDatabase_FindsTheSameThreadsInsteadOfSyncingASecondCopy()
    {
        var shared = Directory.CreateTempSubdirectory("cs-demo-restart-").FullName;
        var demo = $"Data Source={Path.Combine(shared, "demo.db")}";
        try
        {
            var first = await StartSyncAndCountAsync(demo);
            var second = await StartSyncAndCountAsync(demo);

            Assert.True(first >= 40, $"The demo synced {first} threads.");
            Assert.Equal(first, second);
            Assert.True(File.Exists(Path.Combine(shared, "demo.db.seed")));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(shared, recursive: true);
        }
    }

    /// <summary>Starts the app in demo mode on <paramref name="demo"/>, waits for a full Slack sync of this start, and counts the threads.</summary>
    private static async Task<int> StartSyncAndCountAsync(string demo)
    {
        await using var app = new AppFactory(s =>
        {
            s["Sandbox:Enabled"] = "true";
            s["ConnectionStrings:Demo"] = demo;
        });
        var started = DateTime.UtcNow;
        app.StartServer();
        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await WaitUntilAsync(
            async () =>
            {
                await using var db = await dbFactory.CreateDbContextAsync(Ct);
                return await db.Set<CommunitySuccess.Core.Slack.SlackChannelSyncState>()
                    .AnyAsync(s => s.ChannelId == SlackWorkspace.DemoSupportChannelId && s.LastSyncCompletedAt >= started, Ct);
            },
            "a Slack sync of the support channel by this start",
            TimeSpan.FromSeconds(90));
        await using var counting = await dbFactory.CreateDbContextAsync(Ct);
        return await counting.Set<SupportThread>().CountAsync(Ct);
    }
}
