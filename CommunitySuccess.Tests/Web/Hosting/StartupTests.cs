using System.Net;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Tests.Web.Hosting;

public sealed class StartupTests
{
    [Fact]
    public async Task Start_FreshDataFolder_CreatesDatabaseAndAnswersHealth()
    {
        await using var app = new AppFactory();
        using var client = app.CreateBrowserClient();

        using var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(File.Exists(Path.Combine(app.DataDirectory, "app.db")));
    }

    [Fact]
    public async Task Health_DatabaseSchemaBroken_Answers503()
    {
        await using var app = new AppFactory();
        using var client = app.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", TestContext.Current.CancellationToken)).StatusCode);
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE AspNetUsers RENAME TO AspNetUsersGone", TestContext.Current.CancellationToken);
        }

        using var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Start_RepositoryNotOwnerName_ExitsNamingTheKey()
    {
        var exit = await AppProcess.RunUntilExitAsync(
            new Dictionary<string, string> { ["GitHub__Repositories__0"] = "not-a-repo" }, TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exit.ExitCode);
        Assert.Contains("GitHub:Repositories[0] must look like owner/name, not 'not-a-repo'.", exit.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_UnknownDatabaseProvider_ExitsNamingTheKeyAndTheChoices()
    {
        var exit = await AppProcess.RunUntilExitAsync(
            new Dictionary<string, string> { ["Database__Provider"] = "MySql" }, TimeSpan.FromSeconds(60));

        Assert.Equal(1, exit.ExitCode);
        Assert.Contains("Database:Provider must be Sqlite or Postgres, not 'MySql'.", exit.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_PostgresWithoutItsConnectionString_ExitsNamingTheKey()
    {
        var exit = await AppProcess.RunUntilExitAsync(
            new Dictionary<string, string> { ["Database__Provider"] = "Postgres", ["Sandbox__Enabled"] = "false", ["ConnectionStrings__Default"] = "" },
            TimeSpan.FromSeconds(60));

        Assert.Equal(1, exit.ExitCode);
        Assert.Contains("ConnectionStrings:Default must be set to a PostgreSQL connection string when Database:Provider is Postgres.", exit.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_UnknownKeyInOurSection_ExitsNamingTheKey()
    {
        var exit = await AppProcess.RunUntilExitAsync(
            new Dictionary<string, string> { ["Inbox__FollowUpAfterHourz"] = "12", ["Slack__BotToken"] = "xoxb-never-printed" }, TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exit.ExitCode);
        Assert.Contains("Inbox:FollowUpAfterHourz is not a known setting.", exit.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("xoxb-never-printed", exit.StandardError + exit.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_UnknownKeyInFrameworkSection_IsLeftAlone()
    {
        await using var app = new AppFactory(s => s["Logging:Console:SomethingNew"] = "1");
        using var client = app.CreateBrowserClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Configuration_RootAppSettingsFile_IsReadAndOverridable()
    {
        await using var app = new AppFactory(s => s["Inbox:FollowUpAfterHours"] = "72");
        app.StartServer();
        var configuration = app.Services.GetRequiredService<IConfiguration>();

        // Only the repository-root appsettings.json sets this framework level.
        Assert.Equal("Warning", configuration["Logging:LogLevel:Hangfire"]);
        // A later source (here the host's settings, as environment variables would be) wins over the file.
        Assert.Equal(72, app.Services.GetRequiredService<IOptions<CommunitySuccess.Core.Inbox.InboxOptions>>().Value.FollowUpAfterHours);
    }
}
