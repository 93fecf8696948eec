using Npgsql;

namespace CommunitySuccess.Benchmarks.App;

/// <summary>Throwaway databases on the cluster <c>scripts/bench.sh</c> started (<c>CS_TEST_POSTGRES</c>), dropped at the end.</summary>
public static class PostgresDatabases
{
    private static readonly List<string> Created = [];

    public static string? Server => Environment.GetEnvironmentVariable("CS_TEST_POSTGRES") is { Length: > 0 } server ? server : null;

    public static async Task<string> CreateAsync()
    {
        var server = Server ?? throw new InvalidOperationException("CS_TEST_POSTGRES is not set: run scripts/bench.sh.");
        var name = $"cs_bench_{Guid.NewGuid():N}";
        await AdminAsync(server, $"CREATE DATABASE \"{name}\"");
        lock (Created)
        {
            Created.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
    }

    public static async Task DropAllAsync()
    {
        if (Server is not { } server)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        foreach (var name in Created)
        {
            await AdminAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }

        Created.Clear();
    }

    public static async Task AdminAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
