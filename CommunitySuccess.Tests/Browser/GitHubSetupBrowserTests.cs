using CommunitySuccess.Sandbox;
using CommunitySuccess.Sandbox.GitHub;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.Playwright;

namespace CommunitySuccess.Tests.Browser;

/// <summary>Issue 11 items 3 and 7: GitHub setup problems on /settings, each beside its fix.</summary>
public sealed class GitHubSetupBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task CheckGitHubSetup_FineGrainedTokenWithoutIssuesWrite_ShowsThePermissionToGrant()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxServerOptions { SeedDemoWorkspace = false });
        sandbox.GitHub.CreateRepository("acme", "desk", "A repository");
        sandbox.GitHub.Policies.FineGrained = new GitHubFineGrainedToken(Issues: "read");
        await using var app = new AppFactory(s =>
        {
            s["GitHub:ApiBaseUrl"] = sandbox.BaseUrl.ToString();
            s["GitHub:Token"] = GitHubState.DefaultToken;
            s["GitHub:Repositories:0"] = "acme/desk";
        });
        var page = await BrowserSession.NewPageAsync(browser, app);
        await BrowserSession.SignInAsync(page);

        await page.GotoAsync("/settings");
        await BrowserSession.WaitForInteractiveAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check GitHub setup" }).ClickAsync();

        var problems = page.GetByTestId("github-setup-problems");
        await Assertions.Expect(problems).ToContainTextAsync("The token may read acme/desk but not write to its issues");
        await Assertions.Expect(problems).ToContainTextAsync("Grant the token \"Issues: Read and write\" on acme/desk");
        await Assertions.Expect(problems).ToContainTextAsync("Webhooks are off");
        Assert.DoesNotContain(GitHubState.DefaultToken, await page.ContentAsync(), StringComparison.Ordinal);
        await BrowserSession.ScreenshotAsync(page, "settings-github-setup");
    }
}
