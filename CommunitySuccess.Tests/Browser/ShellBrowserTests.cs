using CommunitySuccess.Tests.TestSupport;
using Microsoft.Playwright;

namespace CommunitySuccess.Tests.Browser;

public sealed class ShellBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task SignIn_ThroughRealPage_ShowsShellWithUserAndNavigation()
    {
        await using var app = new AppFactory();
        var page = await BrowserSession.NewPageAsync(browser, app);

        await page.GotoAsync("/");
        Assert.Contains("/Account/Login", page.Url, StringComparison.Ordinal);
        await BrowserSession.SignInAsync(page);
        // The bootstrap admin is also an Engineer, and "/" leads an Engineer to the inbox.
        await page.WaitForURLAsync("**/inbox**");
        await BrowserSession.WaitForInteractiveAsync(page);

        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync(AppFactory.AdminEmail);
        await Assertions.Expect(page.Locator(".app-title")).ToHaveTextAsync("CommunitySuccess");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "shell-home");

        await page.GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("users-table")).ToContainTextAsync(AppFactory.AdminEmail);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/Account/Login**");
    }

    [Fact]
    public async Task DarkModeToggle_Click_SwitchesThemeAndIsRemembered()
    {
        await using var app = new AppFactory();
        var page = await BrowserSession.NewPageAsync(browser, app);
        await BrowserSession.SignInAsync(page);
        await page.WaitForURLAsync("**/inbox**");
        await BrowserSession.WaitForInteractiveAsync(page);

        var lightBackground = await BodyBackgroundAsync(page);

        await page.GetByLabel("Toggle dark mode").ClickAsync();

        await Assertions.Expect(page.Locator("body")).Not.ToHaveCSSAsync("background-color", lightBackground);
        var darkBackground = await BodyBackgroundAsync(page);
        await page.ReloadAsync();
        await BrowserSession.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("body")).ToHaveCSSAsync("background-color", darkBackground);
    }

    private static Task<string> BodyBackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
}
