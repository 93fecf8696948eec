using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Sandbox;
using CommunitySuccess.Sandbox.Slack;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CommunitySuccess.Tests.Slack.Integration;

/// <summary>How a <see cref="SlackAppHarness"/> starts.</summary>
internal sealed record SlackAppHarnessOptions
{
    /// <summary>One clock for the app and the sandbox; null runs both on the system clock.</summary>
    public FakeTimeProvider? Time { get; init; }

    /// <summary>Overrides the Slack client's 30 s time-out (configured on the named client, as an operator could).</summary>
    public TimeSpan? SlackTimeout { get; init; }

    /// <summary>Sees every Slack Web API call the app makes (to cancel a run half-way).</summary>
    public SlackCallTap? Tap { get; init; }

    /// <summary>The sandbox's Slack rate limits; null is Slack's published limits made 100 times faster.</summary>
    public SlackRateLimits? RateLimits { get; init; }

    /// <summary>Extra app settings.</summary>
    public Action<Dictionary<string, string?>>? Settings { get; init; }

    /// <summary>Point the sandbox's Events API at the app (needs the app on a real Kestrel port).</summary>
    public bool LiveEvents { get; init; }

    /// <summary>The database the app runs on.</summary>
    public TestProvider Provider { get; init; } = TestProvider.Sqlite;

    /// <summary>When the sandbox retries an unacknowledged event; null is Slack's (at once, 1 min, 5 min).</summary>
    public IReadOnlyList<TimeSpan>? EventRetryDelays { get; init; }
}

/// <summary>
/// The real app (fresh SQLite file, no Hangfire server) wired to a real sandbox on loopback: one support channel,
/// one community user, one team member (seeded into the app's team from <c>Team:Members</c>).
/// </summary>
internal sealed class SlackAppHarness : IAsyncDisposable
{
    public const string SupportChannel = "C0SUPPORT01";
    public const string RandomChannel = "C0RANDOM001";
    public const string Asker = "U0ASKER0001";
    public const string SecondAsker = "U0ASKER0002";
    public const string Helper = "U0HELPER001";
    public const string HelperName = "Ana Lima";
    public const string OtherBotUser = "U0OTHERBOT1";
    public const string OtherBotId = "B0OTHERBOT1";

    private readonly AppFactory _factory;
    private Action<Dictionary<string, string?>> _settings = _ => { };

    private SlackAppHarness(SandboxServer sandbox, AppFactory factory, WebApplicationFactory<Program> app)
    {
        Sandbox = sandbox;
        _factory = factory;
        App = app;
    }

    public SandboxServer Sandbox { get; }

    public SlackWorkspace Slack => Sandbox.Slack;

    /// <summary>The app (a derived factory when the harness replaced services).</summary>
    public WebApplicationFactory<Program> App { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>The app's real Kestrel address (only for harnesses that replaced no services).</summary>
    public Uri BaseAddress => _factory.BaseAddress;

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<SlackAppHarness> StartAsync(SlackAppHarnessOptions? options = null)
    {
        options ??= new SlackAppHarnessOptions();
        var limits = options.RateLimits ?? SlackRateLimits.Published.Scaled(100);
        var sandbox = await SandboxServer.StartAsync(
            new SandboxServerOptions
            {
                SeedDemoWorkspace = false,
                TimeProvider = options.Time ?? TimeProvider.System,
                // Slack's limits, 100 times faster: these tests read up to a thousand threads on the real clock.
                SlackRateLimits = limits,
                SlackEventRetryDelays = options.EventRetryDelays ?? [TimeSpan.Zero, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)],
            }, Ct);
        sandbox.Slack.AddChannel(SupportChannel, "support");
        sandbox.Slack.AddChannel(RandomChannel, "random");
        sandbox.Slack.AddUser(new SlackUser { Id = Asker, Name = "priya", RealName = "Priya Raman", TimeZone = "Asia/Kolkata" });
        sandbox.Slack.AddUser(new SlackUser { Id = SecondAsker, Name = "kenji", RealName = "Kenji Sato", TimeZone = "Asia/Tokyo" });
        sandbox.Slack.AddUser(new SlackUser { Id = Helper, Name = "ana", RealName = HelperName, TimeZone = "Europe/Lisbon", IsTeamMember = true });
        sandbox.Slack.AddUser(new SlackUser { Id = OtherBotUser, Name = "deploybot", RealName = "Deploy Bot", IsBot = true, BotId = OtherBotId });

        void Settings(Dictionary<string, string?> s)
        {
            s["Slack:ApiBaseUrl"] = sandbox.SlackApiBaseUrl.ToString();
            // Used only by tests that also set a GitHub token and repository.
            s["GitHub:ApiBaseUrl"] = sandbox.BaseUrl.ToString();
            s["Slack:BotToken"] = sandbox.Slack.BotToken;
            s["Slack:SigningSecret"] = sandbox.Slack.SigningSecret;
            s["Slack:SupportChannels:0"] = SupportChannel;
            // The app paces itself for the limits the sandbox enforces.
            s["Slack:RateLimitScale"] = limits.Scale.ToString(System.Globalization.CultureInfo.InvariantCulture);
            s["Slack:NonMarketplaceApp"] = limits.NonMarketplace ? "true" : "false";
            s["Team:Members:0:Name"] = HelperName;
            s["Team:Members:0:Email"] = "ana@acme.example";
            s["Team:Members:0:SlackUserId"] = Helper;
            s["Team:Members:0:TimeZone"] = "Europe/Lisbon";
            options.Settings?.Invoke(s);
        }

        var factory = new AppFactory(Settings, options.Provider);

        WebApplicationFactory<Program> app = factory;
        if (options.Time is not null || options.SlackTimeout is not null || options.Tap is not null)
        {
            app = factory.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            {
                if (options.Time is { } time)
                {
                    services.AddSingleton<TimeProvider>(time);
                }

                var client = services.AddHttpClient<ISlackApi, SlackApiClient>(c =>
                {
                    if (options.SlackTimeout is { } timeout)
                    {
                        c.Timeout = timeout;
                    }
                });
                if (options.Tap is { } tap)
                {
                    client.AddHttpMessageHandler(() => new SlackCallTapHandler(tap));
                }
            }));
        }

        var harness = new SlackAppHarness(sandbox, factory, app) { _settings = Settings };

        // Start the host now: the clock the follow-up rule counts from is the start time.
        _ = harness.Services.GetRequiredService<AppClock>();
        if (options.LiveEvents)
        {
            sandbox.Slack.EventsUrl = new Uri(harness.BaseAddress, "slack/events");
        }

        return harness;
    }

    /// <summary>A second app with the same settings and its own fresh database, on the same sandbox (no faults, no tap).</summary>
    public AppFactory StartTwin() => new(_settings);

    public SlackSyncService Sync => Services.GetRequiredService<SlackSyncService>();

    public OutboxDispatcher Dispatcher => Services.GetRequiredService<OutboxDispatcher>();

    public InboxActionsService Actions => Services.GetRequiredService<InboxActionsService>();

    public async Task<SlackSyncSummary> SyncAsync(CancellationToken? cancellationToken = null)
    {
        var summary = await Sync.SyncAllAsync(cancellationToken ?? Ct, waitForRunning: true);
        Assert.True(summary.Ran);
        return summary;
    }

    public async Task<AppDbContext> DbAsync() =>
        await Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);

    /// <summary>The stored thread with its messages, reactions, status history and notes; null when not tracked.</summary>
    public async Task<SupportThread?> FindThreadAsync(string ts, string channel = SupportChannel)
    {
        await using var db = await DbAsync();
        return await db.Set<SupportThread>().AsNoTracking()
            .Include(t => t.Messages).ThenInclude(m => m.Reactions)
            .Include(t => t.StatusChanges)
            .Include(t => t.Notes)
            .AsSplitQuery()
            .FirstOrDefaultAsync(t => t.ChannelId == channel && t.Ts == ts, Ct);
    }

    public async Task<SupportThread> ThreadAsync(string ts, string channel = SupportChannel) =>
        await FindThreadAsync(ts, channel) ?? throw new Xunit.Sdk.XunitException($"Thread {channel}/{ts} is not in the database.");

    /// <summary>A user's question asked an hour before <paramref name="now"/>, synced: an Open thread.</summary>
    public async Task<(string Ts, long ThreadId)> OpenThreadAsync(DateTimeOffset now)
    {
        var ts = Slack.AddMessage(new SlackMessageDraft { ChannelId = SupportChannel, UserId = Asker, Text = "Export to CSV times out", At = now.AddHours(-1) });
        await SyncAsync();
        var thread = await ThreadAsync(ts);
        Assert.Equal(ThreadStatus.Open, thread.Status);
        return (ts, thread.Id);
    }

    public async Task<OutboxMessage> OutboxAsync(long id)
    {
        await using var db = await DbAsync();
        return await db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Id == id, Ct);
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails with <paramref name="what"/> after the time-out.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(15));
        while (!await condition())
        {
            try
            {
                await Task.Delay(25, cts.Token);
            }
            catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
            {
                throw new Xunit.Sdk.XunitException($"Timed out waiting until {what}.");
            }
        }
    }

    /// <summary>Sends due outbox rows until <paramref name="id"/> leaves Pending, moving the fake clock to each retry.</summary>
    public async Task<OutboxMessage> DispatchUntilSettledAsync(long id, FakeTimeProvider time, int maxRounds = 10)
    {
        for (var round = 0; round < maxRounds; round++)
        {
            await Dispatcher.DispatchDueAsync(Ct);
            var row = await OutboxAsync(id);
            if (row.Status != OutboxStatus.Pending)
            {
                return row;
            }

            // The background worker may be sending it right now; otherwise its retry is due later.
            var due = new DateTimeOffset(DateTime.SpecifyKind(row.NextAttemptAt, DateTimeKind.Utc));
            if (due > time.GetUtcNow())
            {
                time.SetUtcNow(due);
            }
        }

        return await OutboxAsync(id);
    }

    public async ValueTask DisposeAsync()
    {
        Slack.EventsUrl = null;
        await _factory.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}

/// <summary>Counts the app's Slack Web API calls per method and lets a test react to them (cancel a run half-way).</summary>
internal sealed class SlackCallTap
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Called after each answered call with the method and how many calls of it were answered so far.</summary>
    public Action<string, int>? Answered { get; set; }

    public int Count(string method)
    {
        lock (_gate)
        {
            return _counts.GetValueOrDefault(method);
        }
    }

    internal void Record(string method)
    {
        int count;
        lock (_gate)
        {
            count = _counts[method] = _counts.GetValueOrDefault(method) + 1;
        }

        Answered?.Invoke(method, count);
    }
}

internal sealed class SlackCallTapHandler(SlackCallTap tap) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        tap.Record(request.RequestUri!.Segments[^1]);
        return response;
    }
}
