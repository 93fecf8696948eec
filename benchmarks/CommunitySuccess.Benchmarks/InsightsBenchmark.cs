using System.Globalization;
using CommunitySuccess.Core.Configuration;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Insights;
using CommunitySuccess.Core.OnCall;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Core.Review;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Core.Team;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySuccess.Benchmarks;

/// <summary>
/// The insights page's queries on the benchmark's generated database: a status history is added to every thread and
/// GitHub item (answered after 7 minutes; the closed ones closed a day later), then the history load and the whole
/// report are timed for 7, 30 and 90 days ending at the newest generated item, and the query plan of the items
/// query is checked for a full table scan.
/// </summary>
public static class InsightsBenchmark
{
    public static async Task<IReadOnlyList<BenchmarkResult>> RunAsync(string sqlitePath, int iterations)
    {
        await AddHistoriesAsync(sqlitePath);
        await using var services = Services(new DatabaseSettings(
            DatabaseProvider.Sqlite, SqliteDatabase.PrepareConnectionString($"Data Source={sqlitePath}", Path.GetDirectoryName(sqlitePath)!)));
        var newest = await NewestAsync(services);
        var reader = services.GetRequiredService<InsightsHistoryReader>();
        var insights = services.GetRequiredService<InsightsService>();
        var results = new List<BenchmarkResult>();
        foreach (var days in new[] { 7, 30, 90 })
        {
            var query = InsightsQuery.LastDays(newest, days, InboxSourceFilter.All);
            results.Add(await InboxSearchBenchmark.MeasureAsync($"Insights histories, {days} days (items, moves, notes)", iterations, async () =>
                (await reader.LoadAsync([InboxSource.Slack, InboxSource.GitHub], query.Start, query.End, CancellationToken.None)).Items.Count));
            results.Add(await InboxSearchBenchmark.MeasureAsync($"Insights report, {days} days (every chart)", iterations, async () =>
                (await insights.GetReportAsync(query, CancellationToken.None)).Items.Count));
        }

        results.Add(new BenchmarkResult("Insights items query plan", 0, 0, 0, await ItemsPlanAsync(services, sqlitePath)));
        return results;
    }

    private static ServiceProvider Services(DatabaseSettings database)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddOptions();
        foreach (var configure in new Action<IServiceCollection>[]
                 {
                     s => s.Configure<InboxOptions>(_ => { }), s => s.Configure<TeamOptions>(_ => { }), s => s.Configure<OnCallOptions>(_ => { }),
                     s => s.Configure<GitHubOptions>(_ => { }), s => s.Configure<AppOptions>(_ => { }), s => s.Configure<InsightsOptions>(_ => { }),
                     s => s.Configure<SlackOptions>(o => o.ApiBaseUrl = "http://127.0.0.1:9/slack/api/"),
                 })
        {
            configure(services);
        }

        services.AddSingleton<Core.Notifications.ChangeNotifier>();
        services.AddAppDatabase(database);
        services.AddTeam();
        services.AddInbox();
        services.AddOutbox(runWorker: false);
        services.AddSlackSync();
        services.AddGitHubSync();
        services.AddInboxWorkspace();
        services.AddOnCall();
        services.AddReviewAndBacklog();
        services.AddInsights();
        return services.BuildServiceProvider();
    }

    /// <summary>Plain SQL in one transaction, as the generator writes its rows: the projection's history for each item.</summary>
    private static async Task AddHistoriesAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            INSERT INTO ThreadStatusChanges (ThreadId, "From", "To", At, Reason, BySlackUserId)
              SELECT Id, 'Open', 'InProgress', datetime(CreatedAt, '+7 minutes'), '{ThreadStatusRules.ReasonTeamReply}', 'U0TEAM0001' FROM SupportThreads;
            INSERT INTO ThreadStatusChanges (ThreadId, "From", "To", At, Reason, BySlackUserId)
              SELECT Id, 'InProgress', 'Closed', datetime(CreatedAt, '+1 day'), '{ThreadStatusRules.ReasonTeamCheckmark}', 'U0TEAM0001' FROM SupportThreads WHERE Status = 'Closed';
            INSERT INTO InboxItemStatusChanges (ItemId, "From", "To", At, Reason, By)
              SELECT Id, 'Open', 'InProgress', datetime(CreatedAt, '+7 minutes'), '{IssueStatusRules.ReasonTeamComment}', 'team-login' FROM InboxItems WHERE Source = 'GitHub';
            INSERT INTO InboxItemStatusChanges (ItemId, "From", "To", At, Reason, By)
              SELECT Id, 'InProgress', 'Closed', datetime(CreatedAt, '+1 day'), '{IssueStatusRules.ReasonClosedOnGitHub}', NULL FROM InboxItems WHERE Source = 'GitHub' AND Status = 'Closed';
            ANALYZE;
            """;
        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    private static async Task<DateOnly> NewestAsync(ServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return DateOnly.FromDateTime(await db.Set<InboxItem>().MaxAsync(i => i.CreatedAt));
    }

    /// <summary>SQLite's plan for the items query the reader sends: "SCAN InboxItems" would be a full scan.</summary>
    private static async Task<string> ItemsPlanAsync(ServiceProvider services, string path)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var sources = new[] { InboxSource.Slack, InboxSource.GitHub };
        var statuses = Enum.GetValues<ThreadStatus>();
        var from = DateTime.UtcNow.AddDays(-30);
        var to = DateTime.UtcNow;
        // The same filter as InsightsHistoryReader.LoadAsync.
        var sql = db.Set<InboxItem>()
            .Where(i => sources.Contains(i.Source) && statuses.Contains(i.Status) && i.CreatedAt >= from && i.CreatedAt < to && !i.IsNotSupport)
            .Select(i => i.Id).ToQueryString();
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        var body = new List<string>();
        foreach (var line in sql.Split('\n'))
        {
            // ToQueryString declares parameters as ".param set @p 'value'" lines: bind them instead.
            if (line.StartsWith(".param set ", StringComparison.Ordinal))
            {
                var parts = line[".param set ".Length..].Split(' ', 2);
                command.Parameters.AddWithValue(parts[0], parts[1].Trim().Trim('\'').Trim());
            }
            else
            {
                body.Add(line);
            }
        }

        command.CommandText = "EXPLAIN QUERY PLAN " + string.Join('\n', body);
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }

        return string.Join(" | ", plan.Select(p => p.ToString(CultureInfo.InvariantCulture)));
    }
}
