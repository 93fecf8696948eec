using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Sandbox;
using CommunitySuccess.Sandbox.Slack;
using Microsoft.EntityFrameworkCore;

namespace CommunitySuccess.Benchmarks.App;

/// <summary>
/// Issue 13's measures on the real app against the sandbox: a full Slack sync's ingest rate beside a raw batched
/// insert of the same rows, the API calls a full and an idle sync spend, and signed Slack events posted on loopback.
/// </summary>
public sealed class AppMeasures(BenchmarkReport report)
{
    public const string Channel = "C0BENCH001";
    private const string Asker = "U0BENCHASK";
    private const string Helper = "U0BENCHHLP";
    private const string Owner = "acme";
    private const string Repo = "bench";
    private const int GitHubIssues = 1_000;

    /// <summary>Threads of the last day (one a minute, well inside the recheck window).</summary>
    private const int RecentThreads = 150;

    /// <summary>Runs every measure on one provider; <paramref name="database"/> holds its connection settings.</summary>
    public async Task RunAsync(string provider, IReadOnlyDictionary<string, string?> database, int threads, int repliesPerThread, int events, Func<BenchApp, Task>? more = null)
    {
        // "Limits turned off for this measure": Slack's published limits 100,000 times faster on both sides.
        var limits = SlackRateLimits.Published.Scaled(100_000);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxServerOptions { SeedDemoWorkspace = false, SlackRateLimits = limits });
        sandbox.Slack.AddChannel(Channel, "support");
        sandbox.Slack.AddUser(new SlackUser { Id = Asker, Name = "priya", RealName = "Priya Raman", TimeZone = "Asia/Kolkata" });
        sandbox.Slack.AddUser(new SlackUser { Id = Helper, Name = "ana", RealName = "Ana Lima", TimeZone = "Europe/Lisbon", IsTeamMember = true });
        // Most threads older than the 14-day recheck window, the last day's within it, as on a real support channel
        // (SeedBulk writes one thread a minute): an idle sync then re-reads one history page, not the whole backfill.
        var recent = Math.Min(RecentThreads, threads);
        sandbox.Slack.SeedBulk(Channel, threads - recent, repliesPerThread, DateTimeOffset.UtcNow.AddDays(-60));
        sandbox.Slack.SeedBulk(Channel, recent, repliesPerThread, DateTimeOffset.UtcNow.AddMinutes(-recent - 60));
        sandbox.GitHub.SeedBulk(Owner, Repo, GitHubIssues);
        for (var number = 1; number <= GitHubIssues; number += 10)
        {
            sandbox.GitHub.Comment(Owner, Repo, number, "bulk-user-2", $"Same here on {number}.");
        }

        var settings = new Dictionary<string, string?>(database)
        {
            ["Slack:ApiBaseUrl"] = sandbox.SlackApiBaseUrl.ToString(),
            ["Slack:BotToken"] = sandbox.Slack.BotToken,
            ["Slack:SigningSecret"] = sandbox.Slack.SigningSecret,
            ["Slack:SupportChannels:0"] = Channel,
            ["Slack:RateLimitScale"] = limits.Scale.ToString(CultureInfo.InvariantCulture),
            ["Slack:BackfillDays"] = "365",
            ["GitHub:ApiBaseUrl"] = sandbox.BaseUrl.ToString(),
            ["GitHub:Token"] = sandbox.GitHub.Token,
            ["GitHub:Repositories:0"] = $"{Owner}/{Repo}",
            ["Team:Members:0:Name"] = "Ana Lima",
            ["Team:Members:0:Email"] = BenchApp.AdminEmail,
            ["Team:Members:0:SlackUserId"] = Helper,
        };
        await using var app = new BenchApp(settings);
        _ = app.BaseAddress;

        await IngestAsync(provider, app, sandbox, settings, threads, repliesPerThread);
        await ApiCallsAsync(provider, app, sandbox, threads);
        await EventsAsync(provider, app, sandbox, events);
        if (more is not null)
        {
            await more(app);
        }
    }

    private async Task IngestAsync(string provider, BenchApp app, SandboxServer sandbox, Dictionary<string, string?> settings, int threads, int repliesPerThread)
    {
        var watch = Stopwatch.StartNew();
        var summary = await app.Get<SlackSyncService>().SyncAllAsync(CancellationToken.None, waitForRunning: true);
        var synced = watch.Elapsed;
        if (summary.Errors.Count > 0)
        {
            throw new InvalidOperationException("The benchmark sync failed: " + string.Join("; ", summary.Errors));
        }

        var messages = threads * (1 + repliesPerThread);
        RawRows.Table[] tables;
        await using (var source = await OpenAsync(app))
        {
            var stored = await CountAsync(source, "ThreadMessages");
            if (stored != messages)
            {
                throw new InvalidOperationException($"The sync stored {stored} messages, not {messages}.");
            }

            tables = [await RawRows.ReadAsync(source, "SupportThreads"), await RawRows.ReadAsync(source, "ThreadMessages"), await RawRows.ReadAsync(source, "InboxItems")];
        }

        // The same rows into the same, empty schema (migrations, indexes, search triggers) of a second database.
        var emptySettings = new Dictionary<string, string?>(settings);
        TimeSpan raw;
        await using (var empty = new BenchApp(await FreshDatabaseAsync(provider, emptySettings)))
        {
            _ = empty.BaseAddress;
            await using var target = await OpenAsync(empty);
            watch.Restart();
            await RawRows.InsertAsync(target, tables);
            raw = watch.Elapsed;
        }

        var appRate = messages / synced.TotalSeconds;
        var rawRate = messages / raw.TotalSeconds;
        report.Section($"Ingest on {provider}: a full Slack sync of {threads:N0} threads / {messages:N0} messages",
            "The app's own `SlackSyncService` against the sandbox over loopback (rate limits scaled 100,000×, so they never wait), " +
            "beside a raw batched insert of the rows it stored (threads, messages and inbox rows; 100 rows a statement, one transaction) " +
            "into the same empty schema. Target: at least half the raw rate.");
        report.Table(["measure", "time", "messages/s", "vs raw", "target ≥ 0.5×"],
        [
            ["full sync (API calls, JSON, rules, projection, search index)", $"{synced.TotalSeconds:F1} s", BenchmarkReport.Number(appRate), $"{appRate / rawRate:F2}×", BenchmarkReport.Verdict(appRate >= rawRate / 2)],
            ["raw batched INSERT of the same rows", $"{raw.TotalSeconds:F1} s", BenchmarkReport.Number(rawRate), "1×", ""],
        ]);
    }

    private async Task ApiCallsAsync(string provider, BenchApp app, SandboxServer sandbox, int threads)
    {
        var slack = app.Get<SlackSyncService>();
        var github = app.Get<GitHubSyncService>();
        var fullSlack = sandbox.Slack.Requests.Count;
        var fullByMethod = string.Join(", ", sandbox.Slack.Requests.GroupBy(c => c.Method).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count():N0}"));

        var before = sandbox.Slack.Requests.Count;
        await slack.SyncAllAsync(CancellationToken.None, waitForRunning: true);
        var idle = sandbox.Slack.Requests.Skip(before).ToList();

        var gitHubBefore = sandbox.GitHub.Requests.Count;
        var gitHubSummary = await github.SyncAllAsync(CancellationToken.None, waitForRunning: true);
        var gitHubFull = sandbox.GitHub.Requests.Skip(gitHubBefore).ToList();
        gitHubBefore = sandbox.GitHub.Requests.Count;
        await github.SyncAllAsync(CancellationToken.None, waitForRunning: true);
        var gitHubIdle = sandbox.GitHub.Requests.Skip(gitHubBefore).ToList();
        if (gitHubSummary.Errors.Count > 0)
        {
            throw new InvalidOperationException("The benchmark GitHub sync failed: " + string.Join("; ", gitHubSummary.Errors));
        }

        // The least a sync can do: history pages of 200 (Slack's advised page) and one replies call per thread with
        // replies; GitHub's issue and comment lists in pages of 100, plus the releases list.
        var slackMinimum = (int)Math.Ceiling(threads / 200.0) + threads;
        var comments = (GitHubIssues + 9) / 10;
        var gitHubMinimum = (int)Math.Ceiling(GitHubIssues / 100.0) + (int)Math.Ceiling(comments / 100.0) + 1;
        report.Section($"API calls on {provider}",
            $"Calls the sandbox received. Slack: one support channel with {threads:N0} threads ({RecentThreads} of them inside the 14-day recheck window); GitHub: one repository with {GitHubIssues:N0} issues and {comments:N0} comments. " +
            "Target: an idle sync costs one Slack call per channel and no GitHub rate limit (conditional requests answered 304).");
        report.Table(["sync", "calls", "least possible", "detail"],
        [
            ["Slack, full (first) sync", BenchmarkReport.Number(fullSlack), BenchmarkReport.Number(slackMinimum), fullByMethod],
            ["Slack, idle incremental sync", BenchmarkReport.Number(idle.Count), "1", string.Join(", ", idle.GroupBy(c => c.Method).Select(g => $"{g.Key} {g.Count()}")) + " — " + BenchmarkReport.Verdict(idle.Count <= 1)],
            ["GitHub, full (first) sync", BenchmarkReport.Number(gitHubFull.Count), BenchmarkReport.Number(gitHubMinimum), $"{gitHubFull.Count(r => r.CountedAgainstRateLimit)} counted against the rate limit"],
            ["GitHub, idle incremental sync", BenchmarkReport.Number(gitHubIdle.Count), "0 counted", $"{gitHubIdle.Count(r => r.NotModified)} answered 304, {gitHubIdle.Count(r => r.CountedAgainstRateLimit)} counted against the rate limit — " + BenchmarkReport.Verdict(gitHubIdle.All(r => !r.CountedAgainstRateLimit))],
        ]);
    }

    private async Task EventsAsync(string provider, BenchApp app, SandboxServer sandbox, int events)
    {
        int before;
        await using (var connection = await OpenAsync(app))
        {
            before = await CountAsync(connection, "ThreadMessages");
        }

        // As in Slack, each event names a message that exists: the app reads the thread back from the API when applying it.
        // Every second message replies to the question written just before it, as a thread grows.
        var written = new (string Ts, string? ThreadTs)[events];
        for (var i = 0; i < events; i++)
        {
            var threadTs = i % 2 == 0 ? null : written[i - 1].Ts;
            var text = threadTs is null ? $"Benchmark question {i}: the export fails with ERR_{i}" : $"More detail on {i - 1}: it still fails";
            written[i] = (sandbox.Slack.AddMessage(new SlackMessageDraft { ChannelId = Channel, UserId = Asker, Text = text, ThreadTs = threadTs }), threadTs);
        }

        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 32 }) { BaseAddress = app.BaseAddress };
        const int Senders = 16;
        var latencies = new double[events];
        var failures = 0;
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < events)
            {
                using var request = Signed(sandbox.Slack.SigningSecret, Envelope(i, written[i].Ts, written[i].ThreadTs));
                var sent = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(request);
                latencies[i] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));
        var acknowledged = watch.Elapsed;

        // Acknowledged first, applied in the background: wait until every event is a stored message.
        var stored = before;
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (stored < before + events && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            await using var connection = await OpenAsync(app);
            stored = await CountAsync(connection, "ThreadMessages");
        }

        var allStored = watch.Elapsed;
        Array.Sort(latencies);
        var rate = events / acknowledged.TotalSeconds;
        var p99 = latencies[Math.Min(events - 1, (int)Math.Ceiling(0.99 * events) - 1)];
        report.Section($"Signed Slack events on {provider}",
            $"{events:N0} `event_callback` message events (questions and replies), each signed with the signing secret, posted by {Senders} concurrent senders to `/slack/events` on loopback. " +
            "Targets: ≥ 500 events/s, p99 acknowledgement ≤ 50 ms, none lost.");
        report.Table(["measure", "value", "target"],
        [
            ["events acknowledged per second", BenchmarkReport.Number(rate), "≥ 500 — " + BenchmarkReport.Verdict(rate >= 500)],
            ["acknowledgement p50 / p99", $"{BenchmarkReport.Ms(latencies[events / 2])} / {BenchmarkReport.Ms(p99)}", "p99 ≤ 50 ms — " + BenchmarkReport.Verdict(p99 <= 50)],
            ["refused requests", BenchmarkReport.Number(failures), "0"],
            ["stored as messages", $"{stored - before:N0} of {events:N0}, all within {allStored.TotalSeconds:F1} s of the first post", "all — " + BenchmarkReport.Verdict(stored - before == events && failures == 0)],
        ]);
    }

    private static string Envelope(int i, string ts, string? threadTs)
    {
        var message = new Dictionary<string, object?>
        {
            ["type"] = "message",
            ["user"] = Asker,
            ["text"] = threadTs is null ? $"Benchmark question {i}: the export fails with ERR_{i}" : $"More detail on {i - 1}: it still fails",
            ["ts"] = ts,
            ["channel"] = Channel,
            ["event_ts"] = ts,
            ["channel_type"] = "channel",
        };
        if (threadTs is not null)
        {
            message["thread_ts"] = threadTs;
        }

        return JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["token"] = "bench",
            ["team_id"] = "T0SANDBOX1",
            ["api_app_id"] = "A0BENCH",
            ["event"] = message,
            ["type"] = "event_callback",
            ["event_id"] = $"EvBENCH{i:D8}",
            ["event_time"] = 1_900_000_000 + i,
        });
    }

    /// <summary>Slack's v0 request signature over <c>v0:timestamp:body</c>.</summary>
    private static HttpRequestMessage Signed(string secret, string body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));
        var request = new HttpRequestMessage(HttpMethod.Post, "/slack/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", signature);
        return request;
    }

    private static async Task<DbConnection> OpenAsync(BenchApp app)
    {
        var db = await app.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<int> CountAsync(DbConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>The same settings on a new, empty database of the same provider.</summary>
    private static async Task<Dictionary<string, string?>> FreshDatabaseAsync(string provider, Dictionary<string, string?> settings)
    {
        if (provider != "PostgreSQL")
        {
            settings.Remove("ConnectionStrings:Default"); // BenchApp gives each app a SQLite file of its own
            return settings;
        }

        settings["ConnectionStrings:Default"] = await PostgresDatabases.CreateAsync();
        return settings;
    }
}
