using Bunit;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Tests.Inbox.Ui;
using CommunitySuccess.Web.Components.Pages.Inbox;

namespace CommunitySuccess.Tests.Security;

/// <summary>
/// Notes are typed by team members but may quote strangers (a pasted stack trace, a user's words): an internal note,
/// a resolution and an On Hold reason full of markup show in the thread pane as the text typed, creating no element.
/// </summary>
public sealed class UntrustedNotesTests : IAsyncDisposable
{
    private const string Priya = "U0PRIYA";

    // Every element the payload could create carries data-xss, so finding none proves none was created.
    private const string Payload =
        "<img src=x data-xss onerror=alert(1)><script data-xss>alert(2)</script><svg data-xss onload=alert(3)></svg>" +
        "<a data-xss href=\"javascript:alert(4)\">click</a><https://evil.example|<b data-xss>x</b>>";

    private readonly InboxUiHost _host = new();
    private readonly CancellationToken _ct = Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThreadPane_NotesAndOnHoldReasonWithMarkup_ShowTheTextAndCreateNoElement()
    {
        _host.AddUser(Priya, "Priya", "Asia/Kolkata");
        _host.RenderMudProviders();
        var id = _host.AddThread(Priya, "Export fails", TimeSpan.FromHours(1));
        var notes = _host.Get<ThreadNotesService>();
        Assert.True((await notes.AddAsync(id, "Internal " + Payload, alsoPostToThread: false, _host.Me.Actor, _ct)).Succeeded);
        Assert.True((await notes.AddAsync(id, "Resolution " + Payload, alsoPostToThread: true, _host.Me.Actor, _ct)).Succeeded);
        Assert.True((await _host.Get<InboxActionsService>().SetOnHoldAsync(id, "On hold " + Payload, _host.Me.Actor, _ct)).Succeeded);

        var pane = _host.Render<ThreadPane>(p => p.Add(x => x.ThreadId, id).Add(x => x.Me, _host.Me));

        pane.WaitForAssertion(() => Assert.Contains("On hold ", pane.Find("[data-testid=on-hold-reason]").TextContent, StringComparison.Ordinal));
        Assert.Empty(pane.FindAll("[data-xss]"));
        Assert.Empty(pane.FindAll("a[href^='javascript']"));
        var text = string.Concat(pane.Nodes.Select(n => n.TextContent));
        foreach (var shown in new[] { "Internal ", "Resolution ", "On hold " })
        {
            Assert.Contains(shown + "<img src=x data-xss onerror=alert(1)>", text, StringComparison.Ordinal);
        }
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();
}
