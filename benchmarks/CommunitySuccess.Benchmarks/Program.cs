using System.Diagnostics;
using CommunitySuccess.Benchmarks;
using Npgsql;

// Usage: dotnet run -c Release --project benchmarks/CommunitySuccess.Benchmarks [-- threads messagesPerThread]
// With CS_TEST_POSTGRES set (scripts/bench.sh starts a throwaway cluster and sets it), the same data is then measured
// on PostgreSQL too.
var threads = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 50_000;
var perThread = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10;
var postgres = Environment.GetEnvironmentVariable("CS_TEST_POSTGRES");
var folder = Directory.CreateTempSubdirectory("cs-bench-").FullName;
try
{
    Console.WriteLine($"Generating {threads:N0} threads × {perThread} messages in {folder} …");
    var watch = Stopwatch.StartNew();
    var path = Path.Combine(folder, "bench.db");
    await using (var bench = await InboxSearchBenchmark.CreateAsync(path, threads, perThread))
    {
        await SimilarItemsBenchmark.AddProblemThreadsAsync(path, threads);
        Console.WriteLine($"Generated in {watch.Elapsed.TotalSeconds:F1} s.");
        Console.WriteLine("## SQLite");
        foreach (var result in (await bench.RunAsync(iterations: 200)).Concat(await new SimilarItemsBenchmark(bench.Provider).RunAsync(iterations: 200)))
        {
            Console.WriteLine(result);
        }
    }

    if (!string.IsNullOrWhiteSpace(postgres))
    {
        var database = $"cs_bench_{Guid.NewGuid():N}";
        await AdminAsync(postgres, $"CREATE DATABASE \"{database}\"");
        try
        {
            watch.Restart();
            var connectionString = new NpgsqlConnectionStringBuilder(postgres) { Database = database }.ToString();
            await using var bench = await InboxSearchBenchmark.OnPostgresAsync(path, connectionString);
            Console.WriteLine($"Copied to PostgreSQL and indexed in {watch.Elapsed.TotalSeconds:F1} s.");
            Console.WriteLine("## PostgreSQL");
            foreach (var result in (await bench.RunAsync(iterations: 200)).Concat(await new SimilarItemsBenchmark(bench.Provider).RunAsync(iterations: 200)))
            {
                Console.WriteLine(result);
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await AdminAsync(postgres, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
    }
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(folder, recursive: true);
}

static async Task AdminAsync(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}
