using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace CommunitySuccess.Tests.TestSupport;

/// <summary>
/// The real app on a real Kestrel port (127.0.0.1, free port) with its own fresh data folder. No Hangfire
/// server: tests call jobs directly. Settings go in through <see cref="Settings"/> before the first use.
/// </summary>
public sealed partial class AppFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@example.test";
    public const string AdminPassword = "correct-horse-battery";

    public AppFactory(Action<Dictionary<string, string?>>? configure = null, TestProvider provider = TestProvider.Sqlite)
    {
        DataDirectory = Directory.CreateTempSubdirectory("cs-app-").FullName;
        Database = TestDatabase.Create(provider, DataDirectory);
        Settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Demo"] = $"Data Source={Path.Combine(DataDirectory, "demo.db")}",
            ["Sandbox:Enabled"] = "false",
            ["Jobs:RunServer"] = "false",
            ["Admin:Email"] = AdminEmail,
            ["Admin:Password"] = AdminPassword,
            ["Logging:LogLevel:Default"] = "Warning",
            // Tests talk to loopback only: a test that does not start a sandbox gets a refused connection, never the internet.
            ["Slack:ApiBaseUrl"] = "http://127.0.0.1:9/slack/api/",
            ["GitHub:ApiBaseUrl"] = "http://127.0.0.1:9/",
        };
        Database.ApplyTo(Settings);
        configure?.Invoke(Settings);
        UseKestrel(0);
    }

    public string DataDirectory { get; }

    /// <summary>The app's database (a SQLite file in <see cref="DataDirectory"/>, or a PostgreSQL database of its own).</summary>
    public TestDatabase Database { get; }

    public Dictionary<string, string?> Settings { get; }

    /// <summary>Every log line the app wrote at the levels <c>Logging:LogLevel</c> lets through.</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>The server's real address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the framework does not map _content/ and _framework/ from the build's manifest by itself.
        builder.UseStaticWebAssets();
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (tests look at them).</summary>
    public HttpClient CreateBrowserClient()
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true };
        return new HttpClient(handler) { BaseAddress = BaseAddress };
    }

    /// <summary>Signs in through the real sign-in form (antiforgery token and all) and returns the response.</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password)
    {
        var form = await client.GetStringAsync("/Account/Login");
        return await PostLoginFormAsync(client, form, email, password);
    }

    /// <summary>Posts the sign-in form whose HTML is <paramref name="form"/> (for clients that carry cookies themselves).</summary>
    public static async Task<HttpResponseMessage> PostLoginFormAsync(HttpClient client, string form, string email, string password)
    {
        var token = AntiforgeryTokenIn(form);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        return await client.PostAsync("/Account/Login", content);
    }

    public async Task<HttpClient> SignedInClientAsync(string email = AdminEmail, string password = AdminPassword)
    {
        var client = CreateBrowserClient();
        using var response = await PostLoginAsync(client, email, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {email} failed: {(int)response.StatusCode}");
        }

        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing connection: the OS temp folder is cleaned anyway.
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>The antiforgery token a server-rendered form in <paramref name="html"/> carries.</summary>
    public static string AntiforgeryTokenIn(string html) => WebUtility.HtmlDecode(AntiforgeryToken().Match(html).Groups[1].Value);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
