using CommunitySuccess.Core.Accounts;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Sandbox.GitHub;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CommunitySuccess.Tests.GitHub.Integration;

/// <summary>
/// A comment written in our app stays its writer's: they can edit or delete it from the pane (through the outbox, on
/// the sandbox's GitHub), nobody else can, and comments written on GitHub are edited there. A comment deleted on GitHub
/// leaves the pane without counting as a new comment.
/// </summary>
public sealed class GitHubOwnCommentTests
{
    private const string O = GitHubDeskHarness.Owner;
    private const string R = GitHubDeskHarness.Repo;
    private const string Outsider = "priya-raman";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EditOwnComment_ChangesItOnGitHubKeepingTheTagAndThePaneShowsTheNewText()
    {
        await using var desk = await GitHubDeskHarness.StartAsync();
        var ana = await AnaAsync(desk);
        var (number, commentId) = await CommentAsAnaAsync(desk, "Could you share the logs?");
        var actions = desk.Get<GitHubIssueActionsService>();

        var mine = await CommentAsync(desk, number, commentId);
        Assert.True(mine.IsPostedBy(ana));
        Assert.Equal("Could you share the logs?", mine.Text);

        var edited = await actions.EditCommentAsync(GitHubDeskHarness.Repository, number, commentId, "Could you share the logs of the worker?", ana, Ct);
        Assert.True(edited.Succeeded, edited.Error);
        await desk.WaitForOutboxSentAsync();

        var onGitHub = Assert.Single(desk.GitHub.GetIssue(O, R, number)!.Comments);
        Assert.Equal(commentId, onGitHub.Id);
        Assert.StartsWith("Could you share the logs of the worker?", onGitHub.Body, StringComparison.Ordinal);
        // The tag stays: a repeat of the original write still finds it instead of commenting twice.
        var original = (await desk.OutboxAsync()).Single(m => m.Kind == GitHubOutboxKinds.Comment);
        Assert.EndsWith(GitHubOutboxSender.Tag(original.Id), onGitHub.Body, StringComparison.Ordinal);

        var shown = await CommentAsync(desk, number, commentId);
        Assert.Equal("Could you share the logs of the worker?", shown.Text);
    }

    [Fact]
    public async Task DeleteOwnComment_RemovesItOnGitHubAndFromThePane()
    {
        await using var desk = await GitHubDeskHarness.StartAsync();
        var ana = await AnaAsync(desk);
        var (number, commentId) = await CommentAsAnaAsync(desk, "Wrong issue, sorry");

        var deleted = await desk.Get<GitHubIssueActionsService>().DeleteCommentAsync(GitHubDeskHarness.Repository, number, commentId, ana, Ct);
        Assert.True(deleted.Succeeded, deleted.Error);
        await desk.WaitForOutboxSentAsync();

        Assert.Empty(desk.GitHub.GetIssue(O, R, number)!.Comments);
        var detail = await desk.Get<GitHubQueueService>().GetIssueAsync(GitHubDeskHarness.Repository, number, Ct);
        Assert.Empty(detail!.Comments);
        Assert.Contains(detail.Writes, w => w.Kind == GitHubOutboxKinds.DeleteComment && w.Status == OutboxStatus.Sent);
    }

    [Fact]
    public async Task EditOrDelete_SomeoneElsesComment_IsRefusedAndNothingIsQueued()
    {
        await using var desk = await GitHubDeskHarness.StartAsync();
        var ana = await AnaAsync(desk);
        var (number, anasComment) = await CommentAsAnaAsync(desk, "Looking into it");
        var outsiders = desk.GitHub.Comment(O, R, number, Outsider, "Any news?");
        await desk.SyncGitHubAsync();
        var actions = desk.Get<GitHubIssueActionsService>();
        var before = (await desk.OutboxAsync()).Count;

        var ben = await BenAsync(desk);
        var bensEdit = await actions.EditCommentAsync(GitHubDeskHarness.Repository, number, anasComment, "Hijacked", ben, Ct);
        var bensDelete = await actions.DeleteCommentAsync(GitHubDeskHarness.Repository, number, anasComment, ben, Ct);
        var outsidersEdit = await actions.EditCommentAsync(GitHubDeskHarness.Repository, number, outsiders, "Changed", ana, Ct);

        Assert.False(bensEdit.Succeeded);
        Assert.Contains("Only Ana Lima", bensEdit.Error, StringComparison.Ordinal);
        Assert.False(bensDelete.Succeeded);
        Assert.False(outsidersEdit.Succeeded);
        Assert.Contains("written on GitHub", outsidersEdit.Error, StringComparison.Ordinal);
        Assert.Equal(before, (await desk.OutboxAsync()).Count);
        Assert.False((await CommentAsync(desk, number, anasComment)).IsPostedBy(ben));
        Assert.Equal("Looking into it", (await CommentAsync(desk, number, anasComment)).Text);
    }

    [Fact]
    public async Task EditOwnComment_Emptied_IsRefusedWithAClearMessage()
    {
        await using var desk = await GitHubDeskHarness.StartAsync();
        var ana = await AnaAsync(desk);
        var (number, commentId) = await CommentAsAnaAsync(desk, "First answer");

        var result = await desk.Get<GitHubIssueActionsService>().EditCommentAsync(GitHubDeskHarness.Repository, number, commentId, "  ", ana, Ct);

        Assert.False(result.Succeeded);
        Assert.Contains("delete it instead", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebhookCommentDeleted_NeverStoresTheCommentAndTheClosedItemStaysClosed()
    {
        await using var desk = await GitHubDeskHarness.StartAsync();
        var ana = await AnaAsync(desk);
        var number = desk.GitHub.OpenIssue(O, R, Outsider, "Thanks for the release!", null, [GitHubDeskHarness.Triage]);
        await desk.SyncGitHubAsync();
        var item = (await desk.Get<InboxQueryService>().GetPageAsync(InboxView.All, InboxOrder.Oldest, InboxSourceFilter.GitHub, 0, 10, Ct))
            .Rows.Single(r => r.IssueKey == $"{GitHubDeskHarness.Repository}#{number}");
        Assert.True((await desk.Get<IssueItemActionsService>().CloseAsync(item.Id, IssueCloseChoice.NoReplyNeeded, ana, Ct)).Succeeded);

        // A comment the app never saw (written while no webhook was set up), deleted once webhooks arrive.
        var unseen = desk.GitHub.Comment(O, R, number, Outsider, "oops, wrong repo");
        using var sender = new GitHubWebhookSender(new Uri(desk.App.BaseAddress, "github/webhooks"), GitHubDeskHarness.WebhookSecret);
        desk.GitHub.WebhookTarget = sender;
        desk.GitHub.DeleteComment(O, R, unseen, Outsider);
        await sender.WaitForDeliveriesAsync(Ct);

        Assert.True(Assert.Single(sender.Deliveries).Succeeded);
        var detail = await desk.Get<GitHubQueueService>().GetIssueAsync(GitHubDeskHarness.Repository, number, Ct);
        Assert.Empty(detail!.Comments);
        var row = await desk.Get<InboxQueryService>().GetRowAsync(item.Id, Ct);
        Assert.Equal(ThreadStatus.Closed, row!.Status);
    }

    private static Task<AppActor> AnaAsync(GitHubDeskHarness desk) => desk.AdminActorAsync();

    /// <summary>Ben, a second engineer with an account of his own.</summary>
    private static async Task<AppActor> BenAsync(GitHubDeskHarness desk)
    {
        var created = await desk.Get<AccountService>().CreateUserAsync("ben@acme.example", "Ben Carter", "ben-password-2026", [Roles.Engineer]);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors));
        return new AppActor("Ben Carter", "ben@acme.example") { UserId = await desk.AccountIdAsync("ben@acme.example") };
    }

    /// <summary>A triage issue by an outsider, and Ana's comment on it sent to GitHub and synced back.</summary>
    private static async Task<(int Number, long CommentId)> CommentAsAnaAsync(GitHubDeskHarness desk, string text)
    {
        var ana = await AnaAsync(desk);
        var number = desk.GitHub.OpenIssue(O, R, Outsider, "Crash on start", null, [GitHubDeskHarness.Triage]);
        await desk.SyncGitHubAsync();
        var result = await desk.Get<GitHubIssueActionsService>().CommentAsync(GitHubDeskHarness.Repository, number, text, ana, Ct);
        Assert.True(result.Succeeded, result.Error);
        await desk.WaitForOutboxSentAsync();
        return (number, Assert.Single(desk.GitHub.GetIssue(O, R, number)!.Comments).Id);
    }

    private static async Task<GitHubCommentView> CommentAsync(GitHubDeskHarness desk, int number, long commentId)
    {
        var detail = await desk.Get<GitHubQueueService>().GetIssueAsync(GitHubDeskHarness.Repository, number, Ct);
        return Assert.Single(detail!.Comments, c => c.Id == commentId);
    }
}
