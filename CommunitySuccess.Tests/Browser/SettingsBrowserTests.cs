using CommunitySuccess.Core.Slack;
using CommunitySuccess.Sandbox;
using CommunitySuccess.Sandbox.Slack;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CommunitySuccess.Tests.Browser;

public sealed class SettingsBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task TestConnection_SandboxToken_ShowsWorkspaceAndChannelSyncHealth()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxServerOptions());
        await using var app = new AppFactory(s => UseSandbox(s, sandbox, sandbox.Slack.BotToken));
        app.StartServer();
        await app.Services.GetRequiredService<SlackSyncService>().SyncAllAsync(TestContext.Current.CancellationToken);
        var page = await BrowserSession.NewPageAsync(browser, app);
        await BrowserSession.SignInAsync(page);

        await page.GotoAsync("/settings");
        await BrowserSession.WaitForInteractiveAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Test connection" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("slack-test-result")).ToContainTextAsync("Connected to Acme Community");
        await Assertions.Expect(page.GetByTestId("slack-health")).ToContainTextAsync(SlackWorkspace.DemoSupportChannelId);
        await Assertions.Expect(page.GetByTestId("slack-health")).ToContainTextAsync("done");
        await BrowserSession.ScreenshotAsync(page, "settings-slack");
    }

    [Fact]
    public async Task TestConnection_WrongToken_ShowsSlacksErrorWithoutTheToken()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxServerOptions { SeedDemoWorkspace = false });
        await using var app = new AppFactory(s => UseSandbox(s, sandbox, "xoxb-wrong-token-123"));
        var page = await BrowserSession.NewPageAsync(browser, app);
        await BrowserSession.SignInAsync(page);

        await page.GotoAsync("/settings");
        await BrowserSession.WaitForInteractiveAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Test connection" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("slack-test-result")).ToContainTextAsync("Slack refused: invalid_auth");
        Assert.DoesNotContain("xoxb-wrong-token-123", await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckSetup_PrivateTriageChannelWithoutTheBot_ListsInviteFixAndShowsBackfillDone()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxServerOptions());
        sandbox.Slack.AddChannel("G0TEAMONLY1", "team-only", isPrivate: true, inviteBot: false);
        await using var app = new AppFactory(s =>
        {
            UseSandbox(s, sandbox, sandbox.Slack.BotToken);
            s["Slack:TriageChannel"] = "G0TEAMONLY1";
        });
        app.StartServer();
        await app.Services.GetRequiredService<SlackSyncService>().SyncAllAsync(TestContext.Current.CancellationToken);
        var page = await BrowserSession.NewPageAsync(browser, app);
        await BrowserSession.SignInAsync(page);

        await page.GotoAsync("/settings");
        await BrowserSession.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("slack-backfill-summary")).ToContainTextAsync("Backfill done");
        await Assertions.Expect(page.GetByTestId("slack-backfill")).ToContainTextAsync("#support");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check setup" }).ClickAsync();

        var problem = page.GetByTestId("setup-problem");
        await Assertions.Expect(problem).ToContainTextAsync("G0TEAMONLY1");
        await Assertions.Expect(problem).ToContainTextAsync("/invite @community-success");
        await Assertions.Expect(page.GetByTestId("setup-check")).ToContainTextAsync("Connected to Acme Community");
    }

    private static void UseSandbox(Dictionary<string, string?> settings, SandboxServer sandbox, string token)
    {
        settings["Slack:ApiBaseUrl"] = sandbox.SlackApiBaseUrl.ToString();
        settings["Slack:BotToken"] = token;
        settings["Slack:SigningSecret"] = sandbox.Slack.SigningSecret;
        settings["Slack:SupportChannels:0"] = SlackWorkspace.DemoSupportChannelId;
    }
}
