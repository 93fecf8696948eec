using CommunitySuccess.Core.GitHub;
using Microsoft.Extensions.Time.Testing;

namespace CommunitySuccess.Tests.GitHub.Integration;

/// <summary>
/// The three queues over a small hand-made repository, synced from the sandbox: which issue lands in which queue,
/// in which order, and server-side pages.
/// </summary>
public sealed class GitHubQueueTests
{
    private const string O = GitHubDeskHarness.Owner;
    private const string R = GitHubDeskHarness.Repo;
    private const string Triage = GitHubDeskHarness.Triage;
    private const string Ana = GitHubDeskHarness.AnaLogin;
    private const string Ben = GitHubDeskHarness.BenLogin;

    [Fact]
    public async Task Queues_HandMadeRepository_HoldExactlyTheRightItemsInOrder()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-2));
        await using var desk = await GitHubDeskHarness.StartAsync(sandboxTime: clock);
        var gh = desk.GitHub;
        int Step(Func<int> action)
        {
            clock.Advance(TimeSpan.FromMinutes(10));
            return action();
        }

        void Do(Action action)
        {
            clock.Advance(TimeSpan.FromMinutes(10));
            action();
        }

        var newBug = Step(() => gh.OpenIssue(O, R, "priya-raman", "Crash on start", "It crashes.", [Triage]));
        var answered = Step(() => gh.OpenIssue(O, R, "kenji-w", "How do I configure TLS?", null, [Triage]));
        Do(() => gh.Comment(O, R, answered, Ben, "See the TLS guide."));
        var userSpokeLast = Step(() => gh.OpenIssue(O, R, "lucas-oliveira", "Sync stalls", "Stalls after 1 GB."));
        Do(() => gh.Comment(O, R, userSpokeLast, Ana, "Which version?"));
        Do(() => gh.Comment(O, R, userSpokeLast, "lucas-oliveira", "1.4.0"));
        var botIssue = Step(() => gh.OpenIssue(O, R, "github-actions[bot]", "Nightly build failed", null, [Triage]));
        var contributorPr = Step(() => gh.OpenPullRequest(O, R, "mariana-costa", "Fix typo in README"));
        var reviewedPr = Step(() => gh.OpenPullRequest(O, R, "jake-thompson", "Add retry to uploads"));
        Do(() => gh.Review(O, R, reviewedPr, Ben, "CHANGES_REQUESTED", "Please add a test."));
        var teamPr = Step(() => gh.OpenPullRequest(O, R, Ana, "Refactor sync loop"));
        var closedTriage = Step(() => gh.OpenIssue(O, R, "emily-chen", "Old question", null, [Triage]));
        Do(() => gh.Close(O, R, closedTriage, Ana));
        var ciCommentedLast = Step(() => gh.OpenIssue(O, R, "lukas-becker", "Docs link broken", null));
        Do(() => gh.Comment(O, R, ciCommentedLast, "github-actions[bot]", "This issue is stale."));
        var weAnswered = Step(() => gh.OpenIssue(O, R, "sofia-rossi", "Feature: dark mode", null));
        Do(() => gh.Comment(O, R, weAnswered, "acme-community-bot", "Thanks, noted! (posted from the desk)"));
        var dependabotPr = Step(() => gh.OpenPullRequest(O, R, "dependabot[bot]", "Bump lodash"));

        await desk.SyncGitHubAsync();
        var queues = desk.Get<GitHubQueueService>();
        var ct = TestContext.Current.CancellationToken;

        var triage = await queues.GetPageAsync(GitHubQueue.Triage, 1, 50, ct);
        var awaiting = await queues.GetPageAsync(GitHubQueue.AwaitingResponse, 1, 50, ct);
        var prs = await queues.GetPageAsync(GitHubQueue.ContributorPullRequests, 1, 50, ct);

        Assert.Equal([newBug, answered], triage.Items.Select(i => i.Number));
        Assert.Equal(1, triage.Items.Single(i => i.Number == answered).Comments);
        Assert.Equal("priya-raman", triage.Items[0].AuthorLogin);

        // Waiting longest first: each waits since the outside person last spoke (bots do not count as speaking).
        Assert.Equal([newBug, userSpokeLast, contributorPr, reviewedPr, ciCommentedLast], awaiting.Items.Select(i => i.Number));
        Assert.True(awaiting.Items.Single(i => i.Number == userSpokeLast).WaitingSince
            > awaiting.Items.Single(i => i.Number == userSpokeLast).CreatedAt);

        Assert.Equal([contributorPr], prs.Items.Select(i => i.Number));
        Assert.True(prs.Items[0].IsPullRequest);

        var everything = triage.Items.Concat(awaiting.Items).Concat(prs.Items).Select(i => i.Number).ToHashSet();
        Assert.DoesNotContain(botIssue, everything);
        Assert.DoesNotContain(dependabotPr, everything);
        Assert.DoesNotContain(teamPr, everything);
        Assert.DoesNotContain(closedTriage, everything);
        Assert.DoesNotContain(weAnswered, everything);

        var counts = await queues.GetCountsAsync(ct);
        Assert.Equal(new GitHubQueueCounts(2, 5, 1), counts);
    }

    [Fact]
    public async Task GetPageAsync_PagesCutInTheDatabase_ReturnTheRightSliceAndTotal()
    {
        await using var desk = await GitHubDeskHarness.StartAsync();
        var numbers = Enumerable.Range(1, 7).Select(i => desk.GitHub.OpenIssue(O, R, $"user-{i}", $"Question {i}", null, [Triage])).ToList();
        await desk.SyncGitHubAsync();
        var queues = desk.Get<GitHubQueueService>();
        var ct = TestContext.Current.CancellationToken;

        var page1 = await queues.GetPageAsync(GitHubQueue.Triage, 1, 3, ct);
        var page3 = await queues.GetPageAsync(GitHubQueue.Triage, 3, 3, ct);
        var beyond = await queues.GetPageAsync(GitHubQueue.Triage, 9, 3, ct);

        Assert.Equal(7, page1.Total);
        Assert.Equal(3, page1.PageCount);
        Assert.Equal(numbers.Take(3), page1.Items.Select(i => i.Number));
        Assert.Equal([numbers[6]], page3.Items.Select(i => i.Number));
        Assert.Empty(beyond.Items);
        Assert.Equal(7, beyond.Total);
    }

    [Fact]
    public async Task SearchAsync_NumberOrTitle_FindsSyncedIssues()
    {
        await using var desk = await GitHubDeskHarness.StartAsync();
        var crash = desk.GitHub.OpenIssue(O, R, "priya-raman", "Crash when the disk is full", null);
        desk.GitHub.OpenIssue(O, R, "kenji-w", "100% CPU on idle", null);
        await desk.SyncGitHubAsync();
        var queues = desk.Get<GitHubQueueService>();
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(crash, Assert.Single(await queues.SearchAsync($"#{crash}", 10, ct)).Number);
        Assert.Equal(crash, Assert.Single(await queues.SearchAsync($"{GitHubDeskHarness.Repository}#{crash}", 10, ct)).Number);
        Assert.Equal(crash, Assert.Single(await queues.SearchAsync("disk is FULL", 10, ct)).Number);
        Assert.Equal("100% CPU on idle", Assert.Single(await queues.SearchAsync("100%", 10, ct)).Title);
        Assert.Empty(await queues.SearchAsync("other/repo#1", 10, ct));
        Assert.Empty(await queues.SearchAsync("   ", 10, ct));
    }

    [Fact]
    public async Task GetIssueAsync_Synced_ReturnsCommentsInOrderAndMarksTheTeam()
    {
        await using var desk = await GitHubDeskHarness.StartAsync();
        var number = desk.GitHub.OpenIssue(O, R, "priya-raman", "Crash", "Steps:\n1. start", [Triage]);
        desk.GitHub.Comment(O, R, number, Ana, "Thanks, looking.");
        desk.GitHub.Comment(O, R, number, "priya-raman", "Any news?");
        await desk.SyncGitHubAsync();

        var detail = await desk.Get<GitHubQueueService>().GetIssueAsync(GitHubDeskHarness.Repository, number, TestContext.Current.CancellationToken);

        Assert.NotNull(detail);
        Assert.Equal("Crash", detail.Title);
        Assert.Equal([Triage], detail.Labels);
        Assert.False(detail.AuthorIsTeam);
        Assert.Equal([(Ana, true), ("priya-raman", false)], detail.Comments.Select(c => (c.AuthorLogin, c.IsTeam)));
        Assert.True(detail.AwaitingTeam);
        Assert.Null(await desk.Get<GitHubQueueService>().GetIssueAsync(GitHubDeskHarness.Repository, 999, TestContext.Current.CancellationToken));
    }
}
