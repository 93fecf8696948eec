using CommunitySuccess.Core.Data;
using Npgsql;

namespace CommunitySuccess.Web.Hosting;

/// <summary>
/// <c>dotnet run --project CommunitySuccess.Web -- copy-to-postgres "CONNECTION STRING"</c>: copies the SQLite database
/// the configuration points at (run it before switching <c>Database:Provider</c>, with the app stopped) into an empty
/// PostgreSQL database, migrating it first. Prints each table's row count; exits 1 with the reason otherwise.
/// </summary>
public static class CopyToPostgresCommand
{
    public const string Name = "copy-to-postgres";

    public static bool IsRequested(string[] args) => args is [Name, ..];

    public static async Task<int> RunAsync(string[] args, AppMode mode)
    {
        ArgumentNullException.ThrowIfNull(mode);
        if (args is not [Name, var target])
        {
            await Console.Error.WriteLineAsync($"Usage: dotnet run --project CommunitySuccess.Web -- {Name} \"Host=…;Database=…;Username=…;Password=…\"");
            return 2;
        }

        if (mode.Database.IsPostgres)
        {
            await Console.Error.WriteLineAsync($"{Name} copies the SQLite database the configuration names: run it while Database:Provider is still Sqlite.");
            return 1;
        }

        try
        {
            var copied = await SqliteToPostgresCopy.CopyAsync(mode.ConnectionString, target, CancellationToken.None);
            foreach (var table in copied.Where(t => t.Rows > 0))
            {
                await Console.Out.WriteLineAsync($"  {table.Table}: {table.Rows} rows");
            }

            await Console.Out.WriteLineAsync(
                $"Copied {copied.Sum(t => t.Rows)} rows in {copied.Count} tables from {mode.Database.Describe()} to PostgreSQL {PostgresDatabase.Describe(target)}.");
            return 0;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or NpgsqlException or ArgumentException or NotSupportedException)
        {
            // The connection string may hold a password: the message names the problem, never the string.
            await Console.Error.WriteLineAsync($"Copy failed: {ex.Message}");
            return 1;
        }
    }
}
