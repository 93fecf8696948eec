using System.Diagnostics;
using CommunitySuccess.Benchmarks;

// Usage: dotnet run -c Release --project benchmarks/CommunitySuccess.Benchmarks [-- threads messagesPerThread]
var threads = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 50_000;
var perThread = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10;
var folder = Directory.CreateTempSubdirectory("cs-bench-").FullName;
try
{
    Console.WriteLine($"Generating {threads:N0} threads × {perThread} messages in {folder} …");
    var watch = Stopwatch.StartNew();
    await using var bench = await InboxSearchBenchmark.CreateAsync(Path.Combine(folder, "bench.db"), threads, perThread);
    Console.WriteLine($"Generated in {watch.Elapsed.TotalSeconds:F1} s.");
    foreach (var result in await bench.RunAsync(iterations: 200))
    {
        Console.WriteLine(result);
    }
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(folder, recursive: true);
}
