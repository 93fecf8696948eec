using Microsoft.Playwright;

namespace CommunitySuccess.Tests.TestSupport;

/// <summary>Page helpers every browser test needs: sign in through the real form, wait for the live circuit.</summary>
public static class BrowserSession
{
    public static async Task<IPage> NewPageAsync(BrowserFixture browser, AppFactory app)
    {
        var context = await (await browser.GetBrowserAsync()).NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        // A busy 2-core machine can take well over 15 s to answer a click: wait for conditions, generously.
        context.SetDefaultTimeout(45_000);
        return await context.NewPageAsync();
    }

    public static async Task SignInAsync(IPage page, string email = AppFactory.AdminEmail, string password = AppFactory.AdminPassword)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await WaitForInteractiveAsync(page);
    }

    /// <summary>Clicks before the Blazor circuit is interactive are lost: the layout marks the moment it is.</summary>
    public static Task WaitForInteractiveAsync(IPage page) =>
        page.Locator("#circuit-state[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png"), FullPage = true });
}
