using CommunitySuccess.Core.Accounts;
using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Search;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Core.Team;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySuccess.Tests.Web.Hosting;

/// <summary>
/// <c>copy-to-postgres</c> run as a user runs it: a SQLite installation's accounts, threads, GitHub items and inbox
/// arrive in PostgreSQL, where the app then signs the same people in and finds the same things.
/// </summary>
public sealed class CopyToPostgresCommandTests
{
    private const string Channel = "C0COPY0001";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CopyToPostgres_SqliteInstallation_AppOnPostgresSignsInFindsAndCountsTheSame()
    {
        await using var sqlite = new AppFactory();
        sqlite.StartServer();
        Assert.True((await sqlite.Services.GetRequiredService<AccountService>()
            .CreateUserAsync("bea@example.test", "Bea Costa", "moved-password-1", [Roles.Engineer])).Succeeded);
        var message = new SlackMessage { Type = "message", Ts = "1700000000.000100", User = "U0ASKER01", Text = "Importer chokes on semicolons in CSV headers" };
        await sqlite.Services.GetRequiredService<ThreadIngestService>().IngestAsync(Channel, [message], TeamDirectory.Empty, Ct);
        var issue = new GitHubIssueRecord(5_000_000_001, 42, "Helm chart ignores nodeSelector", "Steps to reproduce…", "open", null, "octocat",
            false, ["bug"], [], 0, 0, 0, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc),
            null, "https://github.com/acme/widgets/issues/42", "NONE");
        await sqlite.Services.GetRequiredService<GitHubIngestService>().UpsertIssuesAsync("acme/widgets", [issue], Ct);
        var countsBefore = await sqlite.Services.GetRequiredService<InboxQueryService>().GetCountsAsync(Ct);
        var target = await PostgresTestServer.CreateDatabaseAsync(Ct, empty: true);
        try
        {
            var exit = await RunCopyAsync(sqlite, target);

            Assert.True(exit.ExitCode == 0, exit.StandardError + exit.StandardOutput);
            Assert.Contains("SupportThreads: 1 rows", exit.StandardOutput, StringComparison.Ordinal);
            Assert.DoesNotContain("Password", exit.StandardOutput + exit.StandardError, StringComparison.OrdinalIgnoreCase);

            await using var postgres = new AppFactory(s => s["ConnectionStrings:Default"] = target, TestProvider.Postgres);
            using var client = await postgres.SignedInClientAsync("bea@example.test", "moved-password-1");
            var search = postgres.Services.GetRequiredService<SearchService>();
            Assert.Contains((await search.SearchAsync("semicolons", Ct)).Hits, h => h.Kind == SearchHitKind.SlackMessage);
            Assert.Contains((await search.SearchAsync("nodeselector", Ct)).Hits, h => h.IssueKey == "acme/widgets#42");
            var countsAfter = await postgres.Services.GetRequiredService<InboxQueryService>().GetCountsAsync(Ct);
            Assert.Equal(countsBefore.WaitingForTeam, countsAfter.WaitingForTeam);
            Assert.Equal(countsBefore.Views.OrderBy(v => v.Key), countsAfter.Views.OrderBy(v => v.Key));
            Assert.True(countsAfter.WaitingForTeam >= 2);

            // The target now holds data: a second copy is refused and changes nothing.
            var again = await RunCopyAsync(sqlite, target);
            Assert.Equal(1, again.ExitCode);
            Assert.Contains("already holds data", again.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            await PostgresTestServer.DropDatabaseAsync(target);
        }
    }

    private static Task<AppProcess.Exit> RunCopyAsync(AppFactory app, string target) =>
        AppProcess.RunUntilExitAsync(
            new Dictionary<string, string>
            {
                ["ConnectionStrings__Default"] = app.Settings["ConnectionStrings:Default"]!,
                ["Sandbox__Enabled"] = "false",
            },
            TimeSpan.FromSeconds(90),
            "copy-to-postgres",
            target);
}
