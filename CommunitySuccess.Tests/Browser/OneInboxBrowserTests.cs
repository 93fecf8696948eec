using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Sandbox.GitHub;
using CommunitySuccess.Tests.GitHub.Integration;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.Playwright;

namespace CommunitySuccess.Tests.Browser;

/// <summary>
/// The one inbox in Chromium: a Slack thread and a GitHub issue handled from <c>/inbox</c> alone, mouse and keyboard,
/// against the real app with the sandbox's Slack (events) and GitHub (webhooks) on loopback.
/// </summary>
public sealed class OneInboxBrowserTests(BrowserFixture browser)
{
    private const int PatienceMs = 30_000;

    static OneInboxBrowserTests() => Assertions.SetDefaultExpectTimeout(PatienceMs);

    [Fact]
    public async Task Inbox_SlackThreadAndGitHubIssue_AreHandledFromOneQueueWithMouseAndKeyboard()
    {
        await using var desk = await GitHubDeskHarness.StartAsync();
        desk.GitHub.WebhookTarget = new GitHubWebhookSender(new Uri(desk.App.BaseAddress, "github/webhooks"), GitHubDeskHarness.WebhookSecret);
        desk.Slack.EventsUrl = new Uri(desk.App.BaseAddress, "slack/events");
        await desk.AskInSlackAsync("The exporter crashes with error E4711 on large files");
        var number = desk.GitHub.OpenIssue(GitHubDeskHarness.Owner, GitHubDeskHarness.Repo, "priya-raman", "Exporter crash E4711 on files over 2 GB", null,
            [GitHubDeskHarness.Triage]);
        var queries = desk.Get<InboxQueryService>();
        await Wait.UntilAsync(() => queries.CountWaitingAsync(TestContext.Current.CancellationToken), n => n == 2, "the thread and the issue to wait for the team");

        var page = await BrowserSession.NewPageAsync(browser, desk.App);
        page.Context.SetDefaultTimeout(PatienceMs);
        await BrowserSession.SignInAsync(page);
        await page.GotoAsync("/inbox");
        await BrowserSession.WaitForInteractiveAsync(page);

        // One queue: both kinds, each marked with its source; the counts cover both.
        var table = page.GetByTestId("inbox-table");
        var slackRow = table.Locator("tr.inbox-row", new() { Has = page.Locator("[data-source=slack]") });
        var issueRow = table.Locator("tr.inbox-row", new() { Has = page.Locator("[data-source=github]") });
        await Assertions.Expect(slackRow).ToContainTextAsync("error E4711");
        await Assertions.Expect(issueRow).ToContainTextAsync($"{GitHubDeskHarness.Repository}#{number}");
        await Assertions.Expect(page.GetByTestId("inbox-waiting")).ToHaveTextAsync("2 waiting for the team");

        // The source filter narrows the queue to GitHub, and back.
        await page.GetByTestId("inbox-sources").Locator("[data-source=github]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("inbox-sources").Locator("[data-source=github]")).ToHaveAttributeAsync("aria-checked", "true");
        Assert.Contains("source=github", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(table.Locator("tr.inbox-row")).ToHaveCountAsync(1);
        await Assertions.Expect(slackRow).ToHaveCountAsync(0);
        await page.GetByTestId("inbox-sources").Locator("[data-source=all]").ClickAsync();
        await Assertions.Expect(table.Locator("tr.inbox-row")).ToHaveCountAsync(2);

        // The Slack thread: reply from its pane; it moves to In Progress.
        await slackRow.ClickAsync();
        var threadPane = page.GetByTestId("thread-pane");
        await page.Locator("#inbox-reply").FillAsync("Thanks! Which version of the exporter is it?");
        await threadPane.GetByTestId("send-reply").ClickAsync();
        await Assertions.Expect(threadPane.GetByTestId("thread-status")).ToHaveTextAsync("In Progress");

        // The keyboard takes us to the issue (k: the waiting issue is now above the answered thread), r to its comment box.
        await page.Locator("body").ClickAsync(new() { Position = new() { X = 5, Y = 5 } });
        await page.Keyboard.PressAsync("k");
        var issuePane = page.GetByTestId("issue-pane");
        await Assertions.Expect(issuePane.GetByTestId("issue-item-key")).ToHaveTextAsync($"{GitHubDeskHarness.Repository}#{number}");
        await Assertions.Expect(issuePane.GetByTestId("issue-detail")).ToBeVisibleAsync();

        // Search first, done for us: the pane shows the earlier Slack thread with the same error, and offers to link it.
        await Assertions.Expect(issuePane.GetByTestId("similar-item")).ToContainTextAsync("error E4711");
        await Assertions.Expect(issuePane.GetByTestId("similar-duplicate")).ToContainTextAsync("Probably asked in Slack too");
        // Its team answer starts the comment, with where it was given.
        await issuePane.GetByTestId("similar-insert").ClickAsync();
        await Assertions.Expect(page.Locator("#issue-comment")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(
            @"^Thanks! Which version of the exporter is it\?\n\n\(Answered earlier: https?://\S+\)$"));
        await page.Locator("body").ClickAsync(new() { Position = new() { X = 5, Y = 5 } });
        await page.Keyboard.PressAsync("r");
        await Assertions.Expect(page.Locator("#issue-comment")).ToBeFocusedAsync();
        await page.Locator("#issue-comment").FillAsync("Thanks for the report, we can reproduce it with a 3 GB file.");
        await issuePane.GetByRole(AriaRole.Button, new() { Name = "Comment", Exact = true }).ClickAsync();

        // The comment reaches GitHub once, and the row reads In Progress.
        await Wait.UntilAsync(() => Task.FromResult(desk.GitHub.GetIssue(GitHubDeskHarness.Owner, GitHubDeskHarness.Repo, number)!.Comments.Count),
            n => n >= 1, "the comment to reach GitHub");
        await Assertions.Expect(issuePane.GetByTestId("thread-status")).ToHaveTextAsync("In Progress");
        await Assertions.Expect(page.GetByTestId("inbox-waiting")).ToHaveTextAsync("Nobody is waiting for the team");
        await Assertions.Expect(page.Locator("[data-testid=nav-inbox-waiting]")).ToHaveCountAsync(0);
        Assert.Single(desk.GitHub.GetIssue(GitHubDeskHarness.Owner, GitHubDeskHarness.Repo, number)!.Comments);

        // Our own comment can be edited from the pane; the edit reaches GitHub and shows in the conversation.
        await issuePane.GetByTestId("issue-comment-edit").ClickAsync();
        await page.Locator("#text-prompt-input").FillAsync("Thanks for the report, we can reproduce it with a 2.5 GB file.");
        await page.GetByTestId("text-prompt-confirm").ClickAsync();
        await Assertions.Expect(issuePane.GetByTestId("issue-comment")).ToContainTextAsync("2.5 GB file");
        Assert.StartsWith("Thanks for the report, we can reproduce it with a 2.5 GB file.",
            Assert.Single(desk.GitHub.GetIssue(GitHubDeskHarness.Owner, GitHubDeskHarness.Repo, number)!.Comments).Body, StringComparison.Ordinal);

        // From the issue's side, find the Slack thread that asked about it and link the two.
        await issuePane.GetByTestId("issue-thread-link-open").ClickAsync();
        await issuePane.Locator("input[data-testid=issue-thread-link-search]").FillAsync("E4711");
        await issuePane.GetByTestId("issue-thread-link-submit").First.ClickAsync();
        await Assertions.Expect(issuePane.GetByTestId("issue-threads")).ToContainTextAsync("error E4711");

        // The list stays readable with the pane open, at 1280 and at 1920 wide.
        foreach (var width in new[] { 1280, 1920 })
        {
            await page.SetViewportSizeAsync(width, 900);
            // The list re-renders after a resize and after each change: measure once the cell is laid out again.
            var question = table.GetByTestId("row-question").First;
            await Assertions.Expect(question).ToBeVisibleAsync();
            var box = await Wait.UntilAsync(() => question.BoundingBoxAsync(), b => b is not null, $"the question column to be laid out at {width} px");
            Assert.True(box is { Width: >= 240 }, $"At {width} px the question column is {box?.Width} px wide.");
            await BrowserSession.ScreenshotAsync(page, $"one-inbox-pane-{width}");
        }

        // e closes the issue as answered: the Triage label goes on GitHub.
        await page.Locator("body").ClickAsync(new() { Position = new() { X = 5, Y = 5 } });
        await page.Keyboard.PressAsync("e");
        await Assertions.Expect(issuePane.GetByTestId("thread-status")).ToHaveTextAsync("Closed");
        await Wait.UntilAsync(() => Task.FromResult(desk.GitHub.GetIssue(GitHubDeskHarness.Owner, GitHubDeskHarness.Repo, number)!.Labels),
            labels => !labels.Contains(GitHubDeskHarness.Triage), "the Triage label to leave the issue");
    }
}
