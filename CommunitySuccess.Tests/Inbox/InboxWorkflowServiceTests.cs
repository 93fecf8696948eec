using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Core.SlackMarkup;
using CommunitySuccess.Tests.Inbox.Ui;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace CommunitySuccess.Tests.Inbox;

/// <summary>The inbox's workflow actions, notes, saved replies and drafts on the real services and SQLite.</summary>
public sealed class InboxWorkflowServiceTests : IAsyncDisposable
{
    private const string Priya = "U0PRIYA";
    private static readonly AppActor Ana = new(InboxUiHost.MeName, InboxUiHost.MeEmail);

    private readonly InboxUiHost _host = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public InboxWorkflowServiceTests() => _host.AddUser(Priya, "Priya", "Asia/Kolkata");

    [Fact]
    public async Task Triage_Comment_PostsUserStatusPermalinkAndCommentToTheTriageChannel()
    {
        var id = _host.AddThread(Priya, "Upgrade <fails> on step 3", TimeSpan.FromHours(3));

        var result = await Workflow.TriageAsync(id, "Looks like the <@U0BEN> bug again?", Ana, _ct);

        Assert.True(result.Succeeded, result.Error);
        var post = OutboxService.Payload<SlackPostPayload>(Assert.Single(_host.Outbox()));
        Assert.Equal("C0TRIAGE", post.Channel);
        Assert.Null(post.ThreadTs);
        Assert.Contains("*Priya*", post.Text, StringComparison.Ordinal);
        Assert.Contains("Open · 1 message · waiting for the team 3 h", post.Text, StringComparison.Ordinal);
        Assert.Contains("> Upgrade &lt;fails&gt; on step 3", post.Text, StringComparison.Ordinal);
        Assert.Contains("|Open the thread>", post.Text, StringComparison.Ordinal);
        Assert.Contains("https://slack.com/archives/C0SUPPORT/p", post.Text, StringComparison.Ordinal);
        // The comment cannot ping anybody: Slack sees the escaped text.
        Assert.Contains("*Ana Lima:* Looks like the &lt;@U0BEN&gt; bug again?", post.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Triage_NoTriageChannelConfigured_IsRefusedAndNothingIsPosted()
    {
        await using var host = new InboxUiHost();
        var id = host.AddThread(Priya, "Question", TimeSpan.FromHours(1));
        var options = host.Get<Microsoft.Extensions.Options.IOptionsMonitor<SlackOptions>>().CurrentValue;
        options.TriageChannel = "";

        var result = await host.Get<InboxWorkflowService>().TriageAsync(id, null, Ana, _ct);

        Assert.False(result.Succeeded);
        Assert.Contains("Slack:TriageChannel", result.Error, StringComparison.Ordinal);
        Assert.Empty(host.Outbox());
    }

    [Fact]
    public async Task ReferToProduct_EmptyNote_IsRefusedAndLosesNothing()
    {
        var id = _host.AddThread(Priya, "Could you support SAML?", TimeSpan.FromHours(1));

        var result = await Workflow.ReferToProductAsync(id, "  ", Ana, _ct);

        Assert.False(result.Succeeded);
        await using var db = _host.Db();
        Assert.False((await db.Set<SupportThread>().SingleAsync(t => t.Id == id, _ct)).ReferredToProduct);
    }

    [Fact]
    public async Task ReferToProduct_WithNote_StoresItOnTheThreadAndAsANote()
    {
        var id = _host.AddThread(Priya, "Could you support SAML?", TimeSpan.FromHours(1));

        var result = await Workflow.ReferToProductAsync(id, "Third enterprise asking for SAML this month.", Ana, _ct);

        Assert.True(result.Succeeded);
        await using var db = _host.Db();
        var thread = await db.Set<SupportThread>().Include(t => t.Notes).SingleAsync(t => t.Id == id, _ct);
        Assert.True(thread.ReferredToProduct);
        Assert.Equal(_host.Now, thread.ReferredToProductAt);
        Assert.Equal("Third enterprise asking for SAML this month.", thread.ReferredToProductNote);
        var note = Assert.Single(thread.Notes);
        Assert.Equal(ThreadNoteKind.ProductReferral, note.Kind);
        Assert.Equal(InboxUiHost.MeName, note.Author);
    }

    [Fact]
    public async Task NotSupport_Mark_TakesTheThreadOutOfTheQueueWithoutClosingIt()
    {
        var id = _host.AddThread(Priya, "Webinar tomorrow!", TimeSpan.FromHours(1));

        Assert.True((await Workflow.SetNotSupportAsync(id, true, Ana, _ct)).Succeeded);

        var queries = _host.Get<InboxQueryService>();
        Assert.Equal(0, await queries.CountWaitingAsync(_ct));
        Assert.Equal(ThreadStatus.Open, _host.StatusOf(id));
        var notSupport = await queries.GetPageAsync(InboxView.NotSupport, InboxOrder.Newest, 0, 10, _ct);
        Assert.Equal(id, Assert.Single(notSupport.Rows).Id);

        Assert.True((await Workflow.SetNotSupportAsync(id, false, Ana, _ct)).Succeeded);
        Assert.Equal(1, await queries.CountWaitingAsync(_ct));
    }

    [Fact]
    public async Task EditAndDeleteReply_OwnReply_QueueChatUpdateAndChatDelete()
    {
        var (threadId, messageId, threadTs, messageTs) = await OwnReplyAsync();

        var edit = await Workflow.EditReplyAsync(threadId, messageId, "Corrected answer", Ana, _ct);
        var delete = await Workflow.DeleteReplyAsync(threadId, messageId, Ana, _ct);

        Assert.True(edit.Succeeded, edit.Error);
        Assert.True(delete.Succeeded, delete.Error);
        var writes = _host.Outbox().Where(w => w.Id != _host.Outbox()[0].Id).ToList();
        Assert.Equal([OutboxKinds.SlackUpdateMessage, OutboxKinds.SlackDeleteMessage], writes.Select(w => w.Kind));
        Assert.Equal(new SlackMessageEditPayload(InboxUiHost.Channel, messageTs, "Corrected answer", threadTs), OutboxService.Payload<SlackMessageEditPayload>(writes[0]));
        Assert.Equal(new SlackMessageEditPayload(InboxUiHost.Channel, messageTs, null, threadTs), OutboxService.Payload<SlackMessageEditPayload>(writes[1]));
    }

    [Fact]
    public async Task EditReply_AnotherAccountWithTheSameName_IsRefusedBecauseMineIsDecidedByAccountId()
    {
        var anaAccount = Ana with { UserId = "account-ana" };
        var (threadId, messageId, _, _) = await OwnReplyAsync(anaAccount);
        var namesake = new AppActor(InboxUiHost.MeName, "ana.other@example.test") { UserId = "account-other-ana" };
        _host.AddAccount("account-other-ana", "ana.other@example.test", InboxUiHost.MeName);

        var other = await Workflow.EditReplyAsync(threadId, messageId, "Not mine", namesake, _ct);
        var mine = await Workflow.EditReplyAsync(threadId, messageId, "Mine", anaAccount, _ct);

        Assert.False(other.Succeeded);
        Assert.DoesNotContain(CommunitySuccess.Core.Shared.AccountAccess.RefusalPrefix, other.Error, StringComparison.Ordinal);
        Assert.True(mine.Succeeded, mine.Error);
        var detail = await _host.Get<InboxQueryService>().GetThreadAsync(threadId, _ct);
        var reply = detail!.Messages.Single(m => m.Id == messageId);
        Assert.True(reply.IsSentBy(anaAccount));
        Assert.False(reply.IsSentBy(namesake));
    }

    [Fact]
    public async Task EditReply_SomebodyElsesOrEmpty_IsRefused()
    {
        var (threadId, messageId, _, _) = await OwnReplyAsync();
        var before = _host.Outbox().Count;

        var other = await Workflow.EditReplyAsync(threadId, messageId, "Not mine", new AppActor("Ben Carter"), _ct);
        var empty = await Workflow.EditReplyAsync(threadId, messageId, " ", Ana, _ct);
        var userMessage = await Workflow.DeleteReplyAsync(threadId, messageId - 1, Ana, _ct);

        Assert.False(other.Succeeded);
        Assert.False(empty.Succeeded);
        Assert.False(userMessage.Succeeded);
        Assert.Equal(before, _host.Outbox().Count);
    }

    [Fact]
    public async Task Notes_EmptyRefused_InternalKept_ResolutionAlsoPostedToTheThread()
    {
        var id = _host.AddThread(Priya, "Question", TimeSpan.FromHours(1));
        var notes = _host.Get<ThreadNotesService>();

        Assert.False((await notes.AddAsync(id, "", alsoPostToThread: false, Ana, _ct)).Succeeded);
        Assert.True((await notes.AddAsync(id, "Priya is a paying customer.", alsoPostToThread: false, Ana, _ct)).Succeeded);
        Assert.True((await notes.AddAsync(id, "Solved in a DM: a proxy rewrote the header.", alsoPostToThread: true, Ana, _ct)).Succeeded);

        var list = await notes.ListAsync(id, _ct);
        Assert.Equal([ThreadNoteKind.Internal, ThreadNoteKind.Resolution], list.Select(n => n.Kind));
        Assert.All(list, n => Assert.Equal(InboxUiHost.MeName, n.Author));
        var post = OutboxService.Payload<SlackPostPayload>(Assert.Single(_host.Outbox()));
        Assert.Equal("Solved in a DM: a proxy rewrote the header.", post.Text);
        Assert.NotNull(post.ThreadTs);
    }

    [Fact]
    public async Task SavedReplies_FirstUse_SeedsTheFourDefaultsOnceOnly()
    {
        var replies = _host.Get<SavedReplyService>();

        var seeded = await replies.ListAsync(_ct);
        foreach (var reply in seeded)
        {
            Assert.True((await replies.ArchiveAsync(reply.Id, Ana, _ct)).Succeeded);
        }

        var restarted = new SavedReplyService(_host.Get<IDbContextFactory<CommunitySuccess.Core.Data.AppDbContext>>(), new FakeTimeProvider(), _host.Get<CommunitySuccess.Core.Shared.AccountAccess>());
        Assert.Equal(4, seeded.Count);
        Assert.Contains(seeded, r => r.Text.Contains("not available right now", StringComparison.Ordinal));
        Assert.Contains(seeded, r => r.Text.Contains("asking the team internally", StringComparison.Ordinal));
        Assert.Contains(seeded, r => r.Text.Contains(FollowUpMessage.DefaultText, StringComparison.Ordinal));
        Assert.Contains(seeded, r => r.Text.Contains("{call_booking_url}", StringComparison.Ordinal) && r.Text.Contains("{oncall}", StringComparison.Ordinal));
        Assert.Empty(await restarted.ListAsync(_ct));
    }

    [Fact]
    public async Task SavedReplies_AdminEdits_AreSavedAndBadInputRefused()
    {
        var replies = _host.Get<SavedReplyService>();

        Assert.False((await replies.SaveAsync(new SavedReplyInput(null, "", "text"), Ana, _ct)).Succeeded);
        Assert.False((await replies.SaveAsync(new SavedReplyInput(null, "Title", new string('x', SavedReply.TextMaxLength + 1)), Ana, _ct)).Succeeded);
        Assert.True((await replies.SaveAsync(new SavedReplyInput(null, "Release soon", "Hi {user}, the fix ships in 2.4."), Ana, _ct)).Succeeded);

        var all = await replies.ListAsync(_ct);
        Assert.Equal(5, all.Count);
        Assert.Equal("Release soon", all[^1].Title);
        Assert.Equal(InboxUiHost.MeName, all[^1].UpdatedBy);
    }

    [Theory]
    [InlineData("Hi {user}, {oncall} here. Book: {call_booking_url}", "Hi <@U0PRIYA>, Ana Lima here. Book: https://cal.example/ana")]
    [InlineData("Hi {USER}", "Hi <@U0PRIYA>")]
    public void SavedReplyPlaceholders_Fill_ReplacesEachPlaceholder(string text, string expected) =>
        Assert.Equal(expected, SavedReplyPlaceholders.Fill(text, Priya, "Ana Lima", "https://cal.example/ana"));

    [Fact]
    public void Drafts_SavedPerPersonAndThread_EmptyRemovesAndCapacityHolds()
    {
        var drafts = new ReplyDraftStore(new FakeTimeProvider());

        drafts.Save("ana@acme.example", 1, "draft one");
        drafts.Save("ben@acme.example", 1, "ben's draft");
        Assert.Equal("draft one", drafts.Get("ANA@acme.example", 1));
        Assert.Equal("", drafts.Get("ana@acme.example", 2));
        drafts.Save("ana@acme.example", 1, " ");
        Assert.Equal("", drafts.Get("ana@acme.example", 1));

        for (var i = 0; i < ReplyDraftStore.Capacity + 10; i++)
        {
            drafts.Save("ana@acme.example", 1000 + i, "x");
        }

        Assert.Equal("x", drafts.Get("ana@acme.example", 1000 + ReplyDraftStore.Capacity + 9));
    }

    private InboxWorkflowService Workflow => _host.Get<InboxWorkflowService>();

    /// <summary>A thread with a reply Ana sent from the app, as the sync stores it after the post went out.</summary>
    private async Task<(long ThreadId, long MessageId, string ThreadTs, string MessageTs)> OwnReplyAsync(AppActor? author = null)
    {
        var threadId = _host.AddThread(Priya, "Question", TimeSpan.FromHours(1));
        var reply = await _host.Get<InboxActionsService>().ReplyAsync(threadId, "First answer", author ?? Ana, _ct);
        await using var db = _host.Db();
        var thread = await db.Set<SupportThread>().SingleAsync(t => t.Id == threadId, _ct);
        var messageTs = SlackTs.FromUtcDateTime(_host.Now);
        var message = new ThreadMessage
        {
            ThreadId = threadId,
            ChannelId = thread.ChannelId,
            Ts = messageTs,
            UserId = "U0BOT",
            IsTeam = true,
            Text = "First answer",
            SentAt = _host.Now,
            OutboxId = reply.OutboxId,
        };
        db.Add(message);
        await db.SaveChangesAsync(_ct);
        return (threadId, message.Id, thread.Ts, messageTs);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
