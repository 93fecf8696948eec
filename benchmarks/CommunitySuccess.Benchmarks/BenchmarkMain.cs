using System.Diagnostics;
using CommunitySuccess.Benchmarks.App;

namespace CommunitySuccess.Benchmarks;

/// <summary>
/// Usage (scripts/bench.sh runs it and starts a throwaway PostgreSQL cluster first, setting CS_TEST_POSTGRES):
/// <c>dotnet run -c Release --project benchmarks/CommunitySuccess.Benchmarks [-- --quick] [-- threads messagesPerThread]</c>.
/// Writes docs/benchmarks.md. <c>--quick</c> runs every measure on small data (a check that the suite works, not a figure);
/// <c>--search-only</c> measures the inbox and search on both providers and writes nothing.
/// </summary>
public static class BenchmarkMain
{
    public static async Task Main(string[] args)
    {
        var quick = args.Contains("--quick");
        // Only the inbox and search on both providers, printed and not written to the docs: for trying a query change.
        var searchOnly = args.Contains("--search-only");
        var numbers = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal))
            .Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var threads = numbers.Count > 0 ? numbers[0] : quick ? 2_000 : 50_000;
        var perThread = numbers.Count > 1 ? numbers[1] : quick ? 5 : 10;
        var (ingestThreads, ingestReplies, events, tabs) = quick ? (500, 9, 500, 5) : (10_000, 9, 5_000, 50);
        var postgres = PostgresDatabases.Server;
        var report = new BenchmarkReport();
        var folder = Directory.CreateTempSubdirectory("cs-bench-").FullName;
        try
        {
            Console.WriteLine($"Generating {threads:N0} threads × {perThread} messages in {folder} …");
            var watch = Stopwatch.StartNew();
            var path = Path.Combine(folder, "bench.db");
            await using (var bench = await InboxSearchBenchmark.CreateAsync(path, threads, perThread))
            {
                await SimilarItemsBenchmark.AddProblemThreadsAsync(path, threads);
                report.Section($"Inbox and search on SQLite ({threads:N0} threads, {threads * perThread:N0} messages, {InboxSearchBenchmark.GitHubItems:N0} GitHub items)",
                    $"Generated in {watch.Elapsed.TotalSeconds:F0} s through the real migrations and search index; the app's `InboxQueryService` and `SearchService`, 200 runs each after warm-up, beside the same work as raw SQL. " +
                    "Targets: first page with counts ≤ 10× the raw indexed query (issue 10: ≤ 5 ms p95); search ≤ 3× raw FTS for typical words, ≤ 20 ms for the common word; similar earlier questions (issue 15) ≤ 50 ms p95.");
                report.Timings([.. await bench.RunAsync(iterations: 200), .. await new SimilarItemsBenchmark(bench.Provider).RunAsync(iterations: 200)]);
            }

            if (!searchOnly)
            {
                report.Section("Insights on SQLite (the same data, with status histories added)",
                    "The history load and the whole report for 7, 30 and 90 days (issue 14: one indexed query per load, no full scan), 20 runs each.");
                report.Timings(await InsightsBenchmark.RunAsync(path, iterations: 20));
            }

            if (postgres is not null)
            {
                watch.Restart();
                await using var bench = await InboxSearchBenchmark.OnPostgresAsync(path, await PostgresDatabases.CreateAsync());
                report.Section("Inbox and search on PostgreSQL (the same data, copied with `copy-to-postgres`)",
                    $"Copied and indexed in {watch.Elapsed.TotalSeconds:F0} s.");
                report.Timings([.. await bench.RunAsync(iterations: 200), .. await new SimilarItemsBenchmark(bench.Provider).RunAsync(iterations: 200)]);
            }

            if (searchOnly)
            {
                return;
            }

            var measures = new AppMeasures(report);
            await measures.RunAsync("SQLite", new Dictionary<string, string?>(), ingestThreads, ingestReplies, events,
                app => new CircuitMemoryMeasure(report).RunAsync(app, tabs));
            if (postgres is not null)
            {
                await measures.RunAsync("PostgreSQL", new Dictionary<string, string?>
                {
                    ["Database:Provider"] = "Postgres",
                    ["ConnectionStrings:Default"] = await PostgresDatabases.CreateAsync(),
                }, ingestThreads, ingestReplies, events);
            }
            else
            {
                report.Section("PostgreSQL");
                report.Note("Not measured: CS_TEST_POSTGRES is not set (scripts/bench.sh starts a throwaway cluster and sets it).");
            }

            await report.WriteAsync(Path.Combine("docs", "benchmarks.md"), string.Join(' ', args));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            await PostgresDatabases.DropAllAsync();
            Directory.Delete(folder, recursive: true);
        }
    }
}
