using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySuccess.Benchmarks.App;

/// <summary>
/// The real web app, in this process on a real Kestrel port, so a measure can time its endpoints over loopback and
/// read its services and its managed memory. No Hangfire server: the measures run syncs themselves.
/// </summary>
public sealed class BenchApp : WebApplicationFactory<Program>
{
    public const string AdminEmail = "bench@example.test";
    public const string AdminPassword = "bench-password-2026";

    private readonly Dictionary<string, string?> _settings;

    public BenchApp(IReadOnlyDictionary<string, string?> settings)
    {
        DataDirectory = Directory.CreateTempSubdirectory("cs-bench-app-").FullName;
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = $"Data Source={Path.Combine(DataDirectory, "app.db")}",
            ["ConnectionStrings:Demo"] = $"Data Source={Path.Combine(DataDirectory, "demo.db")}",
            ["Sandbox:Enabled"] = "false",
            ["Jobs:RunServer"] = "false",
            ["Admin:Email"] = AdminEmail,
            ["Admin:Password"] = AdminPassword,
            ["Logging:LogLevel:Default"] = "Error",
            // A fresh PostgreSQL database has no migrations table yet: EF logs the first look for it as an error.
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None",
            ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "None",
        };
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }

        UseKestrel(0);
    }

    public string DataDirectory { get; }

    /// <summary>The server's real address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the framework does not map _content/ and _framework/ from the build's manifest by itself.
        builder.UseStaticWebAssets();
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing connection: the temp folder is cleaned by the OS anyway.
        }
    }
}
