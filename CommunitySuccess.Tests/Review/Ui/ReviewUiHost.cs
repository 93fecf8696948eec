using Bunit;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Core.Review;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Core.Team;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CommunitySuccess.Tests.Review.Ui;

/// <summary>bUnit host for the review board and the backlog: the real Core services over a fresh SQLite file.</summary>
public sealed class ReviewUiHost : MudTestContext
{
    public const string Repo = "acme/widgets";
    private readonly string _directory = Directory.CreateTempSubdirectory("cs-review-ui-").FullName;
    private readonly ServiceProvider _core;

    public ReviewUiHost(params string[] roles)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddOptions();
        services.Configure<InboxOptions>(_ => { });
        services.Configure<SlackOptions>(o => o.ApiBaseUrl = "http://127.0.0.1:9/slack/api/");
        services.Configure<TeamOptions>(_ => { });
        services.Configure<GitHubOptions>(o => o.Repositories = [Repo]);
        services.AddAppDatabase($"Data Source={Path.Combine(_directory, "review.db")}");
        services.AddTeam();
        services.AddInbox();
        services.AddOutbox(runWorker: false);
        services.AddSlackThreads();
        services.Configure<CommunitySuccess.Core.OnCall.OnCallOptions>(_ => { });
        services.AddGitHubSync();
        services.AddReviewAndBacklog();
        _core = services.BuildServiceProvider();
        _core.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        Services.AddFallbackServiceProvider(_core);
        AddCurrentUser(_core);

        var auth = AddAuthorization();
        auth.SetAuthorized("pat@example.test");
        auth.SetRoles(roles);
    }

    public T Get<T>()
        where T : notnull => _core.GetRequiredService<T>();

    public Task AddIssueAsync(int number, string title, params string[] labels)
    {
        var at = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(number);
        return Get<GitHubIngestService>().UpsertIssuesAsync(Repo,
            [new GitHubIssueRecord(1000 + number, number, title, "body", "open", null, "user" + number, false, labels, [], 0, number, 0, at, at, null,
                $"https://github.com/{Repo}/issues/{number}", "NONE")], CancellationToken.None);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _core.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
