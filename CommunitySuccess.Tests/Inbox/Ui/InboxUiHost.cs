using System.Security.Claims;
using Bunit;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Core.Search;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Core.SlackMarkup;
using CommunitySuccess.Core.Team;
using CommunitySuccess.Tests.Slack;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CommunitySuccess.Tests.Inbox.Ui;

/// <summary>
/// The inbox's real Core services on a real SQLite file (migrated), behind a <see cref="MudTestContext"/>, with a
/// fake clock and a signed-in team member. Slack is not configured, so nothing calls out.
/// </summary>
public sealed class InboxUiHost : MudTestContext
{
    public const string MeEmail = "ana@acme.example";
    public const string MeName = "Ana Lima";
    public const string MeSlackId = "U0ANALIMA";
    public const string Channel = "C0SUPPORT";

    private readonly string _directory = Directory.CreateTempSubdirectory("cs-inbox-ui-").FullName;
    private readonly ServiceProvider _core;
    private int _nextTs;

    /// <summary>Monday 2026-03-02 10:00 UTC: working hours in Europe and India, night in Tokyo and California.</summary>
    public static readonly DateTimeOffset Monday10Utc = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    public InboxUiHost()
    {
        Time = new FakeTimeProvider(Monday10Utc);
        Clock = new TimerWatchingTimeProvider(Time);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(Clock);
        services.AddOptions();
        services.Configure<InboxOptions>(_ => { });
        services.Configure<SlackOptions>(o => o.TriageChannel = "C0TRIAGE");
        services.Configure<TeamOptions>(_ => { });
        services.AddAppDatabase($"Data Source={Path.Combine(_directory, "inbox.db")}");
        services.AddTeam();
        services.AddInbox();
        services.AddOutbox(runWorker: false);
        services.AddSlackThreads();
        services.AddSingleton<CommunitySuccess.Core.GitHub.GitHubIngestService>();
        services.AddInboxWorkspace();
        // The thread pane hosts the GitHub panel (linked issues, create / link); no repository is configured here.
        services.Configure<CommunitySuccess.Core.GitHub.GitHubOptions>(_ => { });
        services.AddGitHubDesk();
        // The panes show similar earlier questions from the full-text index.
        services.AddSearch();
        _core = services.BuildServiceProvider();
        _core.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        _core.GetRequiredService<ISearchIndex>().EnsureCreatedAsync(CancellationToken.None).GetAwaiter().GetResult();
        _core.GetRequiredService<TeamService>().SeedIfEmptyAsync(
            [new TeamMember { Name = MeName, Email = MeEmail, SlackUserId = MeSlackId, TimeZone = "Europe/Lisbon" }], CancellationToken.None)
            .GetAwaiter().GetResult();
        AddAccount(MeAccountId, MeEmail, MeName);
        Services.AddFallbackServiceProvider(_core);
        // bUnit brings its own clock; the components must read the same fake one as the services.
        Services.AddSingleton<TimeProvider>(Clock);

        AddCurrentUser(_core);
        var auth = AddAuthorization();
        auth.SetAuthorized(MeEmail);
        auth.SetClaims(new Claim(ClaimTypes.Email, MeEmail), new Claim(ClaimTypes.NameIdentifier, MeAccountId));
        auth.SetRoles("Engineer");
    }

    /// <summary>The signed-in account's id ("me" for the inbox).</summary>
    public const string MeAccountId = "account-ana";

    public FakeTimeProvider Time { get; }

    /// <summary>An enabled Engineer account, as the services check it when an action runs.</summary>
    public void AddAccount(string id, string email, string displayName)
    {
        using var db = Db();
        var role = db.Roles.FirstOrDefault(r => r.Name == CommunitySuccess.Core.Accounts.Roles.Engineer);
        if (role is null)
        {
            role = new Microsoft.AspNetCore.Identity.IdentityRole(CommunitySuccess.Core.Accounts.Roles.Engineer) { NormalizedName = "ENGINEER" };
            db.Roles.Add(role);
        }

        db.Users.Add(new CommunitySuccess.Core.Accounts.AppUser { Id = id, Email = email, NormalizedEmail = email.ToUpperInvariant(), UserName = email, DisplayName = displayName });
        db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = id, RoleId = role.Id });
        db.SaveChanges();
    }

    /// <summary>The clock everything reads; tells when a component starts waiting on it.</summary>
    internal TimerWatchingTimeProvider Clock { get; }

    /// <summary>Waits until the code under test starts a timer (for example a refresh delay), then lets it pass.</summary>
    public async Task AdvanceOnceWaitingAsync(TimeSpan by)
    {
        Assert.True(await Clock.TimerCreated.WaitAsync(TimeSpan.FromSeconds(10), Xunit.TestContext.Current.CancellationToken), "Nothing started waiting on the clock.");
        Time.Advance(by);
    }

    /// <summary>Forgets timers created so far, before triggering the one a test waits for.</summary>
    public void ForgetTimers()
    {
        while (Clock.TimerCreated.Wait(0))
        {
        }
    }

    public DateTime Now => Time.GetUtcNow().UtcDateTime;

    public InboxMe Me => new(new AppActor(MeName, MeEmail), new TeamMember { Name = MeName, Email = MeEmail, SlackUserId = MeSlackId, TimeZone = "Europe/Lisbon" });

    public T Get<T>()
        where T : notnull => _core.GetRequiredService<T>();

    /// <summary>An item of an open MudBlazor menu (menus render in the popover provider).</summary>
    public AngleSharp.Dom.IElement WaitForMenuItem(string text)
    {
        var popovers = Popovers ?? throw new InvalidOperationException("Render the MudBlazor providers first.");
        popovers.WaitForAssertion(() => Assert.Contains(popovers.FindAll(".mud-menu-item"), i => i.TextContent.Trim() == text));
        return popovers.FindAll(".mud-menu-item").First(i => i.TextContent.Trim() == text);
    }

    public AppDbContext Db() => _core.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();

    /// <summary>A Slack user the inbox can name.</summary>
    public void AddUser(string id, string displayName, string? timeZone)
    {
        using var db = Db();
        db.Add(new SlackUserProfile { SlackUserId = id, DisplayName = displayName, RealName = displayName, TimeZone = timeZone, RefreshedAt = Now });
        db.SaveChanges();
    }

    /// <summary>
    /// A thread asked <paramref name="askedAgo"/> ago with its question as the only message, in the given state.
    /// <paramref name="waiting"/> false means the team spoke last.
    /// </summary>
    /// <summary>The inbox item (the queue's row, <c>/inbox/{id}</c>) that mirrors a thread.</summary>
    public long ItemIdOf(long threadId)
    {
        using var db = Db();
        return db.Set<InboxItem>().Where(i => i.ThreadId == threadId).Select(i => i.Id).Single();
    }

    public long AddThread(
        string userId,
        string text,
        TimeSpan askedAgo,
        ThreadStatus status = ThreadStatus.Open,
        bool waiting = true,
        bool needsFollowUp = false,
        bool notSupport = false,
        bool referred = false,
        string? timeZone = null,
        int messageCount = 1)
    {
        var asked = Now - askedAgo;
        var ts = SlackTs.FromUtcDateTime(asked.AddTicks(Interlocked.Increment(ref _nextTs) * 10));
        using var db = Db();
        var thread = new SupportThread
        {
            ChannelId = Channel,
            Ts = ts,
            UserId = userId,
            Status = status,
            StatusChangedAt = asked,
            CreatedAt = asked,
            FirstSeenAt = asked,
            LastMessageAt = asked,
            Text = text,
            MessageCount = messageCount,
            NeedsFollowUp = needsFollowUp,
            ReferredToProduct = referred,
            UserTimeZone = timeZone,
            LastMessageByTeam = !waiting,
            LastTeamMessageAt = waiting ? null : asked,
            UnansweredSince = waiting ? asked : null,
            LastUserMessageAt = asked,
        };
        thread.SetNotSupport(notSupport);
        thread.Messages.Add(new ThreadMessage { ChannelId = Channel, Ts = ts, UserId = userId, Text = text, SentAt = asked });
        db.Add(thread);
        db.SaveChanges();
        return thread.Id;
    }

    /// <summary>A reply in an existing thread (not a status fact: only what the pane shows).</summary>
    public void AddMessage(long threadId, string userId, string text, bool isTeam = false)
    {
        using var db = Db();
        var thread = db.Set<SupportThread>().Single(t => t.Id == threadId);
        var at = Now.AddTicks(Interlocked.Increment(ref _nextTs) * 10);
        db.Add(new ThreadMessage { ThreadId = threadId, ChannelId = thread.ChannelId, Ts = SlackTs.FromUtcDateTime(at), UserId = userId, Text = text, SentAt = at, IsTeam = isTeam });
        thread.MessageCount++;
        db.SaveChanges();
    }

    public ThreadStatus StatusOf(long threadId)
    {
        using var db = Db();
        return db.Set<SupportThread>().Single(t => t.Id == threadId).Status;
    }

    public IReadOnlyList<OutboxMessage> Outbox()
    {
        using var db = Db();
        return db.Set<OutboxMessage>().AsNoTracking().OrderBy(m => m.Id).ToList();
    }

    /// <summary>MudBlazor's services dispose only asynchronously: dispose the host with <c>DisposeAsync</c>.</summary>
    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _core.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A connection still closing: the temp folder is cleaned by the OS.
        }
    }
}
