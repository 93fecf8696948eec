using CommunitySuccess.Core.Data;

namespace CommunitySuccess.Web.Hosting;

/// <summary>
/// <c>dotnet run --project CommunitySuccess.Web -- backup FILE</c>: a consistent online copy of the database the app
/// uses (the same configuration decides which), safe while the app runs. Prints where the copy went; exits 1 with
/// the reason otherwise.
/// </summary>
public static class BackupCommand
{
    public static bool IsRequested(string[] args) => args is ["backup", ..];

    public static async Task<int> RunAsync(string[] args, string connectionString, IConfiguration configuration)
    {
        if (args is not ["backup", var file])
        {
            await Console.Error.WriteLineAsync("Usage: dotnet run --project CommunitySuccess.Web -- backup FILE");
            return 2;
        }

        if (!string.Equals(configuration["Database:Provider"] ?? "Sqlite", "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            await Console.Error.WriteLineAsync("backup copies the SQLite database; back up PostgreSQL with pg_dump.");
            return 1;
        }

        try
        {
            var copy = SqliteBackup.Copy(connectionString, file);
            await Console.Out.WriteLineAsync($"Backed up {SqliteDatabase.Describe(connectionString)} to {copy}.");
            return 0;
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"Backup failed: {ex.Message}");
            return 1;
        }
    }
}
