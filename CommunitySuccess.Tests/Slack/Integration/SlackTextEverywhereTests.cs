using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Core.Search;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Sandbox.Slack;
using Microsoft.Extensions.DependencyInjection;
using static CommunitySuccess.Tests.Slack.Integration.SlackAppHarness;

namespace CommunitySuccess.Tests.Slack.Integration;

/// <summary>
/// A question typed with <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> arrives from Slack escaped (as real Slack sends it)
/// and reads as typed everywhere: the inbox, search, the GitHub issue drafted from it, and the triage post to the team.
/// </summary>
public sealed class SlackTextEverywhereTests
{
    private const string Typed = "Export fails for R&D <beta> users when a > b";

    [Fact]
    public async Task EscapedQuestion_ReadsAsTypedInInboxSearchIssueDraftAndTriagePost()
    {
        await using var h = await StartAsync(new SlackAppHarnessOptions
        {
            Settings = s =>
            {
                s["Slack:TriageChannel"] = RandomChannel;
                s["GitHub:Repositories:0"] = "acme/widgets";
            },
        });
        var ts = h.Slack.AddMessage(new SlackMessageDraft { ChannelId = SupportChannel, UserId = Asker, Text = Typed, At = DateTimeOffset.UtcNow.AddHours(-1) });
        Assert.Equal("Export fails for R&amp;D &lt;beta&gt; users when a &gt; b", h.Slack.GetMessage(SupportChannel, ts)!.Text);
        await h.SyncAsync();
        var threadId = (await h.ThreadAsync(ts)).Id;

        var row = Assert.Single((await h.Services.GetRequiredService<InboxQueryService>().GetPageAsync(InboxView.All, InboxOrder.AwakeFirst, 0, 10, Ct)).Rows);
        var detail = await h.Services.GetRequiredService<InboxQueryService>().GetThreadAsync(threadId, Ct);
        var hit = Assert.Single((await h.Services.GetRequiredService<SearchService>().SearchAsync("beta users", Ct)).Hits);
        var draft = await h.Services.GetRequiredService<ThreadIssueLinkService>().DraftIssueAsync(threadId, Ct);
        var triage = await h.Services.GetRequiredService<InboxWorkflowService>().TriageAsync(threadId, "Seen this before?", new AppActor(HelperName, "ana@acme.example"), Ct);
        await h.Dispatcher.DispatchDueAsync(Ct);

        // Inbox: the list's first line is plain text; the thread's HTML encodes each character once.
        Assert.Equal(Typed, row.FirstLine);
        Assert.Contains("R&amp;D &lt;beta&gt; users when a &gt; b", Assert.Single(detail!.Messages).Html, StringComparison.Ordinal);
        // Search: the title reads as typed, the snippet is HTML-encoded once.
        Assert.Equal(Typed, hit.Title);
        Assert.Contains("R&amp;D &lt;", hit.SnippetHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("&amp;amp;", hit.SnippetHtml, StringComparison.Ordinal);
        // The GitHub issue is markdown of what the user typed.
        Assert.Equal(Typed, draft!.Title);
        Assert.Contains(Typed, draft.Body, StringComparison.Ordinal);
        // The triage post quotes it escaped once for Slack, so Slack shows it as typed.
        Assert.Equal(OutboxStatus.Sent, (await h.OutboxAsync(triage.OutboxId!.Value)).Status);
        var post = Assert.Single(h.Slack.GetHistory(RandomChannel)).Text;
        Assert.Contains("R&amp;D &lt;beta&gt; users when a &gt; b", post, StringComparison.Ordinal);
        Assert.DoesNotContain("&amp;amp;", post, StringComparison.Ordinal);
    }
}
