using System.Text;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CommunitySuccess.Tests.Browser;

public sealed class InsightsBrowserTests(BrowserFixture browser)
{
    private static readonly string[] ChartKeys =
    [
        "first-response", "time-to-close", "target", "status-time", "reopened", "onhold-reasons", "per-day", "heat-map", "time-zones",
        "follow-ups", "triage-age", "review", "oncall-load", "oncall-target", "fixed-in",
    ];

    [Fact]
    public async Task Insights_DemoData_RendersEveryChartRangeChangesThemItemsAreOneClickAwayAndCsvDownloads()
    {
        await using var app = new AppFactory(s => s["Sandbox:Enabled"] = "true");
        app.StartServer();
        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await Wait.UntilAsync(
            async () =>
            {
                await using var db = await dbFactory.CreateDbContextAsync(TestContext.Current.CancellationToken);
                return await db.Set<InboxItem>().CountAsync(TestContext.Current.CancellationToken);
            },
            count => count >= 40,
            "the demo workspace is synced",
            TimeSpan.FromSeconds(60));
        var page = await BrowserSession.NewPageAsync(browser, app);
        await BrowserSession.SignInAsync(page);

        // The demo's avatars come from the sandbox over http on loopback: the page's policy lets them load.
        await page.GotoAsync("/inbox");
        await BrowserSession.WaitForInteractiveAsync(page);
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.user-avatar img')].some(i => i.complete && i.naturalWidth > 0)");

        await page.GetByRole(AriaRole.Link, new() { Name = "Insights" }).ClickAsync();
        await page.GetByTestId("range-90").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("days=90"));
        foreach (var key in ChartKeys)
        {
            await Assertions.Expect(page.GetByTestId($"chart-{key}")).ToBeVisibleAsync();
        }

        // The demo's threads have answers, arrive on several days and hours: these charts draw.
        foreach (var key in new[] { "first-response", "per-day", "heat-map", "oncall-load" })
        {
            await Assertions.Expect(page.GetByTestId($"chart-{key}").Locator("svg").First).ToBeVisibleAsync();
        }

        await BrowserSession.ScreenshotAsync(page, "insights-90-days");

        // A click on a bar lists its items: the askers' time zones chart's first bar is the most common zone.
        // MudChart draws a bar as a thick stroke of a zero-width path: click the middle of the stroke, as a mouse would.
        await page.GetByTestId("chart-time-zones").ScrollIntoViewIfNeededAsync();
        var bar = await page.GetByTestId("chart-time-zones").Locator("path.mud-chart-bar").First.BoundingBoxAsync();
        Assert.NotNull(bar);
        await page.Mouse.ClickAsync(bar.X + (bar.Width / 2), bar.Y + (bar.Height / 2));
        await Assertions.Expect(page.GetByTestId("picked-items")).ToContainTextAsync("Askers' time zones: ");
        await Assertions.Expect(page.GetByTestId("picked-items").GetByTestId("picked-item-link").First).ToBeVisibleAsync();
        await page.GetByTestId("chart-heat-map").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "insights-heat-map.png") });
        var perDay = page.GetByTestId("chart-per-day");
        await perDay.GetByTestId("numbers-toggle").ClickAsync();
        await Assertions.Expect(perDay.Locator("tbody tr")).ToHaveCountAsync(90);

        await page.GetByTestId("range-7").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("days=7"));
        await Assertions.Expect(perDay.Locator("tbody tr")).ToHaveCountAsync(7);

        // A point's items, one click away from the chart's numbers, link to the inbox.
        await page.GetByTestId("range-90").ClickAsync();
        var firstResponse = page.GetByTestId("chart-first-response");
        await firstResponse.GetByTestId("numbers-toggle").ClickAsync();
        await firstResponse.GetByTestId("point-items").First.ClickAsync();
        var links = page.GetByTestId("picked-items").GetByTestId("picked-item-link");
        await Assertions.Expect(links.First).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^inbox/\\d+$"));
        await BrowserSession.ScreenshotAsync(page, "insights-picked-items");

        var itemCount = int.Parse((await page.GetByTestId("summary-items").InnerTextAsync()).Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-csv").ClickAsync());
        var path = await download.PathAsync();
        var lines = (await File.ReadAllTextAsync(path, Encoding.UTF8, TestContext.Current.CancellationToken)).TrimEnd('\r', '\n').Split("\r\n");
        Assert.Equal("source,key,asker,created,first_response,closed,waiting_hours,waiting_working_hours,reopens", lines[0].TrimStart('\uFEFF'));
        Assert.Equal(itemCount, lines.Length - 1);
        Assert.True(itemCount >= 40, $"{itemCount} items in the last 90 days");
    }
}
