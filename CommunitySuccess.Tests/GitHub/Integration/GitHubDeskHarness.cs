using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Sandbox;
using CommunitySuccess.Sandbox.GitHub;
using CommunitySuccess.Sandbox.Slack;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using CommunitySuccess.Core.Data;

namespace CommunitySuccess.Tests.GitHub.Integration;

/// <summary>
/// The real app (<see cref="AppFactory"/>, outbox worker running) against a fresh sandbox: a small hand-made GitHub
/// repository <see cref="Repository"/> with the process labels, a Slack support channel with one community user, and a
/// team of two whose first member is the signed-in admin (GitHub <see cref="AnaLogin"/>).
/// </summary>
internal sealed class GitHubDeskHarness : IAsyncDisposable
{
    public const string Owner = "acme";
    public const string Repo = "desk";
    public const string Repository = $"{Owner}/{Repo}";
    public const string SupportChannel = "C0SUPPORT01";
    public const string WebhookSecret = "desk-webhook-secret";
    public const string AnaLogin = "ana-lima";
    public const string BenLogin = "bencarter";
    public const string AnaSlackId = "U0ANALIMA1";
    public const string Triage = "Triage 👀";
    public const string ProductReview = "Product review";
    public const string Community = "Community";

    private GitHubDeskHarness(SandboxServer sandbox, AppFactory app, string askerId)
    {
        Sandbox = sandbox;
        App = app;
        AskerId = askerId;
    }

    public SandboxServer Sandbox { get; }

    public GitHubState GitHub => Sandbox.GitHub;

    public SlackWorkspace Slack => Sandbox.Slack;

    public AppFactory App { get; }

    /// <summary>The community user who asks in Slack.</summary>
    public string AskerId { get; }

    /// <summary>Ana, the app's first admin, as a signed-in page acts for her: with her real account id.</summary>
    public async Task<AppActor> AdminActorAsync() =>
        new("Ana Lima", AppFactory.AdminEmail) { UserId = await AccountIdAsync(AppFactory.AdminEmail) };

    /// <summary>The account id of the user with <paramref name="email"/>.</summary>
    public async Task<string> AccountIdAsync(string email)
    {
        await using var db = await Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var normalized = email.ToUpperInvariant();
        return await db.Set<CommunitySuccess.Core.Accounts.AppUser>().Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).SingleAsync(TestContext.Current.CancellationToken);
    }

    public T Get<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    /// <param name="configure">More app settings.</param>
    /// <param name="sandboxTime">The sandbox's clock (a fake one spaces out events); the app keeps the real clock.</param>
    /// <param name="provider">The database the app runs on.</param>
    public static async Task<GitHubDeskHarness> StartAsync(
        Action<Dictionary<string, string?>>? configure = null, TimeProvider? sandboxTime = null, TestProvider provider = TestProvider.Sqlite)
    {
        var sandbox = await SandboxServer.StartAsync(new SandboxServerOptions { SeedDemoWorkspace = false, TimeProvider = sandboxTime ?? TimeProvider.System });
        sandbox.GitHub.CreateRepository(Owner, Repo, "A small repository for the desk tests");
        sandbox.GitHub.AddOrganizationMember(Owner, AnaLogin);
        sandbox.GitHub.AddOrganizationMember(Owner, BenLogin);
        sandbox.GitHub.CreateLabel(Owner, Repo, Triage, "fbca04");
        sandbox.GitHub.CreateLabel(Owner, Repo, ProductReview, "5319e7");
        sandbox.GitHub.CreateLabel(Owner, Repo, Community, "0e8a16");
        sandbox.Slack.AddChannel(SupportChannel, "support");
        sandbox.Slack.AddUser(new SlackUser { Id = AnaSlackId, Name = "ana", RealName = "Ana Lima", IsTeamMember = true });
        var asker = sandbox.Slack.AddUser(new SlackUser { Name = "priya.raman", RealName = "Priya Raman", TimeZone = "Asia/Kolkata" });

        var app = new AppFactory(s =>
        {
            s["GitHub:ApiBaseUrl"] = sandbox.BaseUrl.ToString();
            s["GitHub:Token"] = GitHubState.DefaultToken;
            s["GitHub:WebhookSecret"] = WebhookSecret;
            s["GitHub:Repositories:0"] = Repository;
            s["Slack:ApiBaseUrl"] = sandbox.SlackApiBaseUrl.ToString();
            s["Slack:BotToken"] = sandbox.Slack.BotToken;
            s["Slack:SigningSecret"] = sandbox.Slack.SigningSecret;
            s["Slack:SupportChannels:0"] = SupportChannel;
            s["Team:Members:0:Name"] = "Ana Lima";
            s["Team:Members:0:Email"] = AppFactory.AdminEmail;
            s["Team:Members:0:GitHubLogin"] = AnaLogin;
            s["Team:Members:0:SlackUserId"] = AnaSlackId;
            s["Team:Members:0:Role"] = "Admin";
            s["Team:Members:1:Name"] = "Ben Carter";
            s["Team:Members:1:Email"] = "ben@example.test";
            s["Team:Members:1:GitHubLogin"] = BenLogin;
            configure?.Invoke(s);
        }, provider);
        app.StartServer();
        return new GitHubDeskHarness(sandbox, app, asker.Id);
    }

    public Task SyncGitHubAsync() =>
        Get<GitHubSyncService>().SyncAllAsync(TestContext.Current.CancellationToken, waitForRunning: true);

    /// <summary>A community user asks in the support channel; the Slack sync makes it a thread. Returns the thread id.</summary>
    public async Task<long> AskInSlackAsync(string text)
    {
        var ts = Slack.PostAsUser(SupportChannel, AskerId, text);
        await Get<SlackSyncService>().SyncAllAsync(TestContext.Current.CancellationToken);
        await using var db = await Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.Set<SupportThread>().Where(t => t.ChannelId == SupportChannel && t.Ts == ts).Select(t => t.Id)
            .SingleAsync(TestContext.Current.CancellationToken);
    }

    public async Task<SupportThread> ThreadAsync(long id)
    {
        await using var db = await Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.Set<SupportThread>().AsNoTracking().SingleAsync(t => t.Id == id, TestContext.Current.CancellationToken);
    }

    public async Task<IReadOnlyList<OutboxMessage>> OutboxAsync()
    {
        await using var db = await Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.Set<OutboxMessage>().AsNoTracking().OrderBy(m => m.Id).ToListAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Waits until every outbox row is sent (the app's worker sends them); fails on a failed one or after 20 s.</summary>
    public async Task WaitForOutboxSentAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        while (true)
        {
            var rows = await OutboxAsync();
            var failed = rows.FirstOrDefault(r => r.Status == OutboxStatus.Failed);
            Assert.True(failed is null, $"Outbox {failed?.Id} ({failed?.Kind}) failed: {failed?.LastError}");
            if (rows.All(r => r.Status == OutboxStatus.Sent))
            {
                return;
            }

            await Get<OutboxDispatcher>().DispatchDueAsync(timeout.Token);
            await Task.Delay(50, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
