using System.Data.Common;
using System.Globalization;
using System.Text;

namespace CommunitySuccess.Benchmarks.App;

/// <summary>
/// The raw-database side of the ingest measure: rows read as they are from one database and written into the same
/// tables of another with plain batched <c>INSERT</c>s (100 rows a statement, one transaction) — what a hand-written
/// bulk loader would do, with the same schema, indexes and triggers the app's writes meet.
/// </summary>
public static class RawRows
{
    private const int RowsPerStatement = 100;

    public sealed record Table(string Name, IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows);

    public static async Task<Table> ReadAsync(DbConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\"";
        await using var reader = await command.ExecuteReaderAsync();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var values = new object?[reader.FieldCount];
            reader.GetValues(values!);
            rows.Add(values);
        }

        return new Table(table, columns, rows);
    }

    /// <summary>Inserts every row of each table in order, in one transaction; answers the rows written.</summary>
    public static async Task<int> InsertAsync(DbConnection connection, IEnumerable<Table> tables)
    {
        var written = 0;
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var table in tables)
        {
            for (var start = 0; start < table.Rows.Count; start += RowsPerStatement)
            {
                var batch = table.Rows.Skip(start).Take(RowsPerStatement).ToList();
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                var sql = new StringBuilder($"INSERT INTO \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c}\""))}) VALUES ");
                for (var r = 0; r < batch.Count; r++)
                {
                    sql.Append(r == 0 ? "(" : ", (");
                    for (var c = 0; c < table.Columns.Count; c++)
                    {
                        var name = string.Create(CultureInfo.InvariantCulture, $"@p{r}_{c}");
                        sql.Append(c == 0 ? name : ", " + name);
                        var parameter = command.CreateParameter();
                        parameter.ParameterName = name;
                        parameter.Value = batch[r][c] ?? DBNull.Value;
                        command.Parameters.Add(parameter);
                    }

                    sql.Append(')');
                }

                command.CommandText = sql.ToString();
                written += await command.ExecuteNonQueryAsync();
            }
        }

        await transaction.CommitAsync();
        return written;
    }
}
