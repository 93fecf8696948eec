using CommunitySuccess.Core.Accounts;
using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Sandbox;
using CommunitySuccess.Sandbox.GitHub;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CommunitySuccess.Tests.Browser;

public sealed class ReviewBrowserTests(BrowserFixture browser)
{
    private const string Repo = "acme/board";

    [Fact]
    public async Task Decide_CommunityAndContribution_WritesLabelsShowsHistoryAndBacklog()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxServerOptions { SeedDemoWorkspace = false });
        sandbox.GitHub.CreateRepository("acme", "board");
        var number = sandbox.GitHub.OpenIssue("acme", "board", "priya-raman", "Export threads as CSV", "It would help our weekly report.", ["Product review"]);
        await using var app = new AppFactory(s =>
        {
            s["GitHub:ApiBaseUrl"] = sandbox.BaseUrl.ToString();
            s["GitHub:Token"] = sandbox.GitHub.Token;
            s["GitHub:Repositories:0"] = Repo;
        });
        app.StartServer();
        await app.Services.GetRequiredService<GitHubSyncService>().SyncAllAsync(TestContext.Current.CancellationToken);
        var page = await BrowserSession.NewPageAsync(browser, app);
        await BrowserSession.SignInAsync(page);

        await page.GotoAsync("/review");
        await BrowserSession.WaitForInteractiveAsync(page);
        var card = page.GetByTestId("review-card").Filter(new() { HasText = "Export threads as CSV" });
        await card.GetByLabel("Community").CheckAsync();
        await card.GetByLabel("Contribution").CheckAsync();
        await card.GetByPlaceholder("Note (why)").FillAsync("Small and well scoped");
        await BrowserSession.ScreenshotAsync(page, "review-before-decide");
        await card.GetByRole(AriaRole.Button, new() { Name = "Decide" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("review-message")).ToContainTextAsync("decided");

        await Assertions.Expect(page.GetByTestId("column-community")).ToContainTextAsync("Export threads as CSV");
        await Assertions.Expect(page.GetByTestId("column-contribution")).ToContainTextAsync("Export threads as CSV");
        await Assertions.Expect(page.GetByTestId("review-history")).ToContainTextAsync("1 community backlog, 1 open to contribution");
        await BrowserSession.ScreenshotAsync(page, "review-board");
        await WaitForAsync(() =>
        {
            var labels = sandbox.GitHub.GetIssue("acme", "board", number)!.Labels;
            return labels.Contains("Community") && labels.Contains("Open to contribution") && !labels.Contains("Product review");
        });

        await page.GotoAsync("/backlog");
        await BrowserSession.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("backlog-OpenToContribution")).ToContainTextAsync("Export threads as CSV");
        await BrowserSession.ScreenshotAsync(page, "backlog");
    }

    [Fact]
    public async Task Review_AsEngineer_IsReadOnly()
    {
        await using var app = new AppFactory();
        app.StartServer();
        await app.Services.GetRequiredService<AccountService>().CreateUserAsync("eng@example.test", "Eng", "engineer-password", [Roles.Engineer]);
        var page = await BrowserSession.NewPageAsync(browser, app);
        await BrowserSession.SignInAsync(page, "eng@example.test", "engineer-password");

        await page.GotoAsync("/review");
        await BrowserSession.WaitForInteractiveAsync(page);

        await Assertions.Expect(page.GetByTestId("read-only")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Decide" })).ToHaveCountAsync(0);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            await Task.Delay(100, timeout.Token);
        }
    }
}
