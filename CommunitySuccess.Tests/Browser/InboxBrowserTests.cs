using System.Text.RegularExpressions;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Sandbox;
using CommunitySuccess.Sandbox.Slack;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CommunitySuccess.Tests.Browser;

/// <summary>The inbox in Chromium against the real app and the Slack sandbox on loopback, events and all.</summary>
public sealed partial class InboxBrowserTests(BrowserFixture browser)
{
    private const string Channel = SlackWorkspace.DemoSupportChannelId;
    private const string Priya = "U05PRIYARAM";
    // Each step waits on the app, its background work (outbox, events, sync) and Slack, on a shared 2-core machine
    // that can be very busy: the waits are for conditions, so a generous bound costs nothing when all is quick.
    private const int PatienceMs = 30_000;
    private static readonly TimeSpan SlackTimeout = TimeSpan.FromMilliseconds(PatienceMs);

    static InboxBrowserTests() => Assertions.SetDefaultExpectTimeout(PatienceMs);

    [Fact]
    public async Task Inbox_ReplyOnHoldCloseAndUserAnswer_GoThroughSlackAndShowLive()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await SandboxServer.StartAsync(new SandboxServerOptions { SeedDemoWorkspace = true }, ct);
        await using var app = StartApp(sandbox);
        await app.Services.GetRequiredService<SlackSyncService>().SyncAllAsync(ct, waitForRunning: true);
        var question = "Upgrading to 2.3 fails with error E4711 on the migration step :sob:";
        var ts = sandbox.Slack.PostAsUser(Channel, Priya, question);
        await WaitForAsync(() => ItemIdAsync(app, ts), id => id is not null, "the new thread to be ingested");

        var page = await NewPageAsync(app);
        await BrowserSession.SignInAsync(page);
        // "/" leads an engineer to the inbox.
        await page.WaitForURLAsync("**/inbox");
        // The landing is a new page with a new circuit: a click before it is interactive is lost.
        await BrowserSession.WaitForInteractiveAsync(page);
        var row = page.GetByTestId("inbox-table").Locator("tr", new() { HasText = "error E4711" });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(row.GetByTestId("thread-status")).ToHaveTextAsync("Open");
        await Assertions.Expect(row).ToContainTextAsync("😭");
        await BrowserSession.ScreenshotAsync(page, "inbox-list");

        // Open the thread: its own address, the pane on the right, the list still there.
        await row.ClickAsync();
        // A Blazor navigation changes the address without a page load: poll the address rather than wait for a load.
        await Assertions.Expect(page).ToHaveURLAsync(ThreadUrl());
        var pane = page.GetByTestId("thread-pane");
        await Assertions.Expect(pane.GetByTestId("pane-user")).ToHaveTextAsync("Priya");
        await Assertions.Expect(page.GetByTestId("inbox-table")).ToBeVisibleAsync();
        await Assertions.Expect(pane.GetByTestId("open-in-slack")).ToHaveAttributeAsync("href", new Regex("^https?://"));

        // The keyboard: ? lists the keys, r goes to the reply box.
        await page.Keyboard.PressAsync("?");
        var help = page.Locator(".mud-dialog", new() { HasText = "Next thread" });
        await Assertions.Expect(help).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "inbox-keyboard-help");
        await help.GetByRole(AriaRole.Button, new() { Name = "Got it" }).ClickAsync();
        await Assertions.Expect(help).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("r");
        await Assertions.Expect(page.Locator("#inbox-reply")).ToBeFocusedAsync();

        // Reply: through the outbox into the Slack thread; our own post moves the thread to In Progress.
        await page.Locator("#inbox-reply").FillAsync("Thanks Priya! Could you share the full log of the migration step?");
        await pane.GetByTestId("send-reply").ClickAsync();
        await WaitForAsync(() => Task.FromResult(sandbox.Slack.GetThread(Channel, ts)), thread => thread.Any(m => m.Text.Contains("full log", StringComparison.Ordinal)),
            "the reply to reach the Slack thread");
        var post = Assert.Single(sandbox.Slack.RequestsTo("chat.postMessage"), c => c["thread_ts"] == ts);
        Assert.Equal(Channel, post["channel"]);
        await Assertions.Expect(pane.GetByTestId("thread-status")).ToHaveTextAsync("In Progress");
        await Assertions.Expect(pane.GetByTestId("message").Filter(new() { HasText = "full log" }).GetByTestId("delivery-state")).ToHaveTextAsync("Sent");

        // On Hold: the dialog refuses an empty note, then keeps the reason.
        await pane.GetByRole(AriaRole.Button, new() { Name = "On Hold…" }).ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await dialog.GetByTestId("text-prompt-confirm").ClickAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("On Hold needs a note");
        await page.Locator("#text-prompt-input").FillAsync("Waiting for Priya's migration log.");
        await dialog.GetByTestId("text-prompt-confirm").ClickAsync();
        await Assertions.Expect(pane.GetByTestId("thread-status")).ToHaveTextAsync("On Hold");
        await Assertions.Expect(pane.GetByTestId("on-hold-reason")).ToContainTextAsync("Waiting for Priya's migration log.");
        await BrowserSession.ScreenshotAsync(page, "inbox-thread-on-hold");

        // Closed: our ✅ on the question in Slack.
        await pane.GetByRole(AriaRole.Button, new() { Name = "Closed" }).ClickAsync();
        await Assertions.Expect(pane.GetByTestId("thread-status")).ToHaveTextAsync("Closed");
        await WaitForAsync(() => Task.FromResult(sandbox.Slack.GetReactions(Channel, ts)),
            reactions => reactions.Any(r => r.Name == "white_check_mark" && r.Users.Contains(sandbox.Slack.BotUserId)), "our ✅ on the question");

        // The user answers in Slack: the closed thread re-opens on the open page, without a reload.
        await page.GetByTestId("inbox-views").Locator("[data-view='all']").ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        sandbox.Slack.PostAsUser(Channel, Priya, "Here is the log: `ERROR E4711 duplicate key` — any idea?", ts);
        await Assertions.Expect(pane.GetByTestId("thread-status")).ToHaveTextAsync("Open");
        await Assertions.Expect(row.GetByTestId("thread-status")).ToHaveTextAsync("Open");
        await Assertions.Expect(pane.GetByTestId("message").Last).ToContainTextAsync("ERROR E4711 duplicate key");
        await BrowserSession.ScreenshotAsync(page, "inbox-thread-reopened");

        await page.GetByLabel("Toggle dark mode").ClickAsync();
        await Assertions.Expect(page.Locator("body")).Not.ToHaveCSSAsync("background-color", "rgb(255, 255, 255)");
        await BrowserSession.ScreenshotAsync(page, "inbox-thread-dark");
    }

    [Fact]
    public async Task Inbox_UntrustedSlackText_RendersInertAndKeepsTheLayout()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await SandboxServer.StartAsync(new SandboxServerOptions { SeedDemoWorkspace = true }, ct);
        // Written before the app listens, so the first sync reads them (no events racing it).
        var ts = sandbox.Slack.PostAsUser(Channel, Priya, "Is this safe? <script>window.__xss = 1</script> <img src=x onerror=\"window.__xss = 2\">");
        sandbox.Slack.PostAsUser(Channel, Priya, "Click <javascript:window.__xss=3|here> or <https://example.com/docs|the docs>", ts);
        sandbox.Slack.PostAsUser(Channel, Priya, new string('W', 40_000), ts);
        await using var app = StartApp(sandbox);
        await app.Services.GetRequiredService<SlackSyncService>().SyncAllAsync(ct, waitForRunning: true);
        var threadId = await ItemIdAsync(app, ts);

        var page = await NewPageAsync(app);
        await BrowserSession.SignInAsync(page);
        await page.GotoAsync($"/inbox/{threadId}");
        await BrowserSession.WaitForInteractiveAsync(page);
        var pane = page.GetByTestId("thread-pane");
        await Assertions.Expect(pane.GetByTestId("message")).ToHaveCountAsync(3);

        var bodies = pane.GetByTestId("message-body");
        await Assertions.Expect(bodies.First).ToContainTextAsync("<script>window.__xss = 1</script>");
        Assert.Equal(0, await pane.Locator("[data-testid='message-body'] script, [data-testid='message-body'] img").CountAsync());
        Assert.Equal("https://example.com/docs", await bodies.Nth(1).GetByRole(AriaRole.Link, new() { Name = "the docs" }).GetAttributeAsync("href"));
        Assert.Equal(0, await bodies.Nth(1).Locator("a[href^='javascript']").CountAsync());
        await bodies.Nth(1).GetByText("here").ClickAsync();
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__xss ?? null"));

        // 40,000 characters without a space: the page does not scroll sideways, the pane keeps its width.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        var paneBox = await pane.BoundingBoxAsync();
        Assert.NotNull(paneBox);
        Assert.True(paneBox.X + paneBox.Width <= 1400, $"The pane ends at {paneBox.X + paneBox.Width}px in a 1400px window.");
        await BrowserSession.ScreenshotAsync(page, "inbox-untrusted");
    }

    [Fact]
    public async Task SavedReplies_AdminEditsOne_IsSavedForTheInbox()
    {
        await using var app = new AppFactory();
        var page = await NewPageAsync(app);
        await BrowserSession.SignInAsync(page);

        await page.GotoAsync("/admin/saved-replies");
        await BrowserSession.WaitForInteractiveAsync(page);
        var table = page.GetByTestId("saved-replies-table");
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(4);
        await table.GetByLabel("Edit Asking the team internally").ClickAsync();
        var title = page.Locator(".mud-dialog").GetByLabel("Title");
        await title.FillAsync("Checking with the team");
        await page.GetByTestId("saved-reply-save").ClickAsync();

        await Assertions.Expect(table).ToContainTextAsync("Checking with the team");
        await BrowserSession.ScreenshotAsync(page, "saved-replies");
        var replies = await app.Services.GetRequiredService<SavedReplyService>().ListAsync(TestContext.Current.CancellationToken);
        Assert.Contains(replies, r => r.Title == "Checking with the team" && r.Text.Contains("asking the team internally", StringComparison.Ordinal));
    }

    private async Task<IPage> NewPageAsync(AppFactory app)
    {
        var page = await BrowserSession.NewPageAsync(browser, app);
        page.Context.SetDefaultTimeout(PatienceMs);
        return page;
    }

    private static AppFactory StartApp(SandboxServer sandbox)
    {
        var app = new AppFactory(settings =>
        {
            settings["Slack:ApiBaseUrl"] = sandbox.SlackApiBaseUrl.ToString();
            settings["Slack:BotToken"] = sandbox.Slack.BotToken;
            settings["Slack:SigningSecret"] = sandbox.Slack.SigningSecret;
            settings["Slack:SupportChannels:0"] = Channel;
            settings["Slack:TriageChannel"] = SlackWorkspace.DemoTriageChannelId;
            var team = SlackWorkspace.DemoTeam;
            for (var i = 0; i < team.Count; i++)
            {
                // The signed-in admin is Ana Lima, the first of the team.
                settings[$"Team:Members:{i}:Name"] = team[i].Name;
                settings[$"Team:Members:{i}:Email"] = i == 0 ? AppFactory.AdminEmail : team[i].Email;
                settings[$"Team:Members:{i}:SlackUserId"] = team[i].SlackUserId;
                settings[$"Team:Members:{i}:TimeZone"] = team[i].TimeZone;
            }
        });
        sandbox.Slack.EventsUrl = new Uri(app.BaseAddress, "slack/events");
        return app;
    }

    private static async Task<long?> ItemIdAsync(AppFactory app, string ts)
    {
        var queries = app.Services.GetRequiredService<InboxQueryService>();
        var page = await queries.GetPageAsync(InboxView.All, InboxOrder.Newest, 0, InboxQueryService.MaxPageSize, CancellationToken.None);
        var closed = await queries.GetPageAsync(InboxView.Closed, InboxOrder.Newest, 0, InboxQueryService.MaxPageSize, CancellationToken.None);
        var createdAt = CommunitySuccess.Core.SlackMarkup.SlackTs.ToUtcDateTime(ts);
        return page.Rows.Concat(closed.Rows).FirstOrDefault(r => r.CreatedAt == createdAt && r.UserId == Priya)?.Id;
    }

    /// <summary>Polls a condition that depends on Slack and the app's background work, up to a deadline.</summary>
    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + SlackTimeout;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"/inbox/\d+")]
    private static partial Regex ThreadUrl();
}
