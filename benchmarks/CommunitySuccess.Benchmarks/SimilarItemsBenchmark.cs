using System.Globalization;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Search;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySuccess.Benchmarks;

/// <summary>
/// "Similar earlier questions" as the inbox pane asks for them when an item opens (issue 15: under 50 ms p95 at 500,000
/// messages). The inbox benchmark's messages are made of a few dozen very common words, which the rules ignore (they find
/// nothing); real questions carry rare error codes and identifiers. So beside them go problem threads, one per 25 threads:
/// a question with an error code shared by about five threads and a stack-frame identifier, and the team's answer.
/// Measured on those threads' inbox items, and on an item with common words only.
/// </summary>
public sealed class SimilarItemsBenchmark(IServiceProvider services)
{
    private const int ThreadsPerCode = 5;
    private const string ProblemChannel = "C0BENCH02";

    private static readonly string[] Common = ["deploy", "error", "timeout", "worker", "cluster", "database", "config", "upgrade", "logs", "queue"];

    private readonly SimilarItemsService _similar = services.GetRequiredService<SimilarItemsService>();

    /// <summary>Adds the problem threads and their inbox rows to the benchmark's SQLite file (before any copy to PostgreSQL).</summary>
    public static async Task AddProblemThreadsAsync(string path, int threads)
    {
        var count = Math.Max(200, threads / 25);
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        var thread = connection.CreateCommand();
        thread.Transaction = transaction;
        thread.CommandText = $"""
            INSERT INTO SupportThreads (Id, ChannelId, Ts, UserId, Status, StatusChangedAt, NewActivityWhileOnHold, NeedsFollowUp, IsNotSupport,
              ReferredToProduct, Text, MessageCount, FirstSeenAt, CreatedAt, LastMessageAt, LastMessageByTeam, LastTeamMessageAt, LastUserMessageAt, ReplyCount)
            VALUES ($id, '{ProblemChannel}', $ts, 'U0ASKER002', $status, $at, 0, 0, 0, 0, $text, 2, $at, $at, $at, 1, $at, $at, 1)
            """;
        var message = connection.CreateCommand();
        message.Transaction = transaction;
        message.CommandText = $"""
            INSERT INTO ThreadMessages (Id, ThreadId, ChannelId, Ts, UserId, IsTeam, Text, IsDeleted, SentAt)
            VALUES ($id, $thread, '{ProblemChannel}', $ts, $user, $team, $text, 0, $at)
            """;
        foreach (var name in new[] { "$id", "$ts", "$status", "$at", "$text" })
        {
            thread.Parameters.Add(new SqliteParameter(name, null));
        }

        foreach (var name in new[] { "$id", "$thread", "$ts", "$user", "$team", "$text", "$at" })
        {
            message.Parameters.Add(new SqliteParameter(name, null));
        }

        // Ids right after the existing ones: the message count is estimated from the largest id.
        var firstThread = await MaxIdAsync(connection, transaction, "SupportThreads") + 1;
        var firstMessage = await MaxIdAsync(connection, transaction, "ThreadMessages") + 1;
        var start = DateTime.UtcNow.AddDays(-90);
        for (var i = 0; i < count; i++)
        {
            var id = firstThread + i;
            var at = start.AddMinutes(i * 30);
            var ts = (new DateTimeOffset(at).ToUnixTimeSeconds() + i).ToString(CultureInfo.InvariantCulture);
            var question = Question(i);
            Set(thread, ("$id", id), ("$ts", ts + ".000300"), ("$status", i % 2 == 0 ? "Closed" : "InProgress"), ("$at", at), ("$text", question));
            await thread.ExecuteNonQueryAsync();
            Set(message, ("$id", firstMessage + (2L * i)), ("$thread", id), ("$ts", ts + ".000300"), ("$user", "U0ASKER002"), ("$team", false), ("$text", question), ("$at", at));
            await message.ExecuteNonQueryAsync();
            Set(message, ("$id", firstMessage + (2L * i) + 1), ("$thread", id), ("$ts", ts + ".000400"), ("$user", "U0TEAM0001"), ("$team", true),
                ("$text", $"Known issue with code E{Code(i)}: restart the {Common[i % Common.Length]} after setting `retry.max: 5`."), ("$at", at.AddMinutes(5)));
            await message.ExecuteNonQueryAsync();
        }

        await using (var backfill = connection.CreateCommand())
        {
            backfill.Transaction = transaction;
            backfill.CommandText = InboxItemBackfill.FromSupportThreadsSql;
            await backfill.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    public async Task<IReadOnlyList<BenchmarkResult>> RunAsync(int iterations)
    {
        var factory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var problems = await db.Set<InboxItem>().Where(i => i.Location == ProblemChannel).OrderBy(i => i.Id).Select(i => i.Id).ToListAsync();
        var common = await db.Set<InboxItem>().Where(i => i.Source == InboxSource.Slack && i.Location != ProblemChannel).OrderByDescending(i => i.Id).Select(i => i.Id).FirstAsync();
        var next = 0;
        return
        [
            await InboxSearchBenchmark.MeasureAsync("Similar items: question with an error code", iterations, async () =>
                (await _similar.FindForItemAsync(problems[next++ % problems.Count], CancellationToken.None)).Items.Count),
            await InboxSearchBenchmark.MeasureAsync("Similar items: common words only", iterations, async () =>
                (await _similar.FindForItemAsync(common, CancellationToken.None)).Items.Count),
        ];
    }

    private static string Question(int i) =>
        $"After the {Common[i % Common.Length]} {Common[(i / 3) % Common.Length]} the import fails with E{Code(i)}:\n```\n"
        + $"at Acme.Sync.Connector{i % 97}.Importer{Code(i)}.RunAsync() in /src/Connectors/Importer.cs:line {40 + (i % 300)}\n```\n"
        + $"Our {Common[(i / 7) % Common.Length]} has {i % 12} nodes.";

    // About ThreadsPerCode threads share each code.
    private static int Code(int i) => 10_000 + (i / ThreadsPerCode);

    private static async Task<long> MaxIdAsync(SqliteConnection connection, SqliteTransaction transaction, string table)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT coalesce(max(Id), 0) FROM {table}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static void Set(SqliteCommand command, params (string Name, object Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            command.Parameters[name].Value = value;
        }
    }
}
