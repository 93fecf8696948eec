using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Tests.TestSupport;

namespace CommunitySuccess.Tests.GitHub.Integration;

/// <summary>The desk's issue actions, sent through the app's outbox to the sandbox's GitHub.</summary>
public sealed class GitHubIssueActionsTests
{
    private const string O = GitHubDeskHarness.Owner;
    private const string R = GitHubDeskHarness.Repo;
    private const string Repository = GitHubDeskHarness.Repository;
    private static readonly AppActor Ana = new("Ana Lima", AppFactory.AdminEmail);

    [Fact]
    public async Task SendToProductReviewAsync_TriageIssue_SwapsTheLabelsOnGitHubAndLeavesTheTriageQueue()
    {
        await using var desk = await GitHubDeskHarness.StartAsync();
        var number = desk.GitHub.OpenIssue(O, R, "priya-raman", "Support S3 buckets", null, [GitHubDeskHarness.Triage, "enhancement"]);
        await desk.SyncGitHubAsync();

        var result = await desk.Get<GitHubIssueActionsService>().SendToProductReviewAsync(Repository, number, Ana, TestContext.Current.CancellationToken);
        await desk.WaitForOutboxSentAsync();

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(2, result.OutboxIds.Count);
        var onGitHub = desk.GitHub.GetIssue(O, R, number)!;
        Assert.Contains(GitHubDeskHarness.ProductReview, onGitHub.Labels);
        Assert.DoesNotContain(GitHubDeskHarness.Triage, onGitHub.Labels);
        Assert.Contains("enhancement", onGitHub.Labels);
        var triage = await desk.Get<GitHubQueueService>().GetPageAsync(GitHubQueue.Triage, 1, 10, TestContext.Current.CancellationToken);
        Assert.Empty(triage.Items);
        Assert.All(await desk.OutboxAsync(), m => Assert.Equal($"{Repository}#{number}", m.IssueKey));

        var again = await desk.Get<GitHubIssueActionsService>().SendToProductReviewAsync(Repository, number, Ana, TestContext.Current.CancellationToken);
        Assert.False(again.Succeeded);
        Assert.Contains("already carries", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommentAsync_Sent_AppearsOnceOnGitHubWithTheHiddenTagAndAnswersTheUser()
    {
        await using var desk = await GitHubDeskHarness.StartAsync();
        var number = desk.GitHub.OpenIssue(O, R, "priya-raman", "Crash", null);
        await desk.SyncGitHubAsync();

        var result = await desk.Get<GitHubIssueActionsService>().CommentAsync(Repository, number, "Could you share the logs?", Ana, TestContext.Current.CancellationToken);
        await desk.WaitForOutboxSentAsync();

        Assert.True(result.Succeeded, result.Error);
        var comment = Assert.Single(desk.GitHub.GetIssue(O, R, number)!.Comments);
        Assert.StartsWith("Could you share the logs?", comment.Body, StringComparison.Ordinal);
        Assert.Contains(GitHubOutboxSender.Tag(result.OutboxIds[0]), comment.Body, StringComparison.Ordinal);

        // Posted under the token's account, it counts as the team: the issue no longer waits for us.
        var awaiting = await desk.Get<GitHubQueueService>().GetPageAsync(GitHubQueue.AwaitingResponse, 1, 10, TestContext.Current.CancellationToken);
        Assert.Empty(awaiting.Items);
    }

    [Fact]
    public async Task CommentAsync_Empty_IsRefusedAndQueuesNothing()
    {
        await using var desk = await GitHubDeskHarness.StartAsync();
        var number = desk.GitHub.OpenIssue(O, R, "priya-raman", "Crash", null);
        await desk.SyncGitHubAsync();

        var result = await desk.Get<GitHubIssueActionsService>().CommentAsync(Repository, number, "  ", Ana, TestContext.Current.CancellationToken);
        var unknown = await desk.Get<GitHubIssueActionsService>().CommentAsync(Repository, 4242, "Hello", Ana, TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Contains("empty", result.Error, StringComparison.Ordinal);
        Assert.False(unknown.Succeeded);
        Assert.Contains("has not been synced", unknown.Error, StringComparison.Ordinal);
        Assert.Empty(await desk.OutboxAsync());
    }

    [Fact]
    public async Task CloseAsync_NotPlanned_ClosesOnGitHubWithTheReason()
    {
        await using var desk = await GitHubDeskHarness.StartAsync();
        var number = desk.GitHub.OpenIssue(O, R, "priya-raman", "Please support Windows XP", null);
        await desk.SyncGitHubAsync();

        var result = await desk.Get<GitHubIssueActionsService>().CloseAsync(Repository, number, GitHubCloseReason.NotPlanned, Ana, TestContext.Current.CancellationToken);
        await desk.WaitForOutboxSentAsync();

        Assert.True(result.Succeeded, result.Error);
        var onGitHub = desk.GitHub.GetIssue(O, R, number)!;
        Assert.Equal("closed", onGitHub.State);
        Assert.Equal("not_planned", onGitHub.StateReason);
        var detail = await desk.Get<GitHubQueueService>().GetIssueAsync(Repository, number, TestContext.Current.CancellationToken);
        Assert.Equal("closed", detail!.State);
        Assert.Equal(OutboxStatus.Sent, Assert.Single(detail.Writes).Status);
    }

    [Fact]
    public async Task AddCommunityLabelAsync_AddsTheLabelOnGitHub()
    {
        await using var desk = await GitHubDeskHarness.StartAsync();
        var number = desk.GitHub.OpenIssue(O, R, "priya-raman", "Small docs fix", null);
        await desk.SyncGitHubAsync();

        var result = await desk.Get<GitHubIssueActionsService>().AddCommunityLabelAsync(Repository, number, Ana, TestContext.Current.CancellationToken);
        await desk.WaitForOutboxSentAsync();

        Assert.True(result.Succeeded, result.Error);
        Assert.Contains(GitHubDeskHarness.Community, desk.GitHub.GetIssue(O, R, number)!.Labels);
    }

    [Fact]
    public async Task AssignToMeAsync_AccountIsATeamMember_AssignsTheirGitHubLogin()
    {
        await using var desk = await GitHubDeskHarness.StartAsync();
        var number = desk.GitHub.OpenIssue(O, R, "priya-raman", "Crash", null);
        await desk.SyncGitHubAsync();

        var result = await desk.Get<GitHubIssueActionsService>().AssignToMeAsync(Repository, number, Ana, TestContext.Current.CancellationToken);
        await desk.WaitForOutboxSentAsync();

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal([GitHubDeskHarness.AnaLogin], desk.GitHub.GetIssue(O, R, number)!.Assignees);
    }

    [Fact]
    public async Task AssignToMeAsync_AccountWithoutTeamMember_IsRefusedSayingWhatToFix()
    {
        await using var desk = await GitHubDeskHarness.StartAsync(s => s["Team:Members:1:GitHubLogin"] = "");
        var number = desk.GitHub.OpenIssue(O, R, "priya-raman", "Crash", null);
        await desk.SyncGitHubAsync();
        var actions = desk.Get<GitHubIssueActionsService>();

        var stranger = await actions.AssignToMeAsync(Repository, number, new AppActor("Zoe", "zoe@example.test"), TestContext.Current.CancellationToken);
        var noLogin = await actions.AssignToMeAsync(Repository, number, new AppActor("Ben", "ben@example.test"), TestContext.Current.CancellationToken);
        var noEmail = await actions.AssignToMeAsync(Repository, number, new AppActor("Someone"), TestContext.Current.CancellationToken);

        Assert.False(stranger.Succeeded);
        Assert.Contains("No team member has the email zoe@example.test", stranger.Error, StringComparison.Ordinal);
        Assert.False(noLogin.Succeeded);
        Assert.Contains("has no GitHub login", noLogin.Error, StringComparison.Ordinal);
        Assert.False(noEmail.Succeeded);
        Assert.Empty(await desk.OutboxAsync());
    }
}
