using Bunit;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Web.Components.Pages.Inbox;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySuccess.Tests.Inbox.Ui;

public sealed class InboxPageTests : IAsyncDisposable
{
    private const string Priya = "U0PRIYA";
    private const string Kenji = "U0KENJI";
    private const string Lukas = "U0LUKAS";
    private const string Nobody = "U0NOZONE";

    private readonly InboxUiHost _host = new();

    public InboxPageTests()
    {
        _host.AddUser(Priya, "Priya", "Asia/Kolkata");
        _host.AddUser(Kenji, "Kenji", "Asia/Tokyo");
        _host.AddUser(Lukas, "Lukas", "Europe/Berlin");
        _host.AddUser(Nobody, "Sam", null);
    }

    [Fact]
    public void Rows_WaitingThread_ShowUserQuestionChannelStatusAgeCountAndLocalTime()
    {
        _host.AddThread(Priya, "Hi <@U0KENJI>, the *sync* fails :tada:\nsecond line", TimeSpan.FromHours(3), timeZone: "Asia/Kolkata", messageCount: 4);

        var row = RenderPage().WaitForElement("tr.inbox-row");

        Assert.Equal("Priya", row.QuerySelector("[data-testid=row-user]")!.TextContent);
        Assert.Equal("Hi @Kenji, the sync fails 🎉", row.QuerySelector("[data-testid=row-question]")!.TextContent);
        Assert.Contains("#" + InboxUiHost.Channel, row.TextContent, StringComparison.Ordinal);
        Assert.Equal("Open", row.QuerySelector("[data-testid=thread-status]")!.TextContent.Trim());
        Assert.Contains("3h old", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("3h in status", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("4", row.QuerySelector(".row-count")!.TextContent, StringComparison.Ordinal);
        // 10:00 UTC on a Monday is 15:30 in India: inside working hours.
        var local = row.QuerySelector("[data-testid=row-local-time]")!;
        Assert.Equal("15:30 Mon", local.TextContent.Trim());
        Assert.Contains("awake", local.ClassList);
        Assert.Null(row.QuerySelector("[data-testid=row-follow-up]"));
    }

    [Fact]
    public void Rows_StatusesAndFlag_ReadExactlyAsPeopleSayThem()
    {
        _host.AddThread(Kenji, "In progress one", TimeSpan.FromHours(5), ThreadStatus.InProgress, waiting: false, needsFollowUp: true, timeZone: "Asia/Tokyo");
        _host.AddThread(Lukas, "On hold one", TimeSpan.FromHours(4), ThreadStatus.OnHold, waiting: false, timeZone: "Europe/Berlin");

        var cut = RenderPage();
        cut.WaitForState(() => cut.FindAll("tr.inbox-row").Count == 2);

        var statuses = cut.FindAll("tr.inbox-row [data-testid=thread-status]").Select(s => s.TextContent.Trim()).Order().ToList();
        Assert.Equal(["In Progress", "On Hold"], statuses);
        Assert.Equal("Needs follow-up", cut.Find("[data-testid=row-follow-up]").TextContent.Trim());
        // 19:00 in Tokyo: outside working hours.
        Assert.Contains("asleep", cut.FindAll("[data-testid=row-local-time]").Single(e => e.TextContent.Contains("19:00", StringComparison.Ordinal)).ClassList);
    }

    [Fact]
    public void Filters_EachView_ShowsItsThreadsAndCounts()
    {
        _host.AddThread(Priya, "open question", TimeSpan.FromHours(1));
        _host.AddThread(Kenji, "in progress question", TimeSpan.FromHours(2), ThreadStatus.InProgress, waiting: false, needsFollowUp: true);
        _host.AddThread(Lukas, "on hold question", TimeSpan.FromHours(3), ThreadStatus.OnHold, waiting: false);
        _host.AddThread(Priya, "closed question", TimeSpan.FromHours(4), ThreadStatus.Closed, waiting: false, referred: true);
        _host.AddThread(Nobody, "buy cheap watches", TimeSpan.FromHours(5), notSupport: true);

        var cut = RenderPage();

        // All: every thread that is not Closed, and no announcement or spam.
        Assert.Equal(["in progress question", "on hold question", "open question"], Questions(cut, 3).Order());
        Assert.Equal("3", ViewCount(cut, "all"));
        Assert.Equal("1", ViewCount(cut, "not-support"));

        var expected = new Dictionary<string, string>
        {
            ["open"] = "open question",
            ["in-progress"] = "in progress question",
            ["on-hold"] = "on hold question",
            ["needs-follow-up"] = "in progress question",
            ["closed"] = "closed question",
            ["referred"] = "closed question",
            ["not-support"] = "buy cheap watches",
        };
        foreach (var (view, question) in expected)
        {
            cut.Find($"[data-view='{view}']").Click();
            cut.WaitForAssertion(() => Assert.Equal([question], Questions(cut, 1)));
            Assert.Equal("true", cut.Find($"[data-view='{view}']").GetAttribute("aria-selected"));
            Assert.EndsWith($"inbox?view={view}", _host.Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Order_AwakeFirst_AwakeThenUnknownZoneThenAsleepEachLongestWaitFirstThenTheRest()
    {
        // Monday 10:00 UTC: Kenji (Tokyo, 19:00) is off work; Lukas (Berlin, 11:00) works; Sam's zone is unknown.
        _host.AddThread(Kenji, "kenji waits longest", TimeSpan.FromHours(9), timeZone: "Asia/Tokyo");
        _host.AddThread(Lukas, "lukas waits 1h", TimeSpan.FromHours(1), timeZone: "Europe/Berlin");
        _host.AddThread(Nobody, "sam waits 2h", TimeSpan.FromHours(2));
        _host.AddThread(Priya, "priya answered by the team", TimeSpan.FromDays(3), ThreadStatus.InProgress, waiting: false, timeZone: "Asia/Kolkata");

        var cut = RenderPage();

        Assert.Equal(["lukas waits 1h", "sam waits 2h", "kenji waits longest", "priya answered by the team"], Questions(cut, 4));
    }

    [Theory]
    [InlineData("oldest", new[] { "asked 3 days ago", "asked 2 hours ago", "asked now" })]
    [InlineData("newest", new[] { "asked now", "asked 2 hours ago", "asked 3 days ago" })]
    public void Order_OldestAndNewest_FollowTheAskedTime(string order, string[] expected)
    {
        _host.AddThread(Priya, "asked 2 hours ago", TimeSpan.FromHours(2));
        _host.AddThread(Kenji, "asked now", TimeSpan.FromMinutes(1), ThreadStatus.InProgress, waiting: false);
        _host.AddThread(Lukas, "asked 3 days ago", TimeSpan.FromDays(3), ThreadStatus.OnHold, waiting: false);
        _host.Services.GetRequiredService<NavigationManager>().NavigateTo($"inbox?order={order}");

        var cut = RenderPage();

        Assert.Equal(expected, Questions(cut, 3));
    }

    [Fact]
    public void Row_Click_OpensTheThreadAtItsOwnAddressNextToTheList()
    {
        var id = _host.ItemIdOf(_host.AddThread(Priya, "please help", TimeSpan.FromHours(1)));
        var cut = RenderPage();
        cut.WaitForElement("tr.inbox-row").Click();

        Assert.EndsWith($"/inbox/{id}", _host.Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
        var withPane = _host.Render<InboxPage>(p => p.Add(x => x.ItemId, id));
        withPane.WaitForAssertion(() => Assert.Equal("Priya", withPane.Find("[data-testid=pane-user]").TextContent));
        Assert.Single(withPane.FindAll("tr.inbox-row"));
        Assert.Contains("inbox-row-open", withPane.Find("tr.inbox-row").ClassList);
    }

    [Fact]
    public async Task LiveUpdate_ThreadArrivesFromSlack_AppearsWithoutReload()
    {
        var cut = RenderPage();
        cut.WaitForElement("[data-testid=inbox-empty]");
        _host.ForgetTimers();

        var id = _host.AddThread(Priya, "brand new question", TimeSpan.Zero);
        _host.Get<CommunitySuccess.Core.Notifications.ChangeNotifier>().Notify(CommunitySuccess.Core.Notifications.ChangeArea.Thread, id);
        // The page gathers a burst of changes for a moment before it reloads.
        await _host.AdvanceOnceWaitingAsync(TimeSpan.FromSeconds(1));

        Assert.Equal(["brand new question"], Questions(cut, 1));
        Assert.Equal("1", ViewCount(cut, "all"));
    }

    [Fact]
    public void Keyboard_JThenEnter_OpensTheNextThread()
    {
        _host.AddThread(Priya, "first", TimeSpan.FromHours(2));
        var second = _host.ItemIdOf(_host.AddThread(Kenji, "second", TimeSpan.FromHours(1)));
        var cut = RenderPage();
        cut.WaitForState(() => cut.FindAll("tr.inbox-row").Count == 2);

        cut.InvokeAsync(() => cut.Instance.OnInboxKey("j"));
        cut.InvokeAsync(() => cut.Instance.OnInboxKey("j"));
        cut.InvokeAsync(() => cut.Instance.OnInboxKey("Enter"));

        Assert.EndsWith($"/inbox/{second}", _host.Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Keyboard_E_ClosesTheSelectedThread()
    {
        var id = _host.AddThread(Priya, "please close me", TimeSpan.FromHours(1));
        var cut = RenderPage();
        cut.WaitForElement("tr.inbox-row");

        cut.InvokeAsync(() => cut.Instance.OnInboxKey("j"));
        cut.InvokeAsync(() => cut.Instance.OnInboxKey("e"));

        Assert.Equal(ThreadStatus.Closed, _host.StatusOf(id));
    }

    private IRenderedComponent<InboxPage> RenderPage()
    {
        _host.RenderMudProviders();
        return _host.Render<InboxPage>();
    }

    private static List<string> Questions(IRenderedComponent<InboxPage> cut, int count)
    {
        cut.WaitForState(() => cut.FindAll("tr.inbox-row").Count == count);
        return cut.FindAll("tr.inbox-row [data-testid=row-question]").Select(q => q.TextContent).ToList();
    }

    private static string ViewCount(IRenderedComponent<InboxPage> cut, string view) =>
        cut.Find($"[data-view='{view}'] .inbox-view-count").TextContent;

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
