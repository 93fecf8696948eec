using System.Diagnostics;
using System.Globalization;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Search;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Core.Team;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySuccess.Benchmarks;

/// <summary>One measured operation: timings over the iterations, in milliseconds.</summary>
public sealed record BenchmarkResult(string Name, double P50, double P95, double Max, string Note)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Name,-48} p50 {P50,7:F2} ms   p95 {P95,7:F2} ms   max {Max,7:F2} ms   {Note}");
}

/// <summary>
/// Builds a database the size issue 4 names (50,000 threads, 500,000 messages) through the real migrations and
/// search index, then times the inbox's first page and search for a typical word and for a word in 30% of messages.
/// </summary>
public sealed class InboxSearchBenchmark : IAsyncDisposable
{
    /// <summary>In about 0.3% of messages.</summary>
    public const string TypicalWord = "kubernetes";

    /// <summary>In 30% of messages.</summary>
    public const string CommonWord = "deploy";

    private static readonly string[] Vocabulary =
    [
        "error", "timeout", "config", "install", "upgrade", "version", "helm", "docker", "token", "login", "cluster",
        "database", "migration", "queue", "worker", "memory", "latency", "proxy", "certificate", "webhook", "plugin",
        "release", "backup", "restore", "permissions", "schema", "index", "cache", "network", "storage", "logs",
    ];

    private readonly ServiceProvider _services;
    private readonly InboxQueryService _inbox;
    private readonly SearchService _search;

    /// <summary>GitHub issues and pull requests beside the threads (issue 10: 20,000).</summary>
    public const int GitHubItems = 20_000;

    private static readonly InboxView[] MeasuredViews = [InboxView.All, InboxView.Open, InboxView.InProgress, InboxView.OnHold, InboxView.NeedsFollowUp, InboxView.Closed];

    private readonly Func<Task<DbConnection>> _openRaw;

    /// <summary>The app's services over the benchmark database, for other measurements on the same data.</summary>
    public IServiceProvider Provider => _services;

    private InboxSearchBenchmark(ServiceProvider services, Func<Task<DbConnection>> openRaw)
    {
        _services = services;
        _openRaw = openRaw;
        _inbox = services.GetRequiredService<InboxQueryService>();
        _search = services.GetRequiredService<SearchService>();
    }

    /// <summary>The app's own services over a fresh database file, so the benchmark measures the queries the pages run.</summary>
    public static async Task<InboxSearchBenchmark> CreateAsync(string path, int threads, int perThread)
    {
        var provider = Services(new DatabaseSettings(
            DatabaseProvider.Sqlite, SqliteDatabase.PrepareConnectionString($"Data Source={path}", Path.GetDirectoryName(path)!)));
        await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        await provider.GetRequiredService<ISearchIndex>().EnsureCreatedAsync(CancellationToken.None);
        string[] zones = ["America/Los_Angeles", "America/Sao_Paulo", "Europe/Berlin", "Asia/Kolkata", "Asia/Tokyo", "Australia/Sydney"];
        await GenerateAsync(path, threads, perThread, zones);
        await GenerateGitHubItemsAsync(path, GitHubItems, zones);
        return new InboxSearchBenchmark(provider, async () =>
        {
            var raw = new SqliteConnection($"Data Source={path}");
            await raw.OpenAsync();
            return raw;
        });
    }

    /// <summary>
    /// The same data on PostgreSQL: the SQLite benchmark database copied with the app's own <c>copy-to-postgres</c>
    /// into an empty database, its search indexes built and its statistics gathered, then the app's services over it.
    /// </summary>
    public static async Task<InboxSearchBenchmark> OnPostgresAsync(string sqlitePath, string postgresConnectionString)
    {
        await SqliteToPostgresCopy.CopyAsync($"Data Source={sqlitePath}", postgresConnectionString, CancellationToken.None);
        var provider = Services(new DatabaseSettings(DatabaseProvider.Postgres, postgresConnectionString));
        await provider.GetRequiredService<ISearchIndex>().EnsureCreatedAsync(CancellationToken.None);
        await using (var analyze = new NpgsqlConnection(postgresConnectionString))
        {
            await analyze.OpenAsync();
            await using var command = new NpgsqlCommand("VACUUM ANALYZE", analyze) { CommandTimeout = 600 };
            await command.ExecuteNonQueryAsync();
        }

        return new InboxSearchBenchmark(provider, async () =>
        {
            var raw = new NpgsqlConnection(postgresConnectionString);
            await raw.OpenAsync();
            return raw;
        });
    }

    private static ServiceProvider Services(DatabaseSettings database)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddOptions();
        services.Configure<InboxOptions>(_ => { });
        services.Configure<SlackOptions>(o => o.ApiBaseUrl = "http://127.0.0.1:9/slack/api/");
        services.Configure<TeamOptions>(_ => { });
        services.AddSingleton<Core.Notifications.ChangeNotifier>();
        services.AddAppDatabase(database);
        services.AddTeam();
        services.AddInbox();
        services.AddOutbox(runWorker: false);
        // The inbox names channels through the Slack lookup (IChannelDirectory), which AddSlackThreads registers.
        services.AddSlackThreads();
        services.AddInboxWorkspace();
        services.AddSearch();
        return services.BuildServiceProvider();
    }

    public async Task<IReadOnlyList<BenchmarkResult>> RunAsync(int iterations)
    {
        var results = new List<BenchmarkResult>
        {
            await MeasureAsync("Inbox first page (All, Awake first, 50 rows)", iterations, FirstInboxPageAsync),
        };
        await using (var raw = await _openRaw())
        {
            foreach (var view in MeasuredViews)
            {
                results.Add(await MeasureAsync($"  {view}, Oldest, page + counts", iterations, () => ViewPageAsync(view)));
                results.Add(await MeasureAsync($"  {view}, same as raw SQL", iterations, () => RawViewPageAsync(raw, view)));
            }

            results.Add(await MeasureAsync("  counts alone (service)", iterations, async () => (await _inbox.GetCountsAsync(CancellationToken.None))[InboxView.All]));
            results.Add(await MeasureAsync("  GitHub source, All, Awake first + counts", iterations, async () =>
            {
                var page = await _inbox.GetPageAsync(InboxView.All, InboxOrder.AwakeFirst, InboxSourceFilter.GitHub, 0, 50, CancellationToken.None);
                await _inbox.GetCountsAsync(InboxSourceFilter.GitHub, CancellationToken.None);
                return page.Rows.Count;
            }));
        }

        results.AddRange(new[]
        {
            await MeasureAsync($"Search typical word '{TypicalWord}'", iterations, () => SearchAsync(TypicalWord)),
            await MeasureAsync($"Search word in 30% of messages '{CommonWord}'", iterations, () => SearchAsync(CommonWord)),
            await MeasureAsync("Search two words 'deploy timeout'", iterations, () => SearchAsync("deploy timeout")),
        });
        return results;
    }

    /// <summary>The inbox's default view as the page asks for it: All, Awake first, the first 50 rows, plus the view counts.</summary>
    private async Task<int> FirstInboxPageAsync()
    {
        var page = await _inbox.GetPageAsync(InboxView.All, InboxOrder.AwakeFirst, 0, 50, CancellationToken.None);
        await _inbox.GetCountsAsync(CancellationToken.None);
        return page.Rows.Count;
    }

    /// <summary>One view's first page in "Oldest" order and the counts, as the page asks for them.</summary>
    private async Task<int> ViewPageAsync(InboxView view)
    {
        var page = await _inbox.GetPageAsync(view, InboxOrder.Oldest, 0, 50, CancellationToken.None);
        await _inbox.GetCountsAsync(CancellationToken.None);
        return page.Rows.Count;
    }

    /// <summary>
    /// The same work as plain SQL on one open connection (no EF, no row mapping beyond reading the columns): the
    /// view's total, the first 50 rows by age, the per-status counts, the two flag counts and the waiting count.
    /// </summary>
    private static async Task<int> RawViewPageAsync(DbConnection connection, InboxView view)
    {
        var filter = view switch
        {
            InboxView.All => "\"Status\" <> 'Closed' AND NOT \"IsNotSupport\"",
            InboxView.NeedsFollowUp => "\"NeedsFollowUp\" AND NOT \"IsNotSupport\"",
            _ => $"\"Status\" = '{view}' AND NOT \"IsNotSupport\"",
        };
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT count(*) FROM "InboxItems" WHERE {filter};
            SELECT "Id", "Source", "ThreadId", "Location", "Number", "IsPullRequest", "AuthorId", "Preview", "Labels", "Status",
                "StatusReason", "CreatedAt", "StatusChangedAt", "LastActivityAt", "WaitingForTeamSince", "NeedsFollowUp", "NewActivity",
                "IsNotSupport", "ReferredToProduct", "MessageCount", "AuthorTimeZone"
            FROM "InboxItems" WHERE {filter} ORDER BY "CreatedAt", "Id" LIMIT 50;
            SELECT "Status", "IsNotSupport", count(*) FROM "InboxItems" GROUP BY "Status", "IsNotSupport";
            SELECT count(*) FROM "InboxItems" WHERE "NeedsFollowUp" AND NOT "IsNotSupport";
            SELECT count(*) FROM "InboxItems" WHERE "ReferredToProduct" AND NOT "IsNotSupport";
            SELECT count(*) FROM "InboxItems" WHERE "WaitingForTeamSince" IS NOT NULL;
            """;
        var rows = 0;
        await using var reader = await command.ExecuteReaderAsync();
        do
        {
            while (await reader.ReadAsync())
            {
                rows++;
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    _ = reader.GetValue(i);
                }
            }
        }
        while (await reader.NextResultAsync());
        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    private async Task<int> SearchAsync(string query) => (await _search.SearchAsync(query, CancellationToken.None)).Hits.Count;

    internal static async Task<BenchmarkResult> MeasureAsync(string name, int iterations, Func<Task<int>> operation)
    {
        for (var i = 0; i < 5; i++)
        {
            await operation();
        }

        var timings = new List<double>(iterations);
        var rows = 0;
        for (var i = 0; i < iterations; i++)
        {
            var watch = Stopwatch.StartNew();
            rows = await operation();
            timings.Add(watch.Elapsed.TotalMilliseconds);
        }

        timings.Sort();
        return new BenchmarkResult(name, Percentile(timings, 0.50), Percentile(timings, 0.95), timings[^1], $"({rows} rows/hits)");
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary>Bulk insert with prepared statements in one transaction; the FTS triggers index every message as it lands.</summary>
    private static async Task GenerateAsync(string path, int threads, int perThread, string[] zones)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous=OFF;";
            await pragma.ExecuteNonQueryAsync();
        }

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        var thread = connection.CreateCommand();
        thread.Transaction = transaction;
        thread.CommandText = """
            INSERT INTO SupportThreads (Id, ChannelId, Ts, UserId, Status, StatusChangedAt, NewActivityWhileOnHold, NeedsFollowUp, IsNotSupport,
              ReferredToProduct, Text, MessageCount, FirstSeenAt, CreatedAt, LastMessageAt, LastMessageByTeam, LastTeamMessageAt, LastUserMessageAt,
              UnansweredSince, WaitingForTeamSince, UserTimeZone, ReplyCount)
            VALUES ($id, 'C0BENCH01', $ts, $user, $status, $created, 0, 0, 0, 0, $text, $count, $created, $created, $last, $byTeam, $teamAt, $userAt,
              $waiting, $waitingSince, $tz, $replies)
            """;
        var message = connection.CreateCommand();
        message.Transaction = transaction;
        message.CommandText = """
            INSERT INTO ThreadMessages (Id, ThreadId, ChannelId, Ts, UserId, IsTeam, Text, IsDeleted, SentAt)
            VALUES ($id, $thread, 'C0BENCH01', $ts, $user, $team, $text, 0, $sent)
            """;
        string[] threadParams = ["$id", "$ts", "$user", "$status", "$created", "$text", "$count", "$last", "$byTeam", "$teamAt", "$userAt", "$waiting", "$waitingSince", "$tz", "$replies"];
        foreach (var name in threadParams)
        {
            thread.Parameters.Add(new SqliteParameter(name, null));
        }

        foreach (var name in new[] { "$id", "$thread", "$ts", "$user", "$team", "$text", "$sent" })
        {
            message.Parameters.Add(new SqliteParameter(name, null));
        }

        var random = new Random(20261126);
        var start = DateTime.UtcNow.AddDays(-180);
        long messageId = 0;
        for (var t = 1; t <= threads; t++)
        {
            var created = start.AddMinutes(t * 5);
            var byTeam = random.Next(3) != 0;
            var statusRoll = random.Next(10);
            var status = statusRoll < 5 ? "Closed" : statusRoll < 8 ? "InProgress" : statusRoll < 9 ? "Open" : "OnHold";
            var waiting = (status is "Open" or "InProgress") && !byTeam;
            var last = created.AddMinutes(perThread * 7);
            Set(thread, "$id", t);
            Set(thread, "$ts", (new DateTimeOffset(created).ToUnixTimeSeconds() + t).ToString(CultureInfo.InvariantCulture) + ".000100");
            Set(thread, "$user", "U" + (t % 5000).ToString("D8", CultureInfo.InvariantCulture));
            Set(thread, "$status", status);
            Set(thread, "$created", created);
            Set(thread, "$text", Sentence(random));
            Set(thread, "$count", perThread);
            Set(thread, "$last", last);
            Set(thread, "$byTeam", byTeam);
            Set(thread, "$teamAt", last.AddMinutes(-7));
            Set(thread, "$userAt", last);
            Set(thread, "$waiting", waiting ? last : null);
            Set(thread, "$waitingSince", waiting ? last : null);
            Set(thread, "$tz", random.Next(10) == 0 ? null : zones[random.Next(zones.Length)]);
            Set(thread, "$replies", perThread - 1);
            await thread.ExecuteNonQueryAsync();
            for (var m = 0; m < perThread; m++)
            {
                messageId++;
                Set(message, "$id", messageId);
                Set(message, "$thread", t);
                Set(message, "$ts", messageId.ToString(CultureInfo.InvariantCulture) + ".000200");
                Set(message, "$user", m % 2 == 0 ? "U0USER0001" : "U0TEAM0001");
                Set(message, "$team", m % 2 == 1);
                Set(message, "$text", Sentence(random));
                Set(message, "$sent", created.AddMinutes(m * 7));
                await message.ExecuteNonQueryAsync();
            }
        }

        await transaction.CommitAsync();
    }

    /// <summary>
    /// The threads' inbox rows (the migration's backfill, as plain SQL bypasses the projection), then GitHub items:
    /// a third waiting for the team, the rest spread over the statuses like the threads.
    /// </summary>
    private static async Task GenerateGitHubItemsAsync(string path, int count, string[] zones)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using (var backfill = connection.CreateCommand())
        {
            backfill.Transaction = transaction;
            backfill.CommandText = InboxItemBackfill.FromSupportThreadsSql;
            await backfill.ExecuteNonQueryAsync();
        }

        var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO InboxItems (Source, SourceKey, GitHubIssueId, Location, Number, IsPullRequest, AuthorId, AuthorTimeZone, Preview, Labels,
                Status, StatusChangedAt, StatusReason, CreatedAt, LastActivityAt, WaitingForTeamSince, UnansweredSince, LastTeamActivityAt,
                LastByTeam, NeedsFollowUp, NewActivity, IsNotSupport, ReferredToProduct, MessageCount)
            VALUES ('GitHub', $key, $id, 'acme/widgets', $number, $pr, $author, $tz, $title, 'Triage 👀', $status, $created, 'new', $created,
                $created, $waiting, $waiting, NULL, 0, 0, 0, 0, 0, 3)
            """;
        foreach (var name in new[] { "$key", "$id", "$number", "$pr", "$author", "$tz", "$title", "$status", "$created", "$waiting" })
        {
            insert.Parameters.Add(new SqliteParameter(name, null));
        }

        var random = new Random(20261206);
        var start = DateTime.UtcNow.AddDays(-360);
        for (var n = 1; n <= count; n++)
        {
            var created = start.AddMinutes(n * 25);
            var roll = random.Next(10);
            var status = roll < 5 ? "Closed" : roll < 7 ? "InProgress" : roll < 9 ? "Open" : "OnHold";
            Set(insert, "$key", $"acme/widgets#{n}");
            Set(insert, "$id", 5_000_000_000L + n);
            Set(insert, "$number", n);
            Set(insert, "$pr", n % 7 == 0);
            Set(insert, "$author", "user-" + (n % 3000).ToString(CultureInfo.InvariantCulture));
            Set(insert, "$tz", random.Next(10) == 0 ? zones[random.Next(zones.Length)] : null);
            Set(insert, "$title", Sentence(random));
            Set(insert, "$status", status);
            Set(insert, "$created", created);
            Set(insert, "$waiting", status is "Open" or "InProgress" && n % 3 == 0 ? created : null);
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    private static void Set(SqliteCommand command, string name, object? value) => command.Parameters[name].Value = value ?? DBNull.Value;

    private static string Sentence(Random random)
    {
        var words = new List<string>();
        var length = random.Next(8, 24);
        for (var i = 0; i < length; i++)
        {
            words.Add(Vocabulary[random.Next(Vocabulary.Length)]);
        }

        if (random.NextDouble() < 0.30)
        {
            words.Insert(random.Next(words.Count), CommonWord);
        }

        if (random.NextDouble() < 0.003)
        {
            words.Insert(random.Next(words.Count), TypicalWord);
        }

        return string.Join(' ', words);
    }
}
