using CommunitySuccess.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CommunitySuccess.Tests.TestSupport;

/// <summary>
/// Contexts on the same SQLite file as the app's, for a second "person": <see cref="BeforeNextSave"/> runs a callback
/// (a colleague's whole action) after this person's service has read and decided but before it saves, the one
/// interleaving that loses an update when nothing guards it. Deterministic: no timing, no threads racing.
/// </summary>
public sealed class InterleavingDbContextFactory(string connectionString) : IDbContextFactory<AppDbContext>
{
    private readonly PauseBeforeSave _pause = new();

    /// <summary>Runs <paramref name="meanwhile"/> once, just before the next save of a context from this factory.</summary>
    public void BeforeNextSave(Func<Task> meanwhile) => _pause.Next = meanwhile;

    public AppDbContext CreateDbContext() =>
        new(new DbContextOptionsBuilder<AppDbContext>()
            .UseSqlite(connectionString)
            .AddInterceptors(new SqlitePragmaInterceptor(), _pause)
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
