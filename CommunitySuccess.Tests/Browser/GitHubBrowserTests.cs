using System.Text.RegularExpressions;
using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Tests.GitHub.Integration;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace CommunitySuccess.Tests.Browser;

/// <summary>The GitHub desk in Chromium against the real app and the sandbox: triage, thread ↔ issue, "fixed in".</summary>
public sealed partial class GitHubBrowserTests(BrowserFixture browser)
{
    private const string O = GitHubDeskHarness.Owner;
    private const string R = GitHubDeskHarness.Repo;

    [Fact]
    public async Task Triage_NeedsProductReview_SwapsTheLabelsOnTheSandboxIssue()
    {
        await using var desk = await GitHubDeskHarness.StartAsync();
        var number = desk.GitHub.OpenIssue(O, R, "priya-raman", "Sync stops after the laptop sleeps",
            "After resume the tray icon says **Syncing** forever.\n\n```\nacme-sync 1.4.0\n```\n<img src=x onerror=\"window.__pwned = 1\"> <script>window.__pwned = 2</script> [docs](javascript:window.__pwned=3)",
            [GitHubDeskHarness.Triage, "bug"]);
        desk.GitHub.Comment(O, R, number, "kenji-w", "Same here on **macOS 14**, +1");
        desk.GitHub.OpenIssue(O, R, "lucas-oliveira", "Docs: how to rotate the API token?", null, [GitHubDeskHarness.Triage]);
        await desk.SyncGitHubAsync();
        var page = await BrowserSession.NewPageAsync(browser, desk.App);
        await BrowserSession.SignInAsync(page);

        await page.GotoAsync("/github");
        await BrowserSession.WaitForInteractiveAsync(page);
        var row = page.Locator($"[data-testid=queue-row][data-key='{GitHubDeskHarness.Repository}#{number}']");
        await Assertions.Expect(page.GetByTestId("queue-row")).ToHaveCountAsync(2);
        await row.ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/github/{O}/{R}/{number}"));
        await Assertions.Expect(page.GetByTestId("issue-title")).ToContainTextAsync("Sync stops after the laptop sleeps");
        await Assertions.Expect(page.GetByTestId("issue-body").Locator("strong")).ToHaveTextAsync("Syncing");
        await Assertions.Expect(page.GetByTestId("issue-comment")).ToContainTextAsync("macOS 14");
        await BrowserSession.ScreenshotAsync(page, "github-triage-detail");

        await page.GetByRole(AriaRole.Button, new() { Name = "Needs product review" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("issue-write")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-testid=issue-write][data-status=sent]")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("issue-labels")).ToContainTextAsync(GitHubDeskHarness.ProductReview);
        await Assertions.Expect(page.GetByTestId("queue-row")).ToHaveCountAsync(1);
        var labels = desk.GitHub.GetIssue(O, R, number)!.Labels;
        Assert.Contains(GitHubDeskHarness.ProductReview, labels);
        Assert.DoesNotContain(GitHubDeskHarness.Triage, labels);
        Assert.Contains("bug", labels);

        // The hostile markup in the body rendered inert.
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__pwned"));
        Assert.Equal(0, await page.GetByTestId("issue-body").Locator("script, [onerror], a[href^='javascript']").CountAsync());
        await BrowserSession.ScreenshotAsync(page, "github-triage-after-product-review");
    }

    [Fact]
    public async Task Thread_CreateIssueThenReleaseAfterClose_IssueInSandboxThreadClosedAndNotifiedOnce()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-6));
        await using var desk = await GitHubDeskHarness.StartAsync(sandboxTime: clock);
        desk.GitHub.PublishRelease(O, R, "v1.3.0", "Acme Sync 1.3.0", "Earlier release");
        clock.Advance(TimeSpan.FromMinutes(30));
        var threadId = await desk.AskInSlackAsync("Uploads of files over 2 GB fail with `413 Payload Too Large` behind our nginx proxy");
        var thread = await desk.ThreadAsync(threadId);
        var page = await BrowserSession.NewPageAsync(browser, desk.App);
        await BrowserSession.SignInAsync(page);

        // Create GitHub issue from the thread.
        await page.GotoAsync($"/github/threads/{threadId}");
        await BrowserSession.WaitForInteractiveAsync(page);
        await page.GetByTestId("create-issue-open").ClickAsync();
        var title = Field(page, "create-issue-title");
        await Assertions.Expect(title).ToHaveValueAsync(new Regex("Uploads of files over 2 GB fail"));
        await Assertions.Expect(Field(page, "create-issue-body")).ToHaveValueAsync(new Regex(Regex.Escape(desk.Slack.Permalink(GitHubDeskHarness.SupportChannel, thread.Ts))));
        await title.FillAsync("Uploads over 2 GB fail behind nginx (413)");
        await BrowserSession.ScreenshotAsync(page, "github-thread-create-form");
        await page.GetByTestId("create-issue-submit").ClickAsync();

        var link = page.GetByTestId("thread-issue-link");
        await Assertions.Expect(link).ToHaveAttributeAsync("data-state", "open");
        await Assertions.Expect(page.GetByTestId("thread-status")).ToHaveTextAsync("Closed");
        await desk.WaitForOutboxSentAsync();
        var created = Assert.Single(desk.GitHub.GetIssues(O, R));
        Assert.Equal("Uploads over 2 GB fail behind nginx (413)", created.Title);
        Assert.Contains(GitHubDeskHarness.Triage, created.Labels);
        Assert.Equal(ThreadStatus.Closed, (await desk.ThreadAsync(threadId)).Status);
        Assert.Single(desk.Slack.GetThread(GitHubDeskHarness.SupportChannel, thread.Ts), m => m.Text.Contains($"{GitHubDeskHarness.Repository}#{created.Number}", StringComparison.Ordinal));
        await Assertions.Expect(link).ToHaveAttributeAsync("data-key", $"{GitHubDeskHarness.Repository}#{created.Number}");
        await BrowserSession.ScreenshotAsync(page, "github-thread-linked");

        // The issue carries the link back to the thread on /github.
        await page.GotoAsync("/github");
        await BrowserSession.WaitForInteractiveAsync(page);
        await page.Locator($"[data-testid=queue-row][data-key='{GitHubDeskHarness.Repository}#{created.Number}']").ClickAsync();
        await Assertions.Expect(page.GetByTestId("issue-threads")).ToContainTextAsync("Uploads of files over 2 GB fail");

        // Fixed and released: the thread is ready to be told, once.
        clock.Advance(TimeSpan.FromHours(1));
        desk.GitHub.Close(O, R, created.Number, GitHubDeskHarness.AnaLogin);
        clock.Advance(TimeSpan.FromHours(1));
        desk.GitHub.PublishRelease(O, R, "v1.4.0", "Acme Sync 1.4.0", "Large uploads behind proxies");
        await desk.SyncGitHubAsync();

        await page.GotoAsync("/github?queue=notify");
        await BrowserSession.WaitForInteractiveAsync(page);
        var card = page.GetByTestId("notify-card");
        await Assertions.Expect(card).ToHaveCountAsync(1);
        await Assertions.Expect(Field(card, "notify-message")).ToHaveValueAsync(new Regex("v1\\.4\\.0"));
        await BrowserSession.ScreenshotAsync(page, "github-ready-to-notify");
        await card.GetByTestId("notify-button").ClickAsync();

        await Assertions.Expect(page.GetByTestId("notify-result")).ToContainTextAsync("Posting to 1 thread");
        await Assertions.Expect(page.GetByTestId("notify-empty")).ToBeVisibleAsync();
        await desk.WaitForOutboxSentAsync();
        var released = desk.Slack.GetThread(GitHubDeskHarness.SupportChannel, thread.Ts).Where(m => m.Text.Contains("v1.4.0", StringComparison.Ordinal)).ToList();
        var message = Assert.Single(released);
        Assert.Contains(desk.GitHub.GetReleases(O, R).Single(r => r.TagName == "v1.4.0").TagName, message.Text, StringComparison.Ordinal);

        // A second notify finds nothing to do: no second post.
        var again = await desk.Get<ReleaseNotificationService>().NotifyAsync(GitHubDeskHarness.Repository, created.Number, null, new AppActor("Ana Lima", AppFactory.AdminEmail), TestContext.Current.CancellationToken);
        await page.ReloadAsync();
        await BrowserSession.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("notify-empty")).ToBeVisibleAsync();
        Assert.False(again.Succeeded);
        Assert.Single(desk.Slack.GetThread(GitHubDeskHarness.SupportChannel, thread.Ts), m => m.Text.Contains("v1.4.0", StringComparison.Ordinal));
        Assert.Single(await desk.OutboxAsync(), m => m.Kind == OutboxKinds.SlackPostMessage && m.PayloadJson.Contains("v1.4.0", StringComparison.Ordinal));
        await page.GotoAsync($"/github/threads/{threadId}");
        await Assertions.Expect(page.GetByTestId("thread-issue-link")).ToHaveAttributeAsync("data-state", "released");
        await BrowserSession.ScreenshotAsync(page, "github-thread-released");
    }

    [Fact]
    public async Task Thread_LinkExistingIssueByTitle_LinksPostsAndCloses()
    {
        await using var desk = await GitHubDeskHarness.StartAsync();
        var number = desk.GitHub.OpenIssue(O, R, "kenji-w", "Webhook deliveries arrive twice", "Seen since 1.4.0.", [GitHubDeskHarness.Triage]);
        desk.GitHub.OpenIssue(O, R, "emily-chen", "Dark mode for the dashboard", null);
        await desk.SyncGitHubAsync();
        var threadId = await desk.AskInSlackAsync("We get every webhook two times, is that known?");
        var page = await BrowserSession.NewPageAsync(browser, desk.App);
        await BrowserSession.SignInAsync(page);

        await page.GotoAsync($"/github/threads/{threadId}");
        await BrowserSession.WaitForInteractiveAsync(page);
        await page.GetByTestId("link-issue-open").ClickAsync();
        await Field(page, "link-issue-search").FillAsync("webhook");
        var result = page.GetByTestId("link-issue-result");
        await Assertions.Expect(result).ToHaveCountAsync(1);
        await BrowserSession.ScreenshotAsync(page, "github-thread-link-search");
        await result.GetByTestId("link-issue-submit").ClickAsync();

        await Assertions.Expect(page.GetByTestId("thread-issue-link")).ToHaveAttributeAsync("data-key", $"{GitHubDeskHarness.Repository}#{number}");
        await Assertions.Expect(page.GetByTestId("thread-status")).ToHaveTextAsync("Closed");
        await desk.WaitForOutboxSentAsync();
        var ts = (await desk.ThreadAsync(threadId)).Ts;
        Assert.Single(desk.Slack.GetThread(GitHubDeskHarness.SupportChannel, ts), m => m.Text.Contains("Webhook deliveries arrive twice", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GitHubPage_DemoRepository_ShowsEachQueueWithoutBotsAndAnIssueAtItsOwnAddress()
    {
        // The demo repository acme/widgets (the sandbox's seed), with the whole demo team.
        await using var desk = await GitHubDeskHarness.StartAsync(s =>
        {
            s["GitHub:Repositories:0"] = "acme/widgets";
            s["Team:Members:2:Name"] = "Chloé Dubois";
            s["Team:Members:2:Email"] = "chloe@example.test";
            s["Team:Members:2:GitHubLogin"] = "chloe-dubois";
            s["Team:Members:3:Name"] = "Daniel Weber";
            s["Team:Members:3:Email"] = "daniel@example.test";
            s["Team:Members:3:GitHubLogin"] = "dweber";
        });
        desk.GitHub.SeedDemo();
        await desk.SyncGitHubAsync();
        var app = desk.App;
        var page = await BrowserSession.NewPageAsync(browser, app);
        await BrowserSession.SignInAsync(page);

        await page.GotoAsync("/github");
        await BrowserSession.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("queue-row").First).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "github-demo-triage");
        foreach (var queue in new[] { "awaiting", "prs" })
        {
            await page.GotoAsync($"/github?queue={queue}");
            await BrowserSession.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.GetByTestId("queue-row").First).ToBeVisibleAsync();
            Assert.Equal(0, await page.Locator("[data-testid=queue-row]", new() { HasText = "[bot]" }).CountAsync());
            await BrowserSession.ScreenshotAsync(page, $"github-demo-{queue}");
        }

        var first = page.GetByTestId("queue-row").First;
        var key = await first.GetAttributeAsync("data-key");
        await first.ClickAsync();
        await Assertions.Expect(page.GetByTestId("issue-detail")).ToHaveAttributeAsync("data-key", key!);
        await BrowserSession.ScreenshotAsync(page, "github-demo-pr-detail");

        // The address alone opens the same issue.
        var url = page.Url;
        await page.GotoAsync(url);
        await BrowserSession.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("issue-detail")).ToHaveAttributeAsync("data-key", key!);
    }

    [Fact]
    public async Task Settings_GitHubTestConnection_ShowsTheTokensAccountSyncHealthAndRateLimit()
    {
        await using var desk = await GitHubDeskHarness.StartAsync();
        desk.GitHub.OpenIssue(O, R, "kenji-w", "Anything", null);
        await desk.SyncGitHubAsync();
        var page = await BrowserSession.NewPageAsync(browser, desk.App);
        await BrowserSession.SignInAsync(page);

        await page.GotoAsync("/settings");
        await BrowserSession.WaitForInteractiveAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Test GitHub connection" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("github-test-result")).ToContainTextAsync("Connected to GitHub as acme-community-bot");
        await Assertions.Expect(page.GetByTestId("github-health")).ToContainTextAsync(GitHubDeskHarness.Repository);
        await Assertions.Expect(page.GetByTestId("github-rate-limit")).ToContainTextAsync("of 5000 left");
        Assert.DoesNotContain(CommunitySuccess.Sandbox.GitHub.GitHubState.DefaultToken, await page.ContentAsync(), StringComparison.Ordinal);
        await BrowserSession.ScreenshotAsync(page, "settings-github");
    }

    /// <summary>A MudTextField's input or textarea by its data-testid (MudBlazor puts extra attributes on the input itself).</summary>
    private static ILocator Field(IPage page, string testId) => page.Locator(FieldSelector(testId));

    private static ILocator Field(ILocator scope, string testId) => scope.Locator(FieldSelector(testId));

    private static string FieldSelector(string testId) =>
        $"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea";
}
