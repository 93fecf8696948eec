using Microsoft.Data.Sqlite;

namespace CommunitySuccess.Core.Data;

/// <summary>
/// A consistent copy of the live SQLite database, taken with SQLite's online backup API while the app keeps running:
/// the copy is made in one step under one read transaction, so it is the database as of one moment, and writers are
/// not blocked (WAL). The copy is a single self-contained file (rollback journal), ready to be put in place of the
/// original to restore.
/// </summary>
public static class SqliteBackup
{
    /// <summary>Copies the database of <paramref name="connectionString"/> to <paramref name="destinationPath"/>, a file that must not exist yet.</summary>
    public static string Copy(string connectionString, string destinationPath)
    {
        var source = new SqliteConnectionStringBuilder(connectionString) { Pooling = false, Mode = SqliteOpenMode.ReadWrite };
        if (!File.Exists(source.DataSource))
        {
            throw new FileNotFoundException($"There is no database at {source.DataSource} to back up.", source.DataSource);
        }

        var destination = Path.GetFullPath(destinationPath);
        if (File.Exists(destination))
        {
            throw new IOException($"{destination} already exists: a backup never overwrites a file, choose a new name.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        using var from = new SqliteConnection(source.ToString());
        using var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = destination, Pooling = false }.ToString());
        from.Open();
        to.Open();
        from.BackupDatabase(to);
        using var single = to.CreateCommand();
        single.CommandText = "PRAGMA journal_mode=DELETE;";
        single.ExecuteNonQuery();
        return destination;
    }
}
