using CommunitySuccess.Core.Accounts;
using CommunitySuccess.Core.Configuration;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Insights;
using CommunitySuccess.Core.OnCall;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Core.Review;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Core.Team;
using CommunitySuccess.Sandbox;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CommunitySuccess.Tests.Insights;

/// <summary>
/// The insights service with the features it asks (team, on-call, review, GitHub desk, outbox) as the app wires them,
/// on a real database and a <see cref="FakeTimeProvider"/>; pointed at a sandbox Slack when asked.
/// </summary>
internal sealed class InsightsHarness : IAsyncDisposable
{
    private readonly string _directory;
    private readonly TestDatabase _database;

    private InsightsHarness(ServiceProvider services, FakeTimeProvider time, string directory, TestDatabase database, SandboxServer? sandbox)
    {
        Services = services;
        Time = time;
        _directory = directory;
        _database = database;
        Sandbox = sandbox;
    }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Time { get; }

    public SandboxServer? Sandbox { get; }

    public InsightsService Insights => Services.GetRequiredService<InsightsService>();

    public static async Task<InsightsHarness> StartAsync(
        DateTimeOffset now, TestProvider provider = TestProvider.Sqlite, bool withSandbox = false, Action<Dictionary<string, string?>>? configure = null)
    {
        var time = new FakeTimeProvider(now);
        SandboxServer? sandbox = withSandbox
            ? await SandboxServer.StartAsync(new SandboxServerOptions { TimeProvider = time }, TestContext.Current.CancellationToken)
            : null;
        var directory = Directory.CreateTempSubdirectory("cs-insights-").FullName;
        var database = TestDatabase.Create(provider, directory);
        var settings = new Dictionary<string, string?> { ["OnCall:TimeZone"] = "UTC", ["OnCall:HandoffTime"] = "09:00" };
        if (sandbox is not null)
        {
            settings["Slack:ApiBaseUrl"] = sandbox.SlackApiBaseUrl.ToString();
            settings["Slack:BotToken"] = sandbox.Slack.BotToken;
            settings["Slack:SigningSecret"] = sandbox.Slack.SigningSecret;
            settings["Slack:SupportChannels:0"] = CommunitySuccess.Sandbox.Slack.SlackWorkspace.DemoSupportChannelId;
            settings["Slack:TriageChannel"] = CommunitySuccess.Sandbox.Slack.SlackWorkspace.DemoTriageChannelId;
        }

        configure?.Invoke(settings);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(time);
        services.AddOptions<OnCallOptions>().Bind(configuration.GetSection(OnCallOptions.SectionName));
        services.AddOptions<SlackOptions>().Bind(configuration.GetSection(SlackOptions.SectionName));
        services.AddOptions<GitHubOptions>().Bind(configuration.GetSection(GitHubOptions.SectionName));
        services.AddOptions<AppOptions>().Bind(configuration.GetSection(AppOptions.SectionName));
        services.AddOptions<TeamOptions>().Bind(configuration.GetSection(TeamOptions.SectionName));
        services.AddOptions<InboxOptions>().Bind(configuration.GetSection(InboxOptions.SectionName));
        services.AddOptions<InsightsOptions>().Bind(configuration.GetSection(InsightsOptions.SectionName));
        services.AddAppDatabase(database.Settings);
        services.AddTeam();
        services.AddInbox();
        services.AddOutbox(runWorker: false);
        services.AddSlackSync();
        services.AddGitHubSync();
        services.AddInboxWorkspace();
        services.AddOnCall();
        services.AddReviewAndBacklog();
        services.AddInsights();
        services.AddSingleton<AccountService>();
        var provider2 = services.BuildServiceProvider();
        await provider2.GetRequiredService<DatabaseInitializer>().InitializeAsync(TestContext.Current.CancellationToken);
        return new InsightsHarness(provider2, time, directory, database, sandbox);
    }

    public async Task<AppDbContext> DbAsync() =>
        await Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (Sandbox is not null)
        {
            await Sandbox.DisposeAsync();
        }

        await _database.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing connection: the OS temp folder is cleaned anyway.
        }
    }
}
