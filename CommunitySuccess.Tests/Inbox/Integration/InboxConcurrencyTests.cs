using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Notifications;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Core.Shared;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Tests.Inbox.Ui;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Tests.Inbox.Integration;

/// <summary>
/// Two engineers act on the same thread at once: Ana's service has read the thread and decided when Ben's action
/// commits. No update is silently lost, no write is queued twice, and the one whose click lost is told who won and how.
/// Two services, two contexts, one real SQLite file.
/// </summary>
public sealed class InboxConcurrencyTests : IAsyncDisposable
{
    private const string Priya = "U0PRIYA";
    private static readonly AppActor Ana = new(InboxUiHost.MeName, InboxUiHost.MeEmail);
    private static readonly AppActor Ben = new("Ben Carter", "ben@acme.example");

    private readonly InboxUiHost _host = new();
    private readonly InterleavingDbContextFactory _anasDb;
    private readonly InboxActionsService _anas;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public InboxConcurrencyTests()
    {
        using (var db = _host.Db())
        {
            _anasDb = new InterleavingDbContextFactory(db.Database.GetConnectionString()!);
        }

        _anas = new InboxActionsService(_anasDb, _host.Get<OutboxService>(), _host.Get<IOptionsMonitor<InboxOptions>>(),
            _host.Get<ChangeNotifier>(), _host.Get<TimeProvider>(), _host.Get<AccountAccess>());
    }

    private InboxActionsService Bens => _host.Get<InboxActionsService>();

    [Fact]
    public async Task SetStatus_ColleagueClosedMeanwhile_RefusedNamingThem_ThreadStaysClosedWithOneCheckMark()
    {
        var id = _host.AddThread(Priya, "Export fails", TimeSpan.FromHours(1));
        _anasDb.BeforeNextSave(() => AssertDoneAsync(Bens.SetStatusAsync(id, ThreadStatus.Closed, Ben, _ct)));

        var result = await _anas.SetStatusAsync(id, ThreadStatus.InProgress, Ana, _ct);

        AssertLostTo(result, "Ben Carter", "Closed");
        Assert.Equal(ThreadStatus.Closed, _host.StatusOf(id));
        Assert.Equal([StatusReactions.WhiteCheckMark], Reactions());
    }

    [Fact]
    public async Task SetStatus_BothCloseAtOnce_OneCheckMarkQueued_TheSecondIsToldItIsDone()
    {
        var id = _host.AddThread(Priya, "Export fails", TimeSpan.FromHours(1));
        _anasDb.BeforeNextSave(() => AssertDoneAsync(Bens.SetStatusAsync(id, ThreadStatus.Closed, Ben, _ct)));

        var result = await _anas.SetStatusAsync(id, ThreadStatus.Closed, Ana, _ct);

        AssertLostTo(result, "Ben Carter", "Closed");
        Assert.Equal([StatusReactions.WhiteCheckMark], Reactions());
        await using var db = _host.Db();
        Assert.Single(await db.Set<ThreadStatusChange>().Where(c => c.ThreadId == id).ToListAsync(_ct));
    }

    [Fact]
    public async Task SetOnHold_ColleagueTookItMeanwhile_RefusedAndNoStrayNote()
    {
        var id = _host.AddThread(Priya, "Export fails", TimeSpan.FromHours(1));
        _anasDb.BeforeNextSave(() => AssertDoneAsync(Bens.SetStatusAsync(id, ThreadStatus.InProgress, Ben, _ct)));

        var result = await _anas.SetOnHoldAsync(id, "Waiting for the log file", Ana, _ct);

        AssertLostTo(result, "Ben Carter", "In Progress");
        Assert.Equal(ThreadStatus.InProgress, _host.StatusOf(id));
        await using var db = _host.Db();
        Assert.Empty(await db.Set<ThreadNote>().Where(n => n.ThreadId == id).ToListAsync(_ct));
        Assert.Equal([StatusReactions.Eyes], Reactions());
    }

    [Fact]
    public async Task FollowUpAndClose_BothAtOnce_OneFollowUpQueued_TheSecondIsRefused()
    {
        var id = _host.AddThread(Priya, "Export fails", TimeSpan.FromDays(3), ThreadStatus.InProgress, waiting: false);
        _anasDb.BeforeNextSave(() => AssertDoneAsync(Bens.FollowUpAndCloseAsync(id, Ben, _ct)));

        var result = await _anas.FollowUpAndCloseAsync(id, Ana, _ct);

        AssertLostTo(result, "Ben Carter", "Closed");
        Assert.Equal(ThreadStatus.Closed, _host.StatusOf(id));
        var post = Assert.Single(_host.Outbox(), m => m.Kind == OutboxKinds.SlackPostMessage);
        Assert.Equal("Ben Carter", OutboxService.Payload<SlackPostPayload>(post).Username);
    }

    [Fact]
    public async Task Reply_ColleagueRepliesAndClosesMeanwhile_BothRepliesQueuedOnceEach()
    {
        var id = _host.AddThread(Priya, "Export fails", TimeSpan.FromHours(1));
        _anasDb.BeforeNextSave(async () =>
        {
            await AssertDoneAsync(Bens.ReplyAsync(id, "Which version are you on?", Ben, _ct));
            await AssertDoneAsync(Bens.SetStatusAsync(id, ThreadStatus.Closed, Ben, _ct));
        });

        var result = await _anas.ReplyAsync(id, "Could you share the log?", Ana, _ct);

        // A reply changes no status: it cannot conflict, and neither reply may be lost.
        Assert.True(result.Succeeded, result.Error);
        var posts = _host.Outbox().Where(m => m.Kind == OutboxKinds.SlackPostMessage).Select(m => OutboxService.Payload<SlackPostPayload>(m).Text).Order();
        Assert.Equal(["Could you share the log?", "Which version are you on?"], posts);
    }

    [Fact]
    public async Task SetStatus_PageShowedAStatusAColleagueChangedMinutesAgo_RefusedNamingThem_NothingQueued()
    {
        // Ana's pane loaded while the thread was Open; Ben took it long before her click (no race at save time).
        var id = _host.AddThread(Priya, "Export fails", TimeSpan.FromHours(1));
        await AssertDoneAsync(Bens.SetStatusAsync(id, ThreadStatus.InProgress, Ben, _ct));
        var reactionsBefore = Reactions();

        var closed = await _anas.SetStatusAsync(id, ThreadStatus.Closed, Ana, _ct, shown: ThreadStatus.Open);
        var followedUp = await _anas.FollowUpAndCloseAsync(id, Ana, _ct, shown: ThreadStatus.Open);

        AssertLostTo(closed, "Ben Carter", "In Progress");
        AssertLostTo(followedUp, "Ben Carter", "In Progress");
        Assert.Equal(ThreadStatus.InProgress, _host.StatusOf(id));
        Assert.Equal(reactionsBefore, Reactions());
        Assert.True((await _anas.SetStatusAsync(id, ThreadStatus.Closed, Ana, _ct, shown: ThreadStatus.InProgress)).Succeeded,
            "a click on what the page shows now goes through");
    }

    private IReadOnlyList<string> Reactions() =>
        [.. _host.Outbox().Where(m => m.Kind == OutboxKinds.SlackAddReaction).Select(m => OutboxService.Payload<SlackReactionPayload>(m).Name)];

    private static async Task AssertDoneAsync(Task<ActionOutcome> action)
    {
        var result = await action;
        Assert.True(result.Succeeded, result.Error);
    }

    private static void AssertLostTo(ActionOutcome result, string winner, string status)
    {
        Assert.False(result.Succeeded);
        Assert.Contains(winner, result.Error, StringComparison.Ordinal);
        Assert.Contains($"to {status} meanwhile", result.Error, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();
}
