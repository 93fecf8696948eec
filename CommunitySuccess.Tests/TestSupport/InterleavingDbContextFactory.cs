using CommunitySuccess.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CommunitySuccess.Tests.TestSupport;

/// <summary>
/// Contexts on the same database as the app's (a SQLite file, or PostgreSQL through <see cref="DatabaseSettings"/>), for a second "person": <see cref="BeforeNextSave"/> runs a callback
/// (a colleague's whole action) after this person's service has read and decided but before it saves, the one
/// interleaving that loses an update when nothing guards it. Deterministic: no timing, no threads racing.
/// </summary>
public sealed class InterleavingDbContextFactory(DatabaseSettings settings) : IDbContextFactory<AppDbContext>
{
    private readonly PauseBeforeSave _pause = new();

    public InterleavingDbContextFactory(string sqliteConnectionString)
        : this(new DatabaseSettings(DatabaseProvider.Sqlite, sqliteConnectionString))
    {
    }

    /// <summary>Runs <paramref name="meanwhile"/> once, just before the next save of a context from this factory.</summary>
    public void BeforeNextSave(Func<Task> meanwhile) => _pause.Next = meanwhile;

    public AppDbContext CreateDbContext() =>
        new(((DbContextOptionsBuilder<AppDbContext>)AppDatabaseOptions.Configure(new DbContextOptionsBuilder<AppDbContext>(), settings))
            .AddInterceptors(_pause)
            .Options);

    private sealed class PauseBeforeSave : SaveChangesInterceptor
    {
        public Func<Task>? Next { get; set; }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (Next is { } meanwhile)
            {
                Next = null;
                await meanwhile();
            }

            return result;
        }
    }
}
