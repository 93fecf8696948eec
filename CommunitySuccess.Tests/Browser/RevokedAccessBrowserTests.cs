using CommunitySuccess.Core.Accounts;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CommunitySuccess.Tests.Browser;

/// <summary>
/// Access ends when it is revoked, also in a tab that was open before: the next thing the tab does is refused and
/// the tab lands on the sign-in page.
/// </summary>
public sealed class RevokedAccessBrowserTests(BrowserFixture browser)
{
    private const string Password = "a-long-enough-password";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DisableEngineer_WhileTabOpen_NextClickLandsOnSignIn()
    {
        await using var app = new AppFactory();
        var accounts = await StartAsync(app);
        var engineerId = await CreateAsync(accounts, "eng@example.test", [Roles.Engineer]);
        var page = await BrowserSession.NewPageAsync(browser, app);
        await BrowserSession.SignInAsync(page, "eng@example.test", Password);
        await page.GotoAsync("/search");
        await BrowserSession.WaitForInteractiveAsync(page);

        var disabled = await accounts.SetDisabledAsync(engineerId, disabled: true, await IdOfAsync(accounts, AppFactory.AdminEmail));
        Assert.True(disabled.Succeeded);
        // The circuit's revalidation may send the tab to sign-in before the click; otherwise the click does.
        try
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Community backlog" }).ClickAsync(new() { Timeout = 15_000 });
        }
        catch (TimeoutException) when (page.Url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase))
        {
            // Already on the sign-in page: the link is gone with the circuit.
        }

        await page.WaitForURLAsync("**/Account/Login**");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task RemoveAdminRole_WhileUsersPageOpen_DisableClickIsRefusedAndTabLandsOnSignIn()
    {
        await using var app = new AppFactory();
        var accounts = await StartAsync(app);
        var formerAdminId = await CreateAsync(accounts, "second-admin@example.test", [Roles.Admin, Roles.Engineer]);
        await CreateAsync(accounts, "eng@example.test", [Roles.Engineer]);
        var page = await BrowserSession.NewPageAsync(browser, app);
        await BrowserSession.SignInAsync(page, "second-admin@example.test", Password);
        await page.GotoAsync("/admin/users");
        await BrowserSession.WaitForInteractiveAsync(page);
        var engineerRow = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "eng@example.test" });
        await Assertions.Expect(engineerRow).ToBeVisibleAsync();

        var demoted = await accounts.SetRolesAsync(formerAdminId, [Roles.Engineer], await IdOfAsync(accounts, AppFactory.AdminEmail));
        Assert.True(demoted.Succeeded);
        await engineerRow.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();

        await page.WaitForURLAsync("**/Account/Login**");
        var engineer = (await accounts.ListAsync(Ct)).Single(a => a.Email == "eng@example.test");
        Assert.False(engineer.IsDisabled);
    }

    // Start-up (before the server takes requests) creates the bootstrap admin who makes the changes.
    private static Task<AccountService> StartAsync(AppFactory app)
    {
        app.StartServer();
        return Task.FromResult(app.Services.GetRequiredService<AccountService>());
    }

    private static async Task<string> CreateAsync(AccountService accounts, string email, string[] roles)
    {
        var created = await accounts.CreateUserAsync(email, email, Password, roles);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors));
        return await IdOfAsync(accounts, email);
    }

    private static async Task<string> IdOfAsync(AccountService accounts, string email) =>
        (await accounts.ListAsync(Ct)).Single(a => a.Email == email).Id;
}
