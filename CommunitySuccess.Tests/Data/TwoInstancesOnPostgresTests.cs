using System.Globalization;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Sandbox;
using CommunitySuccess.Sandbox.GitHub;
using CommunitySuccess.Sandbox.Slack;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CommunitySuccess.Tests.Data;

/// <summary>
/// Two real app processes on one PostgreSQL database behave as one app: they start at the same moment on an empty
/// database (one migrates and seeds, the other waits), an outbox write is sent once, a webhook lands whichever instance
/// it reaches, a sign-in cookie from one is read by the other, and a Slack message stored by one shows live in a
/// browser connected to the other.
/// </summary>
public sealed class TwoInstancesOnPostgresTests(TwoInstancesOnPostgresTests.Pair pair, BrowserFixture browser)
    : IClassFixture<TwoInstancesOnPostgresTests.Pair>
{
    private const string Channel = "C0SUPPORT01";
    private const string Asker = "U0ASKER0001";
    private const string Owner = "acme";
    private const string Repo = "widgets";
    private const string WebhookSecret = "two-instances-webhook-secret";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Outbox_WritesQueuedWhileBothInstancesRun_EachIsPostedToSlackOnce()
    {
        var texts = Enumerable.Range(1, 12).Select(i => $"Two-instance reply {i}").ToList();
        await using (var db = pair.NewContext())
        {
            foreach (var text in texts)
            {
                db.Add(new OutboxMessage
                {
                    Kind = OutboxKinds.SlackPostMessage,
                    PayloadJson = $$"""{"channel":"{{Channel}}","text":"{{text}}"}""",
                    Status = OutboxStatus.Pending,
                    CreatedAt = DateTime.UtcNow,
                    NextAttemptAt = DateTime.UtcNow,
                    CreatedBy = "test",
                });
            }

            await db.SaveChangesAsync(Ct);
        }

        // Both workers poll every few seconds and race for the same rows.
        await using (var db = pair.NewContext())
        {
            await Wait.UntilAsync(
                () => db.Set<OutboxMessage>().CountAsync(m => m.Status != OutboxStatus.Sent, Ct), n => n == 0, "every queued reply to be sent");
        }

        var posted = pair.Sandbox.Slack.GetHistory(Channel).Where(m => texts.Contains(m.Text ?? "")).Select(m => m.Text).ToList();
        Assert.Equal(texts.Order(), posted.Order());
    }

    [Fact]
    public async Task RecurringSync_TwoInstancesOneSchedule_EachOccurrenceRunsOnce()
    {
        // The GitHub sync is scheduled every 10 seconds here; both instances' schedulers see every occurrence.
        await using var db = pair.NewContext();
        var occurrences = await Wait.UntilAsync(
            () => db.Database.SqlQueryRaw<string>("""
                SELECT t.value AS "Value" FROM hangfire.jobparameter t
                JOIN hangfire.jobparameter r ON r.jobid = t.jobid AND r.name = 'RecurringJobId' AND r.value LIKE '%github-sync%'
                WHERE t.name = 'Time'
                """).ToListAsync(Ct),
            found => found.Count >= 3,
            "three scheduled GitHub syncs",
            TimeSpan.FromSeconds(90));

        // Hangfire records when each run was triggered; a second instance firing the same occurrence would add a run
        // within the same 10-second slot.
        var slots = occurrences.Select(t => long.Parse(t.Trim('"'), CultureInfo.InvariantCulture) / 10).ToList();
        Assert.Equal(slots.Count, slots.Distinct().Count());
    }

    [Fact]
    public async Task Webhooks_DeliveredToEitherInstance_BothIssuesLand()
    {
        var toA = OpenIssueThrough(pair.A.BaseAddress, "Crash reported through instance A");
        var toB = OpenIssueThrough(pair.B.BaseAddress, "Crash reported through instance B");

        await using var db = pair.NewContext();
        var numbers = await Wait.UntilAsync(
            () => db.Set<GitHubIssue>().Where(i => i.Number == toA || i.Number == toB).Select(i => i.Number).ToListAsync(Ct),
            found => found.Count == 2,
            "both webhooks' issues to be stored");
        Assert.Equal(new[] { toA, toB }.Order(), numbers.Order());
    }

    [Fact]
    public async Task SignIn_CookieIssuedByA_IsAcceptedByB()
    {
        var page = await NewPageAsync(pair.A.BaseAddress);
        await SignInAsync(page);

        // Both listen on 127.0.0.1, so the browser sends A's cookie to B: B reads it with the keys in the database.
        var response = await page.GotoAsync(new Uri(pair.B.BaseAddress, "inbox").ToString());

        Assert.NotNull(response);
        Assert.DoesNotContain("/Account/Login", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByTestId("inbox-table")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task LiveUpdate_SlackMessageStoredByB_ShowsInABrowserOnA()
    {
        var page = await NewPageAsync(pair.A.BaseAddress);
        await SignInAsync(page);
        await page.WaitForURLAsync("**/inbox");
        await BrowserSession.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("inbox-table")).ToBeVisibleAsync();
        var waitingBefore = WaitingCount(await page.GetByTestId("inbox-waiting").InnerTextAsync());

        // Slack's Events API reaches instance B only; A never polls in between (its sync runs every minute at most).
        pair.Sandbox.Slack.EventsUrl = new Uri(pair.B.BaseAddress, "slack/events");
        var question = $"Helm upgrade hangs at pre-install hook {Guid.NewGuid():N}"[..52];
        pair.Sandbox.Slack.PostAsUser(Channel, Asker, question);

        await Assertions.Expect(page.GetByTestId("inbox-table").Locator("tr", new() { HasText = question })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        // A's counts were cached before B's write: B's write to the inbox rows told A they are stale.
        await Assertions.Expect(page.GetByTestId("inbox-waiting")).ToHaveTextAsync($"{waitingBefore + 1} waiting for the team");
    }

    private static int WaitingCount(string text) =>
        text.StartsWith("Nobody", StringComparison.Ordinal) ? 0 : int.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);

    private int OpenIssueThrough(Uri instance, string title)
    {
        lock (pair.Sandbox.GitHub)
        {
            pair.Sandbox.GitHub.WebhookTarget = new GitHubWebhookSender(new Uri(instance, "github/webhooks"), WebhookSecret);
            return pair.Sandbox.GitHub.OpenIssue(Owner, Repo, "priya-raman", title, "Stack trace below", ["Triage 👀"]);
        }
    }

    private async Task<IPage> NewPageAsync(Uri baseAddress)
    {
        var context = await (await browser.GetBrowserAsync()).NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });
        context.SetDefaultTimeout(45_000);
        return await context.NewPageAsync();
    }

    private static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(AppFactory.AdminEmail);
        await page.GetByLabel("Password").FillAsync(AppFactory.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await BrowserSession.WaitForInteractiveAsync(page);
    }

    /// <summary>The sandbox, one empty PostgreSQL database and two app processes started on it at the same moment.</summary>
    public sealed class Pair : IAsyncLifetime
    {
        private string _connectionString = "";

        public SandboxServer Sandbox { get; private set; } = null!;

        public AppProcess.Running A { get; private set; } = null!;

        public AppProcess.Running B { get; private set; } = null!;

        public AppDbContext NewContext()
        {
            var options = new DbContextOptionsBuilder<AppDbContext>();
            AppDatabaseOptions.Configure(options, new DatabaseSettings(DatabaseProvider.Postgres, _connectionString));
            return new AppDbContext(options.Options);
        }

        public async ValueTask InitializeAsync()
        {
            _connectionString = await PostgresTestServer.CreateDatabaseAsync(CancellationToken.None, empty: true);
            var limits = SlackRateLimits.Published.Scaled(100);
            Sandbox = await SandboxServer.StartAsync(new SandboxServerOptions { SeedDemoWorkspace = false, SlackRateLimits = limits });
            Sandbox.Slack.AddChannel(Channel, "support");
            Sandbox.Slack.AddUser(new SlackUser { Id = Asker, Name = "priya", RealName = "Priya Raman", TimeZone = "Asia/Kolkata" });
            Sandbox.GitHub.CreateRepository(Owner, Repo, "Two instances");
            Sandbox.GitHub.CreateLabel(Owner, Repo, "Triage 👀", "fbca04");
            var environment = new Dictionary<string, string>
            {
                // Run from the build output, only Development maps Blazor's script from the build's static asset manifest.
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["Database__Provider"] = "Postgres",
                ["ConnectionStrings__Default"] = _connectionString,
                ["Sandbox__Enabled"] = "false",
                ["Admin__Email"] = AppFactory.AdminEmail,
                ["Admin__Password"] = AppFactory.AdminPassword,
                ["Slack__ApiBaseUrl"] = Sandbox.SlackApiBaseUrl.ToString(),
                ["Slack__BotToken"] = Sandbox.Slack.BotToken,
                ["Slack__SigningSecret"] = Sandbox.Slack.SigningSecret,
                ["Slack__SupportChannels__0"] = Channel,
                ["Slack__RateLimitScale"] = limits.Scale.ToString(CultureInfo.InvariantCulture),
                ["GitHub__ApiBaseUrl"] = Sandbox.BaseUrl.ToString(),
                ["GitHub__Token"] = GitHubState.DefaultToken,
                ["GitHub__WebhookSecret"] = WebhookSecret,
                ["GitHub__Repositories__0"] = $"{Owner}/{Repo}",
                ["Sync__GitHubCron"] = "*/10 * * * * *",
            };
            var started = await Task.WhenAll(
                AppProcess.StartAsync(environment, TimeSpan.FromMinutes(3)),
                AppProcess.StartAsync(environment, TimeSpan.FromMinutes(3)));
            (A, B) = (started[0], started[1]);
        }

        public async ValueTask DisposeAsync()
        {
            if (A is not null)
            {
                await A.DisposeAsync();
            }

            if (B is not null)
            {
                await B.DisposeAsync();
            }

            if (Sandbox is not null)
            {
                await Sandbox.DisposeAsync();
            }

            await PostgresTestServer.DropDatabaseAsync(_connectionString);
        }
    }
}
