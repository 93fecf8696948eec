using CommunitySuccess.Core.Data;

namespace CommunitySuccess.Tests.TestSupport;

/// <summary>The database engines the integration tests run on.</summary>
public enum TestProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A fresh database for one test: a SQLite file in the test's folder, or a database of its own on the PostgreSQL test
/// server (<see cref="PostgresTestServer"/>), dropped when disposed.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(DatabaseSettings settings) => Settings = settings;

    public DatabaseSettings Settings { get; }

    public static TestDatabase Create(TestProvider provider, string directory) => provider == TestProvider.Postgres
        ? new(new DatabaseSettings(DatabaseProvider.Postgres, PostgresTestServer.CreateDatabaseAsync(CancellationToken.None).GetAwaiter().GetResult()))
        : new(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(directory, "app.db")}"));

    /// <summary>The app settings that select this database (Hangfire stays in memory: tests run no Hangfire server).</summary>
    public void ApplyTo(IDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["ConnectionStrings:Default"] = Settings.ConnectionString;
        settings["Database:Provider"] = Settings.Provider.ToString();
        settings["Jobs:Storage"] = "InMemory";
    }

    public async ValueTask DisposeAsync()
    {
        if (Settings.IsPostgres)
        {
            await PostgresTestServer.DropDatabaseAsync(Settings.ConnectionString);
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }
}
