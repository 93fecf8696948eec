using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CommunitySuccess.Core.Data;

/// <summary>How many rows of one table were copied.</summary>
public sealed record TableCopy(string Table, long Rows);

/// <summary>
/// Moves a SQLite installation to PostgreSQL: migrates the (empty) PostgreSQL database, then copies every table of the
/// model, parents before children, with PostgreSQL's binary COPY, keeping every id, and moves each identity sequence
/// past the copied ids. What is not in the model is not copied: Hangfire's jobs (in memory on SQLite), the search
/// index (PostgreSQL's is created at the app's next start), the migrations history (the target has its own). The
/// source is only read; a target that already holds data is refused, so nothing is ever overwritten.
/// </summary>
public static class SqliteToPostgresCopy
{
    public static async Task<IReadOnlyList<TableCopy>> CopyAsync(string sqliteConnectionString, string postgresConnectionString, CancellationToken cancellationToken)
    {
        var source = new SqliteConnectionStringBuilder(sqliteConnectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        if (!File.Exists(source.DataSource))
        {
            throw new FileNotFoundException($"There is no SQLite database at {source.DataSource} to copy.", source.DataSource);
        }

        var target = new DatabaseSettings(DatabaseProvider.Postgres, postgresConnectionString);
        await using var targetDb = CreateContext(target);
        await new DatabaseInitializer(new SingleContextFactory(target), target, NullLogger<DatabaseInitializer>.Instance).InitializeAsync(cancellationToken);
        var tables = InCopyOrder(targetDb.Model);

        await using var from = new SqliteConnection(source.ToString());
        await from.OpenAsync(cancellationToken);
        await using var to = new NpgsqlConnection(postgresConnectionString);
        await to.OpenAsync(cancellationToken);
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table.Name}\"", to);
            if ((long)(await count.ExecuteScalarAsync(cancellationToken))! > 0)
            {
                throw new InvalidOperationException($"The PostgreSQL database already holds data (table {table.Name}): the copy goes only into an empty database.");
            }
        }

        var copied = new List<TableCopy>();
        // One transaction: a copy that fails half-way leaves the target empty, ready for another try.
        await using var transaction = await to.BeginTransactionAsync(cancellationToken);
        foreach (var table in tables)
        {
            copied.Add(new TableCopy(table.Name, await CopyTableAsync(from, to, table, cancellationToken)));
            if (table.IdentityColumn is { } identity)
            {
                await using var sequence = new NpgsqlCommand(
                    $"SELECT setval(pg_get_serial_sequence('\"{table.Name}\"', '{identity}'), GREATEST((SELECT max(\"{identity}\") FROM \"{table.Name}\"), 1))", to, transaction);
                await sequence.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return copied;
    }

    private static AppDbContext CreateContext(DatabaseSettings settings)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        AppDatabaseOptions.Configure(options, settings);
        return new AppDbContext(options.Options);
    }

    private static async Task<long> CopyTableAsync(SqliteConnection from, NpgsqlConnection to, Table table, CancellationToken cancellationToken)
    {
        var columns = string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\""));
        await using var read = from.CreateCommand();
        read.CommandText = $"SELECT {columns} FROM \"{table.Name}\"";
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        await using var importer = await to.BeginBinaryImportAsync($"COPY \"{table.Name}\" ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        long rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            await importer.StartRowAsync(cancellationToken);
            for (var i = 0; i < table.Columns.Count; i++)
            {
                var column = table.Columns[i];
                if (await reader.IsDBNullAsync(i, cancellationToken))
                {
                    await importer.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await importer.WriteAsync(Read(reader, i, column), column.StoreType, cancellationToken);
                }
            }

            rows++;
        }

        await importer.CompleteAsync(cancellationToken);
        return rows;
    }

    /// <summary>A SQLite value as the CLR value PostgreSQL's column takes (EF wrote it with the SQLite provider's mapping).</summary>
    private static object Read(SqliteDataReader reader, int ordinal, Column column)
    {
        if (column.ListType is { } listType)
        {
            // SQLite keeps a primitive collection as JSON text; PostgreSQL as an array.
            return JsonSerializer.Deserialize(reader.GetString(ordinal), listType)!;
        }

        var type = column.ValueType;
        return type switch
        {
            _ when type == typeof(string) => reader.GetString(ordinal),
            _ when type == typeof(bool) => reader.GetBoolean(ordinal),
            _ when type == typeof(short) => reader.GetInt16(ordinal),
            _ when type == typeof(int) => reader.GetInt32(ordinal),
            _ when type == typeof(long) => reader.GetInt64(ordinal),
            _ when type == typeof(double) => reader.GetDouble(ordinal),
            _ when type == typeof(decimal) => reader.GetDecimal(ordinal),
            _ when type == typeof(Guid) => reader.GetGuid(ordinal),
            _ when type == typeof(byte[]) => reader.GetFieldValue<byte[]>(ordinal),
            _ when type == typeof(DateTime) => DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc),
            _ when type == typeof(DateTimeOffset) => reader.GetDateTimeOffset(ordinal).ToUniversalTime(),
            _ when type == typeof(DateOnly) => reader.GetFieldValue<DateOnly>(ordinal),
            _ when type == typeof(TimeOnly) => reader.GetFieldValue<TimeOnly>(ordinal),
            _ when type == typeof(TimeSpan) => reader.GetFieldValue<TimeSpan>(ordinal),
            _ => throw new NotSupportedException($"{column.Name}: copying {type.Name} values is not supported."),
        };
    }

    /// <summary>Every table of the model, each after the tables its foreign keys point at.</summary>
    private static List<Table> InCopyOrder(IModel model)
    {
        var entities = model.GetEntityTypes().Where(e => e.GetTableName() is not null && !e.IsOwned()).ToList();
        var byTable = entities.GroupBy(e => e.GetTableName()!).ToDictionary(g => g.Key, g => g.ToList());
        var ordered = new List<Table>();
        var visiting = new HashSet<string>();
        var done = new HashSet<string>();

        void Visit(string name)
        {
            if (done.Contains(name) || !visiting.Add(name))
            {
                return;
            }

            foreach (var parent in byTable[name].SelectMany(e => e.GetForeignKeys()).Select(fk => fk.PrincipalEntityType.GetTableName()!)
                         .Where(p => p != name && byTable.ContainsKey(p)))
            {
                Visit(parent);
            }

            done.Add(name);
            ordered.Add(TableOf(name, byTable[name]));
        }

        foreach (var name in byTable.Keys.Order(StringComparer.Ordinal))
        {
            Visit(name);
        }

        return ordered;
    }

    private static Table TableOf(string name, IReadOnlyList<IEntityType> entities)
    {
        var store = StoreObjectIdentifier.Table(name, null);
        var columns = entities.SelectMany(e => e.GetProperties())
            .Select(p => (Property: p, Name: p.GetColumnName(store)))
            .Where(p => p.Name is not null)
            .DistinctBy(p => p.Name)
            .Select(p => ColumnOf(p.Property, p.Name!))
            .ToList();
        var identity = entities.SelectMany(e => e.GetProperties())
            .FirstOrDefault(p => p.ValueGenerated == ValueGenerated.OnAdd && p.IsPrimaryKey() && p.ClrType is var t && (t == typeof(int) || t == typeof(long)))
            ?.GetColumnName(store);
        return new Table(name, columns, identity);
    }

    private static Column ColumnOf(IProperty property, string name)
    {
        var mapping = property.GetRelationalTypeMapping();
        var storeType = property.GetColumnType();
        // Npgsql names types without their length (character varying(256) → character varying).
        var parenthesis = storeType.IndexOf('(', StringComparison.Ordinal);
        var dataType = parenthesis < 0 ? storeType : storeType[..parenthesis] + storeType[(storeType.IndexOf(')', StringComparison.Ordinal) + 1)..];
        if (property.IsPrimitiveCollection)
        {
            return new Column(name, dataType, property.ClrType, property.ClrType);
        }

        var valueType = mapping.Converter?.ProviderClrType ?? property.ClrType;
        return new Column(name, dataType, Nullable.GetUnderlyingType(valueType) ?? valueType, null);
    }

    private sealed record Table(string Name, IReadOnlyList<Column> Columns, string? IdentityColumn);

    private sealed record Column(string Name, string StoreType, Type ValueType, Type? ListType);

    private sealed class SingleContextFactory(DatabaseSettings settings) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => CreateContext(settings);
    }
}
