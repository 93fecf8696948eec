using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CommunitySuccess.Core.Data;

/// <summary>
/// Brings the database to the latest migration at start-up: on SQLite it also switches to WAL; on PostgreSQL it
/// creates the objects kept beside the migrations (<see cref="PostgresDatabase.SupportObjectsSql"/>).
/// </summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<AppDbContext> dbFactory, DatabaseSettings settings, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        if (settings.IsPostgres)
        {
            await db.Database.ExecuteSqlRawAsync(PostgresDatabase.SupportObjectsSql, cancellationToken);
        }
        else
        {
            // WAL lets the pages read while a sync writes; the setting is stored in the database file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        if (pending.Count > 0)
        {
            logger.LogInformation("Applied {Count} database migrations", pending.Count);
        }
    }

    /// <summary>
    /// Held around all of the start-up work (migrations, seeding, index creation): on PostgreSQL a second instance
    /// starting at the same time waits for the first; SQLite serves one instance, so nothing is held.
    /// </summary>
    public async Task<IAsyncDisposable> LockStartupAsync(CancellationToken cancellationToken) => settings.IsPostgres
        ? await PostgresDatabase.LockAsync(settings.ConnectionString, PostgresDatabase.StartupLockKey, cancellationToken)
        : NoLock.Instance;

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
