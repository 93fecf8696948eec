using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Shared;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Tests.Inbox.Ui;
using Microsoft.EntityFrameworkCore;

namespace CommunitySuccess.Tests.Inbox.Integration;

/// <summary>
/// The inbox's and the GitHub desk's services check the account themselves when an action runs, reading it as it is
/// now: an open page whose account was disabled or lost its role meanwhile still holds its old actor, and is refused.
/// </summary>
public sealed class ServiceAccessTests : IAsyncDisposable
{
    private const string Priya = "U0PRIYA";

    private readonly InboxUiHost _host = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    /// <summary>The actor the thread pane resolved when it loaded, while the account was still an enabled Engineer.</summary>
    private static AppActor LoadedAsEngineer => new(InboxUiHost.MeName, InboxUiHost.MeEmail) { UserId = InboxUiHost.MeAccountId };

    [Fact]
    public async Task EveryThreadPaneWrite_AccountDisabledAfterThePageLoaded_RefusedAndNothingQueued()
    {
        var id = _host.AddThread(Priya, "Export fails", TimeSpan.FromHours(1));
        await SetDisabledAsync(true);

        var results = await EveryWriteAsync(id, LoadedAsEngineer);

        Assert.All(results, r => Assert.StartsWith(AccountAccess.RefusalPrefix + "this account is disabled", r.Error, StringComparison.Ordinal));
        Assert.Empty(_host.Outbox());
        Assert.Equal(ThreadStatus.Open, _host.StatusOf(id));
    }

    [Fact]
    public async Task EveryThreadPaneWrite_AccountWithoutAnyRole_Refused()
    {
        var id = _host.AddThread(Priya, "Export fails", TimeSpan.FromHours(1));
        await using (var db = _host.Db())
        {
            db.UserRoles.RemoveRange(db.UserRoles.Where(r => r.UserId == InboxUiHost.MeAccountId));
            await db.SaveChangesAsync(_ct);
        }

        var results = await EveryWriteAsync(id, LoadedAsEngineer);

        Assert.All(results, r => Assert.StartsWith(AccountAccess.RefusalPrefix + "this needs the role", r.Error, StringComparison.Ordinal));
        Assert.Empty(_host.Outbox());
    }

    [Fact]
    public async Task GitHubActions_DisabledOrSignedOut_Refused_EnabledEngineerPassesTheCheck()
    {
        await SetDisabledAsync(true);
        var disabled = await _host.Get<GitHubIssueActionsService>().CommentAsync("acme/widgets", 1, "Hello", LoadedAsEngineer, _ct);
        var nobody = await _host.Get<IssueItemActionsService>().SetInProgressAsync(1, AppActor.Nobody, _ct);
        await SetDisabledAsync(false);
        var enabled = await _host.Get<GitHubIssueActionsService>().CommentAsync("acme/widgets", 1, "Hello", LoadedAsEngineer, _ct);

        Assert.StartsWith(AccountAccess.RefusalPrefix + "this account is disabled", disabled.Error, StringComparison.Ordinal);
        Assert.StartsWith(AccountAccess.RefusalPrefix + "sign in first", nobody.Error, StringComparison.Ordinal);
        // Past the check, the service refuses the input itself: the issue was never synced.
        Assert.Contains("has not been synced", enabled.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reply_EnabledEngineer_Queued_TheAppItselfMayFollowUp()
    {
        var id = _host.AddThread(Priya, "Export fails", TimeSpan.FromDays(3), ThreadStatus.InProgress, waiting: false);

        var replied = await _host.Get<InboxActionsService>().ReplyAsync(id, "Any news?", LoadedAsEngineer, _ct);
        var followedUp = await _host.Get<InboxActionsService>().FollowUpAndCloseAsync(id, AppActor.Automatic, _ct);

        Assert.True(replied.Succeeded, replied.Error);
        Assert.True(followedUp.Succeeded, followedUp.Error);
        Assert.Equal(2, _host.Outbox().Count);
    }

    private async Task<IReadOnlyList<ActionOutcome>> EveryWriteAsync(long id, AppActor actor)
    {
        var actions = _host.Get<InboxActionsService>();
        var workflow = _host.Get<InboxWorkflowService>();
        var links = _host.Get<ThreadIssueLinkService>();
        var authors = _host.Get<GitHubAuthorLinkService>();
        var savedReplies = _host.Get<SavedReplyService>();
        return
        [
            await actions.SetStatusAsync(id, ThreadStatus.InProgress, actor, _ct),
            await actions.SetOnHoldAsync(id, "Waiting for logs", actor, _ct),
            await actions.ReplyAsync(id, "Could you share the log?", actor, _ct),
            await actions.FollowUpAndCloseAsync(id, actor, _ct),
            await _host.Get<ThreadNotesService>().AddAsync(id, "Asked in DM", alsoPostToThread: true, actor, _ct),
            await workflow.TriageAsync(id, "Seen before?", actor, _ct),
            await workflow.ReferToProductAsync(id, "SAML again", actor, _ct),
            await workflow.SetNotSupportAsync(id, true, actor, _ct),
            await workflow.RetryAsync(id, outboxId: 1, actor, _ct),
            await links.CreateIssueAsync(id, "acme/widgets", "Export fails", "", actor, _ct),
            await links.LinkExistingIssueAsync(id, "acme/widgets", 1, actor, _ct),
            await links.UnlinkAsync(linkId: 1, actor, _ct),
            await links.RetryCreateAsync(linkId: 1, actor, _ct),
            await _host.Get<GitHubIssueActionsService>().RetryAsync("acme/widgets", 1, outboxId: 1, actor, _ct),
            await _host.Get<ReleaseNotificationService>().NotifyAsync("acme/widgets", 1, null, actor, _ct),
            await authors.LinkAsync("priya-gh", Priya, actor, _ct),
            await authors.UnlinkAsync("priya-gh", actor, _ct),
            await savedReplies.SaveAsync(new SavedReplyInput(null, "Title", "Text"), actor, _ct),
            await savedReplies.ArchiveAsync(1, actor, _ct),
        ];
    }

    private async Task SetDisabledAsync(bool disabled)
    {
        await using var db = _host.Db();
        var account = await db.Users.SingleAsync(u => u.Id == InboxUiHost.MeAccountId, _ct);
        account.IsDisabled = disabled;
        await db.SaveChangesAsync(_ct);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();
}
