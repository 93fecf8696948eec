using Microsoft.Data.Sqlite;

namespace CommunitySuccess.Core.Data;

/// <summary>SQLite specifics kept in one place (a later issue adds PostgreSQL beside it).</summary>
public static class SqliteDatabase
{
    /// <summary>
    /// Makes a relative file path absolute against <paramref name="baseDirectory"/> and creates its folder, so a
    /// fresh clone starts on an empty data folder without any set-up.
    /// </summary>
    public static string PrepareConnectionString(string connectionString, string baseDirectory)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var dataSource = builder.DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            return builder.ToString();
        }

        if (!Path.IsPathRooted(dataSource))
        {
            dataSource = Path.GetFullPath(Path.Combine(baseDirectory, dataSource));
            builder.DataSource = dataSource;
        }

        var folder = Path.GetDirectoryName(dataSource);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        // Writers wait for each other instead of failing at once with "database is locked".
        builder.DefaultTimeout = Math.Max(builder.DefaultTimeout, 30);
        return builder.ToString();
    }

    /// <summary>The file a connection string points at, for the home and settings pages (never a password).</summary>
    public static string Describe(string connectionString) => new SqliteConnectionStringBuilder(connectionString).DataSource;
}
