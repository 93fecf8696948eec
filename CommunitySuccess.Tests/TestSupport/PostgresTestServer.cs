using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CommunitySuccess.Core.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CommunitySuccess.Tests.TestSupport;

/// <summary>
/// The PostgreSQL server the PostgreSQL tests use. <c>scripts/test.sh</c> starts a throwaway cluster and sets
/// <see cref="EnvironmentVariable"/> to its connection string; without it (a developer's <c>dotnet test</c>) the first
/// PostgreSQL test starts its own throwaway cluster from the installed server binaries (Debian's
/// <c>/usr/lib/postgresql/N/bin</c>, run as the <c>postgres</c> user when the tests run as root) and stops and deletes
/// it when the test process exits. No server binaries and no variable: the tests fail saying how to get either.
/// Each test gets a database of its own, cloned from a template migrated once per run.
/// </summary>
public static class PostgresTestServer
{
    public const string EnvironmentVariable = "CS_TEST_POSTGRES";

    private static readonly Lazy<string> Server = new(StartOrFind, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly SemaphoreSlim CreateGate = new(1, 1);
    private static readonly string TemplateName = $"cs_template_{Environment.ProcessId}_{Guid.NewGuid():N}"[..40];
    private static bool _templateReady;

    /// <summary>A connection string to the server's <c>postgres</c> database (for creating and dropping databases).</summary>
    public static string AdminConnectionString => Server.Value;

    /// <summary>
    /// Creates a database of its own for one test, migrated (or with nothing in it when <paramref name="empty"/>, for the
    /// app's own start-up to migrate); returns its connection string.
    /// </summary>
    public static async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken, bool empty = false)
    {
        var name = $"cs_test_{Guid.NewGuid():N}";
        // CREATE DATABASE … TEMPLATE needs the template to have no other session: one clone at a time.
        await CreateGate.WaitAsync(cancellationToken);
        try
        {
            if (!_templateReady)
            {
                await CreateTemplateAsync(cancellationToken);
                _templateReady = true;
            }

            var template = empty ? "template0" : TemplateName;
            await ExecuteAsync(AdminConnectionString, $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"", cancellationToken);
        }
        finally
        {
            CreateGate.Release();
        }

        return ConnectionStringFor(name);
    }

    /// <summary>Drops a test's database, closing whatever connections are still open on it.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await ExecuteAsync(AdminConnectionString, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", CancellationToken.None);
    }

    private static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database }.ToString();

    private static async Task CreateTemplateAsync(CancellationToken cancellationToken)
    {
        await ExecuteAsync(AdminConnectionString, $"CREATE DATABASE \"{TemplateName}\"", cancellationToken);
        var services = new ServiceCollection();
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddAppDatabase(new DatabaseSettings(DatabaseProvider.Postgres, ConnectionStringFor(TemplateName)));
        await using (var provider = services.BuildServiceProvider())
        {
            await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
        }

        NpgsqlConnection.ClearAllPools();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DropTemplate();
    }

    private static void DropTemplate()
    {
        try
        {
            using var connection = new NpgsqlConnection(AdminConnectionString);
            connection.Open();
            using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{TemplateName}\" WITH (FORCE)", connection);
            command.ExecuteNonQuery();
        }
        catch (NpgsqlException)
        {
            // The cluster is already gone (a throwaway one is deleted whole).
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string StartOrFind()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(configured) ? StartOwnCluster() : configured;
    }

    private static string StartOwnCluster()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : new Version(0, 0))
                .FirstOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL tests need a PostgreSQL server: run 'bash scripts/test.sh' (it installs and starts one), " +
                $"or install Debian's postgresql ('apt-get install postgresql'), or set {EnvironmentVariable} to an Npgsql " +
                "connection string of a server where the tests may create and drop databases.");
        }

        var directory = Directory.CreateTempSubdirectory("cs-pg-").FullName;
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Run("chown", ["postgres:", directory], asPostgres: false);
        }

        Run(Path.Combine(bin, "initdb"), ["-D", Path.Combine(directory, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"], asRoot);
        var port = FreePort();
        Run(Path.Combine(bin, "pg_ctl"),
        [
            "-D", Path.Combine(directory, "data"), "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60", "start", "-o",
            $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
        ], asRoot);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            Run(Path.Combine(bin, "pg_ctl"), ["-D", Path.Combine(directory, "data"), "-m", "immediate", "stop"], asRoot, check: false);
            Directory.Delete(directory, recursive: true);
        };
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string program, IReadOnlyList<string> arguments, bool asPostgres, bool check = true)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (asPostgres)
        {
            // The server refuses to run as root: as root, run it as the postgres user Debian's package creates.
            foreach (var prefix in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {error}{output.Result}");
        }
    }
}
