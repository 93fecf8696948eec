using System.Globalization;
using CommunitySuccess.Core.Accounts;
using CommunitySuccess.Core.OnCall;
using CommunitySuccess.Tests.OnCall;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CommunitySuccess.Tests.Browser;

/// <summary>The on-call page and the team page in Chromium; the schedule is set up as in <see cref="OnCallEndpointsTests"/> (Ana today, Ben tomorrow).</summary>
public sealed class OnCallBrowserTests(BrowserFixture browser)
{
    private static string Today => DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task AdminAddsSubstitutionForToday_CalendarAndAppBarShowTheSubstitute()
    {
        await using var app = await OnCallEndpointsTests.StartAsync();
        var page = await BrowserSession.NewPageAsync(browser, app);
        await BrowserSession.SignInAsync(page);

        await page.GotoAsync("/oncall");
        await BrowserSession.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("app-bar-oncall")).ToContainTextAsync("On call: Ana Lima");
        await BrowserSession.ScreenshotAsync(page, "oncall-before-substitution");

        var todayCell = page.Locator($"[data-testid='calendar-day'][data-date='{Today}']");
        await todayCell.ClickAsync();
        await ChooseAsync(page, "substitution-substitute", "Chloé Dubois");
        await page.GetByTestId("substitution-submit").ClickAsync();

        await Assertions.Expect(page.GetByTestId("app-bar-oncall")).ToContainTextAsync("On call: Chloé Dubois");
        await Assertions.Expect(todayCell.GetByTestId("calendar-person")).ToHaveAttributeAsync("title", "Chloé Dubois");
        await Assertions.Expect(todayCell.GetByTestId("calendar-person")).ToHaveTextAsync("Chloé");
        await Assertions.Expect(todayCell.GetByTestId("calendar-substitution")).ToContainTextAsync("for Ana");
        await Assertions.Expect(page.GetByTestId("oncall-today-name")).ToHaveTextAsync("Chloé Dubois");
        await Assertions.Expect(page.GetByTestId("substitution-item")).ToContainTextAsync("Chloé Dubois covers Ana Lima's days");
        await BrowserSession.ScreenshotAsync(page, "oncall-admin-substitution");

        // Every page's app bar says so, not only this one.
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByTestId("app-bar-oncall")).ToContainTextAsync("On call: Chloé Dubois");
    }

    [Fact]
    public async Task EngineerCannotCreateASubstitution_TheServerRefuses()
    {
        await using var app = await OnCallEndpointsTests.StartAsync();
        await OnCallEndpointsTests.CreateAccountAsync(app, "ben@acme.example", "Ben Carter", Roles.Engineer);
        var chloe = (await app.Services.GetRequiredService<OnCallService>().GetSnapshotAsync(TestContext.Current.CancellationToken))
            .People.Values.Single(p => p.Name == "Chloé Dubois").Id;
        var page = await BrowserSession.NewPageAsync(browser, app);
        await BrowserSession.SignInAsync(page, "ben@acme.example", "engineer-password");

        await page.GotoAsync("/oncall");
        await BrowserSession.WaitForInteractiveAsync(page);
        // No admin form: an engineer may only propose, and only for their own days.
        await Assertions.Expect(page.GetByTestId("substitution-submit")).ToHaveTextAsync("Propose substitution");
        await Assertions.Expect(page.GetByTestId("rotation-save")).ToHaveCountAsync(0);

        // Today is Ana's: proposing a cover for it is refused by the server and shown.
        await page.Locator($"[data-testid='calendar-day'][data-date='{Today}']").ClickAsync();
        await ChooseAsync(page, "substitution-substitute", "Chloé Dubois");
        await page.GetByTestId("substitution-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("substitution-error")).ToContainTextAsync("not on call");
        await BrowserSession.ScreenshotAsync(page, "oncall-engineer-refused");

        // Going around the page does not help: the API checks the role too.
        var response = await page.APIRequest.PostAsync("/api/oncall/substitutions", new APIRequestContextOptions
        {
            DataObject = new { startDate = Today, endDate = Today, substituteMemberId = chloe, reason = "Vacation" },
        });

        Assert.Equal(403, response.Status);
        Assert.Empty((await app.Services.GetRequiredService<OnCallService>().GetSnapshotAsync(TestContext.Current.CancellationToken)).Substitutions);
        await Assertions.Expect(page.GetByTestId("app-bar-oncall")).ToContainTextAsync("On call: Ana Lima");
    }

    [Fact]
    public async Task TeamPage_AdminAddsAMember_InvalidTimeZoneIsRefusedThenTheMemberIsListed()
    {
        await using var app = await OnCallEndpointsTests.StartAsync();
        var page = await BrowserSession.NewPageAsync(browser, app);
        await BrowserSession.SignInAsync(page);

        await page.GotoAsync("/admin/team");
        await BrowserSession.WaitForInteractiveAsync(page);
        await page.GetByTestId("team-add").ClickAsync();
        await Field(page, "team-name").FillAsync("Daniel Weber");
        await Field(page, "team-email").FillAsync("daniel@acme.example");
        await Field(page, "team-slack").FillAsync("not a slack id");
        await page.GetByTestId("team-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("team-message")).ToContainTextAsync("Slack user id must look like U0123ABCD");

        await Field(page, "team-slack").FillAsync("U05DANWEBER");
        await Field(page, "team-github").FillAsync("dweber");
        await page.GetByTestId("team-save").ClickAsync();

        await Assertions.Expect(page.GetByTestId("team-message")).ToContainTextAsync("Daniel Weber joined the team");
        await Assertions.Expect(page.GetByTestId("team-table")).ToContainTextAsync("U05DANWEBER");
        await BrowserSession.ScreenshotAsync(page, "team-page");
        var directory = await app.Services.GetRequiredService<CommunitySuccess.Core.Team.TeamService>().GetDirectoryAsync(TestContext.Current.CancellationToken);
        Assert.True(directory.IsTeamSlackUser("U05DANWEBER"));
    }

    /// <summary>A MudTextField's input, wherever MudBlazor puts the test id.</summary>
    private static ILocator Field(IPage page, string testId) =>
        page.Locator($"input[data-testid='{testId}'], [data-testid='{testId}'] input").First;

    /// <summary>Opens a MudSelect and picks an item from its popover.</summary>
    private static async Task ChooseAsync(IPage page, string testId, string item)
    {
        await page.GetByTestId(testId).ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText(item, new() { Exact = true }).ClickAsync();
    }
}
