using Microsoft.EntityFrameworkCore;

namespace CommunitySuccess.Core.Data;

/// <summary>
/// Serializes a check-then-insert on one row's key inside the current transaction, on both providers. SQLite needs
/// nothing: Microsoft.Data.Sqlite begins transactions IMMEDIATE, so each takes
/// the database's write lock when it begins.
/// PostgreSQL reads committed data, so two transactions could both see "not decided yet": a transaction-scoped advisory
/// lock on (<paramref name="scope"/>, key) makes the second wait until the first commits, then see its row.
/// </summary>
public static class TransactionLocks
{
    /// <summary>Review decisions, keyed by issue id.</summary>
    public const int ReviewDecision = 1;

    public static async Task SerializeAsync(AppDbContext db, int scope, long key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsNpgsql())
        {
            // Keys beyond int fold onto others: that only makes two unrelated keys wait for each other, never wrong.
            var folded = (int)(key % int.MaxValue);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({scope}, {folded})", cancellationToken);
        }
    }
}
