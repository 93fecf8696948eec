using AngleSharp.Dom;
using Bunit;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Notifications;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Web.Components.Pages.Inbox;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommunitySuccess.Tests.Inbox.Ui;

public sealed class ThreadPaneTests : IAsyncDisposable
{
    private const string Priya = "U0PRIYA";

    private readonly InboxUiHost _host = new();
    private readonly IRenderedComponent<MudDialogProvider> _dialogs;

    public ThreadPaneTests()
    {
        _host.AddUser(Priya, "Priya", "Asia/Kolkata");
        _dialogs = _host.RenderMudProviders();
    }

    [Fact]
    public void OnHoldDialog_EmptyNote_IsRefusedAndTheThreadStaysOpen()
    {
        var id = _host.AddThread(Priya, "My import hangs", TimeSpan.FromHours(2));
        var pane = RenderPane(id);

        Button(pane, "On Hold…").Click();
        _dialogs.WaitForElement("[data-testid=text-prompt-confirm]").Click();

        _dialogs.WaitForAssertion(() => Assert.Contains("On Hold needs a note", _dialogs.Markup, StringComparison.Ordinal));
        Assert.NotEmpty(_dialogs.FindAll(".mud-dialog"));
        Assert.Equal(ThreadStatus.Open, _host.StatusOf(id));
    }

    [Fact]
    public void OnHoldDialog_WithNote_PutsOnHoldAndShowsTheReason()
    {
        var id = _host.AddThread(Priya, "My import hangs", TimeSpan.FromHours(2));
        var pane = RenderPane(id);

        Button(pane, "On Hold…").Click();
        _dialogs.WaitForElement("#text-prompt-input").Input("Debugging call booked for Thursday.");
        _dialogs.Find("[data-testid=text-prompt-confirm]").Click();

        pane.WaitForAssertion(() => Assert.Equal("On Hold", pane.Find("[data-testid=thread-status]").TextContent.Trim()));
        Assert.Equal(ThreadStatus.OnHold, _host.StatusOf(id));
        Assert.Contains("Debugging call booked for Thursday.", pane.Find("[data-testid=on-hold-reason]").TextContent, StringComparison.Ordinal);
        Assert.Empty(_dialogs.FindAll(".mud-dialog"));
    }

    [Fact]
    public void Reply_Empty_IsRefusedAndNothingIsQueued()
    {
        var id = _host.AddThread(Priya, "Hello?", TimeSpan.FromHours(1));
        var pane = RenderPane(id);

        pane.Find("#inbox-reply").Input("   ");
        pane.Find("[data-testid=send-reply]").Click();

        pane.WaitForAssertion(() => Assert.Contains("an empty reply is not sent", pane.Markup, StringComparison.Ordinal));
        Assert.Empty(_host.Outbox());
    }

    [Fact]
    public void Reply_Text_GoesToTheOutboxAndShowsAsPending()
    {
        var id = _host.AddThread(Priya, "Hello?", TimeSpan.FromHours(1));
        var pane = RenderPane(id);

        pane.Find("#inbox-reply").Input("Hi Priya, looking into it.");
        pane.Find("[data-testid=send-reply]").Click();

        var write = Assert.Single(_host.Outbox());
        Assert.Equal(OutboxKinds.SlackPostMessage, write.Kind);
        var post = OutboxService.Payload<SlackPostPayload>(write);
        Assert.Equal("Hi Priya, looking into it.", post.Text);
        Assert.Equal(InboxUiHost.MeName, post.Username);
        pane.WaitForAssertion(() => Assert.Equal("Sending…", pane.Find("[data-testid=reply-in-flight] [data-testid=delivery-state]").TextContent.Trim()));
        Assert.Equal("", pane.Find("#inbox-reply").GetAttribute("value") ?? "");
    }

    [Fact]
    public void Draft_PaneRenderedAgain_KeepsWhatWasTyped()
    {
        var id = _host.AddThread(Priya, "Hello?", TimeSpan.FromHours(1));
        RenderPane(id).Find("#inbox-reply").Input("Half-written answer");

        // A dropped connection builds the page anew: the draft comes from the server.
        var again = RenderPane(id);

        Assert.Equal("Half-written answer", again.Find("#inbox-reply").GetAttribute("value"));
    }

    [Fact]
    public void Messages_UntrustedSlackText_RenderInert()
    {
        var id = _host.AddThread(Priya, "<script>alert(1)</script> and <img src=x onerror=alert(1)>", TimeSpan.FromHours(1));
        _host.AddMessage(id, Priya, "see <javascript:alert(1)|this link> and <https://docs.example.com/a?b=1&amp;c=2|the docs>");
        var pane = RenderPane(id);

        var bodies = pane.FindAll("[data-testid=message-body]");
        Assert.Equal(2, bodies.Count);
        Assert.Empty(pane.FindAll("[data-testid=message-body] script, [data-testid=message-body] img, [data-testid=message-body] [onerror]"));
        Assert.Contains("<script>alert(1)</script>", bodies[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("<img src=x onerror=alert(1)>", bodies[0].TextContent, StringComparison.Ordinal);
        var links = bodies[1].QuerySelectorAll("a");
        var link = Assert.Single(links);
        Assert.Equal("https://docs.example.com/a?b=1&c=2", link.GetAttribute("href"));
        Assert.Equal("noopener noreferrer nofollow", link.GetAttribute("rel"));
        Assert.Contains("this link", bodies[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Messages_FortyThousandCharacters_StartFoldedInAWrappingBody()
    {
        var id = _host.AddThread(Priya, "Here is my log", TimeSpan.FromHours(1));
        _host.AddMessage(id, Priya, new string('x', 40_000));
        var pane = RenderPane(id);

        var body = pane.FindAll("[data-testid=message-body]")[1];
        Assert.Contains("collapsed", body.ClassList);
        var expand = Button(pane, "Show the whole message (40,000 characters)");
        expand.Click();
        Assert.DoesNotContain("collapsed", pane.FindAll("[data-testid=message-body]")[1].ClassList);
    }

    [Fact]
    public void SavedReply_Insert_FillsUserAndOnCall()
    {
        var id = _host.AddThread(Priya, "Hello?", TimeSpan.FromHours(1));
        var pane = RenderPane(id);

        pane.Find("[data-testid=saved-replies] button").Click();
        _host.WaitForMenuItem("Offer a debugging call").Click();

        pane.WaitForAssertion(() => Assert.StartsWith($"Hi <@{Priya}>, this would be quicker", pane.Find("#inbox-reply").GetAttribute("value"), StringComparison.Ordinal));
        Assert.Contains($"call with {InboxUiHost.MeName}?", pane.Find("#inbox-reply").GetAttribute("value"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotSupport_FromTheMenu_HidesTheThreadFromQueues()
    {
        var id = _host.AddThread(Priya, "Join our webinar!", TimeSpan.FromHours(1));
        var pane = RenderPane(id);

        pane.Find("[data-testid=more-actions] button").Click();
        _host.WaitForMenuItem("Not a support thread").Click();

        pane.WaitForAssertion(() => Assert.Contains("hidden from the queues and the counts", pane.Markup, StringComparison.Ordinal));
        Assert.Equal(0, await _host.Get<InboxQueryService>().CountWaitingAsync(CancellationToken.None));
    }

    [Fact]
    public void LongThread_PastTheLimit_OffersADebuggingCall()
    {
        var id = _host.AddThread(Priya, "Still broken", TimeSpan.FromHours(1), messageCount: 11);

        var pane = RenderPane(id);

        Assert.Contains("11 messages", pane.Find("[data-testid=call-hint]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LiveUpdate_StatusChangedInSlack_ShowsWithoutReload()
    {
        var id = _host.AddThread(Priya, "Hello?", TimeSpan.FromHours(1));
        var pane = RenderPane(id);
        _host.ForgetTimers();

        await _host.Get<InboxActionsService>().SetStatusAsync(id, ThreadStatus.Closed, new AppActor("Ben"), CancellationToken.None);
        await _host.AdvanceOnceWaitingAsync(TimeSpan.FromSeconds(1));

        pane.WaitForAssertion(() => Assert.Equal("Closed", pane.Find("[data-testid=thread-status]").TextContent.Trim()));
    }

    private IRenderedComponent<ThreadPane> RenderPane(long id) =>
        _host.Render<ThreadPane>(p => p.Add(x => x.ThreadId, id).Add(x => x.Me, _host.Me));

    private static IElement Button(IRenderedComponent<ThreadPane> pane, string text) =>
        pane.WaitForElements("button").First(b => b.TextContent.Trim() == text);

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
