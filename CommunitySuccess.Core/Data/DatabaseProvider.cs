namespace CommunitySuccess.Core.Data;

/// <summary>The database engines the app runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>The embedded default: one file, one instance.</summary>
    Sqlite,

    /// <summary>An existing PostgreSQL server: several instances may share it.</summary>
    Postgres,
}

/// <summary>Which engine and which database this process uses, decided once from configuration.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public bool IsPostgres => Provider == DatabaseProvider.Postgres;

    /// <summary>Reads <c>Database:Provider</c> (case does not matter); null when the value is not a known provider.</summary>
    public static DatabaseProvider? ParseProvider(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        null or "" or "SQLITE" => DatabaseProvider.Sqlite,
        "POSTGRES" or "POSTGRESQL" => DatabaseProvider.Postgres,
        _ => null,
    };

    /// <summary>The start-up error for an unknown provider.</summary>
    public static string UnknownProviderError(string? value) => $"Database:Provider must be Sqlite or Postgres, not '{value}'.";

    /// <summary>Where the data is, for the home and settings pages: a file, or a server and database (never a password).</summary>
    public string Describe() => IsPostgres ? PostgresDatabase.Describe(ConnectionString) : SqliteDatabase.Describe(ConnectionString);
}
