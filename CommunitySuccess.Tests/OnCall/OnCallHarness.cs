using CommunitySuccess.Core.Accounts;
using CommunitySuccess.Core.Configuration;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.OnCall;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Core.Team;
using CommunitySuccess.Sandbox;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CommunitySuccess.Tests.OnCall;

/// <summary>
/// The on-call services as the app wires them, on a real SQLite file, with a <see cref="FakeTimeProvider"/>; pointed at
/// a sandbox Slack when one is given (sharing the fake clock, so message times and "now" agree).
/// </summary>
internal sealed class OnCallHarness : IAsyncDisposable
{
    public static readonly TeamActor Admin = new("Admin", "admin@example.test", IsAdmin: true);

    private readonly string _directory;

    private OnCallHarness(ServiceProvider services, FakeTimeProvider time, string directory, SandboxServer? sandbox)
    {
        Services = services;
        Time = time;
        _directory = directory;
        Sandbox = sandbox;
    }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Time { get; }

    public SandboxServer? Sandbox { get; }

    public OnCallService OnCall => Services.GetRequiredService<OnCallService>();

    public TeamService Team => Services.GetRequiredService<TeamService>();

    public static async Task<OnCallHarness> StartAsync(
        DateTimeOffset now,
        Action<Dictionary<string, string?>>? configure = null,
        bool withSandbox = false)
    {
        var time = new FakeTimeProvider(now);
        SandboxServer? sandbox = withSandbox
            ? await SandboxServer.StartAsync(new SandboxServerOptions { TimeProvider = time }, TestContext.Current.CancellationToken)
            : null;
        var directory = Directory.CreateTempSubdirectory("cs-oncall-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["OnCall:TimeZone"] = "UTC",
            ["OnCall:HandoffTime"] = "09:00",
        };
        if (sandbox is not null)
        {
            settings["Slack:ApiBaseUrl"] = sandbox.SlackApiBaseUrl.ToString();
            settings["Slack:BotToken"] = sandbox.Slack.BotToken;
            settings["Slack:SigningSecret"] = sandbox.Slack.SigningSecret;
            settings["Slack:SupportChannels:0"] = CommunitySuccess.Sandbox.Slack.SlackWorkspace.DemoSupportChannelId;
        }

        configure?.Invoke(settings);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(time);
        services.AddOptions<OnCallOptions>().Bind(configuration.GetSection(OnCallOptions.SectionName));
        services.AddOptions<SlackOptions>().Bind(configuration.GetSection(SlackOptions.SectionName));
        services.AddOptions<AppOptions>().Bind(configuration.GetSection(AppOptions.SectionName));
        services.AddOptions<TeamOptions>().Bind(configuration.GetSection(TeamOptions.SectionName));
        services.AddOptions<InboxOptions>().Bind(configuration.GetSection(InboxOptions.SectionName));
        services.AddAppDatabase($"Data Source={Path.Combine(directory, "app.db")}");
        services.AddTeam();
        services.AddInbox();
        services.AddOutbox(runWorker: false);
        services.AddSlackSync();
        services.AddInboxWorkspace();
        services.AddOnCall();
        // The calendar feed asks whether a member's account is disabled.
        services.AddSingleton<AccountService>();
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync(TestContext.Current.CancellationToken);
        return new OnCallHarness(provider, time, directory, sandbox);
    }

    /// <summary>Adds the team (ids 1, 2, … in this order) and a rotation of all of them from today.</summary>
    public async Task<IReadOnlyList<TeamMember>> SeedTeamAsync(params (string Name, string Email, string? SlackUserId, string? TimeZone)[] people)
    {
        await Team.SeedIfEmptyAsync(people.Select(p => new TeamMember
        {
            Name = p.Name,
            Email = p.Email,
            SlackUserId = p.SlackUserId,
            TimeZone = p.TimeZone,
            Role = Roles.Engineer,
        }), TestContext.Current.CancellationToken);
        var members = (await Team.ListAsync(TestContext.Current.CancellationToken)).OrderBy(m => m.Id).ToList();
        return members;
    }

    public async Task<OnCallResult> SetRotationAsync(DateOnly from, IReadOnlyList<int> memberIds, params DayOfWeek[] workingDays)
    {
        IReadOnlyCollection<DayOfWeek> days = workingDays.Length > 0
            ? workingDays
            : [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];
        return await OnCall.SaveRotationAsync(new RotationInput(from, memberIds, days), Admin, TestContext.Current.CancellationToken);
    }

    public async Task<List<OutboxMessage>> OutboxAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.Set<OutboxMessage>().AsNoTracking().OrderBy(m => m.Id).ToListAsync(TestContext.Current.CancellationToken);
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

        SqliteConnection.ClearAllPools();
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
