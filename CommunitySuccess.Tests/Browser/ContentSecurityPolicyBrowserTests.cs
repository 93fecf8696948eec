using CommunitySuccess.Tests.TestSupport;
using Microsoft.Playwright;

namespace CommunitySuccess.Tests.Browser;

/// <summary>The app works under its Content-Security-Policy: every page becomes interactive and nothing is blocked.</summary>
public sealed class ContentSecurityPolicyBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task EveryPage_UnderThePolicy_IsInteractiveWithoutViolations()
    {
        await using var app = new AppFactory();
        var page = await BrowserSession.NewPageAsync(browser, app);
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };
        // Also the events the browser raises for each blocked load or script (a console message can be missed).
        await page.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));");

        await BrowserSession.SignInAsync(page);
        foreach (var path in new[] { "/inbox", "/github", "/review", "/backlog", "/oncall", "/insights", "/search?q=export", "/admin/users", "/admin/team", "/admin/saved-replies", "/settings" })
        {
            await page.GotoAsync(path);
            await BrowserSession.WaitForInteractiveAsync(page);
        }

        // A live action under the policy: the theme toggle runs through the circuit and MudBlazor's styles.
        var before = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        await page.GetByLabel("Toggle dark mode").ClickAsync();
        await Assertions.Expect(page.Locator("body")).Not.ToHaveCSSAsync("background-color", before);
        Assert.Empty(violations);
    }
}
