using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CommunitySuccess.Core.Data;

/// <summary>
/// Every SQLite connection runs with <c>synchronous=NORMAL</c>: in WAL mode that keeps the database consistent
/// across crashes (a power cut may lose only the last commits) and avoids a disk flush per commit, which the
/// sync's thread-by-thread commits would otherwise pay (~10 ms each).
/// </summary>
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
