using CommunitySuccess.Sandbox.GitHub;
using Octokit;

namespace CommunitySuccess.Tests.Sandbox.GitHub;

/// <summary>Octokit 14, a real GitHub client, reads and writes the sandbox: proof the wire format is what clients expect.</summary>
public sealed class GitHubOctokitTests
{
    [Fact]
    public async Task IssueGetAllForRepository_StateAll_ParsesEveryIssueAndPullRequest()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();
        var client = host.Octokit();

        var issues = await client.Issue.GetAllForRepository("acme", "widgets", new RepositoryIssueRequest { State = ItemStateFilter.All });

        var expected = host.State.GetIssues("acme", "widgets");
        Assert.Equal(expected.Select(i => i.Number).Order(), issues.Select(i => i.Number).Order());
        Assert.Contains(issues, i => i.Id > int.MaxValue);
        Assert.Equal(expected.Count(i => i.IsPullRequest), issues.Count(i => i.PullRequest is not null));
        Assert.Contains(issues, i => i.StateReason?.Value == ItemStateReason.NotPlanned);
        Assert.Contains(issues, i => i.Labels.Any(l => l.Name == "Triage 👀"));
        Assert.Contains(issues, i => i.Body is null);
        Assert.Contains(issues, i => i.Reactions.Plus1 > 0);
        Assert.All(issues, i => Assert.False(string.IsNullOrEmpty(i.User.Login)));
        // 30 per page by default: Octokit followed the Link headers.
        Assert.Equal((expected.Count + 29) / 30, host.State.Requests.Count);
    }

    [Fact]
    public async Task IssueLabelsRemoveFromIssue_EmojiLabel_Works()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();
        var client = host.Octokit();
        var number = host.State.OpenIssue("acme", "widgets", "liam-walsh", "Crash on start", null, ["Triage 👀", "bug"]);

        var remaining = await client.Issue.Labels.RemoveFromIssue("acme", "widgets", number, "Triage 👀");

        Assert.Equal(["bug"], remaining.Select(l => l.Name));
        Assert.Equal(["bug"], host.State.GetIssue("acme", "widgets", number)!.Labels);
    }

    [Fact]
    public async Task IssueUpdateAndComment_ThroughOctokit_ChangeTheState()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();
        var client = host.Octokit();
        var number = host.State.OpenIssue("acme", "widgets", "liam-walsh", "Crash on start", "Body", ["Triage 👀"]);

        await client.Issue.Labels.AddToIssue("acme", "widgets", number, ["Product review"]);
        var comment = await client.Issue.Comment.Create("acme", "widgets", number, "Moved to product review.");
        var update = new IssueUpdate { State = ItemState.Closed, StateReason = ItemStateReason.NotPlanned };
        var closed = await client.Issue.Update("acme", "widgets", number, update);

        Assert.Equal(ItemState.Closed, closed.State.Value);
        Assert.Equal(ItemStateReason.NotPlanned, closed.StateReason!.Value.Value);
        Assert.Equal(GitHubState.BotLogin, comment.User.Login);
        var issue = host.State.GetIssue("acme", "widgets", number)!;
        Assert.Equal(["Triage 👀", "Product review"], issue.Labels);
        Assert.Equal("Moved to product review.", issue.Comments.Single().Body);
        Assert.Equal("not_planned", issue.StateReason);
    }

    [Fact]
    public async Task ReleasesPullsReviewsAndUser_ThroughOctokit_Parse()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();
        var client = host.Octokit();

        var releases = await client.Repository.Release.GetAll("acme", "widgets");
        var latest = await client.Repository.Release.GetLatest("acme", "widgets");
        var pulls = await client.PullRequest.GetAllForRepository("acme", "widgets", new PullRequestRequest { State = ItemStateFilter.All });
        var reviewed = pulls.First(p => host.State.GetIssue("acme", "widgets", p.Number)!.Reviews.Count == 2);
        var reviews = await client.PullRequest.Review.GetAll("acme", "widgets", reviewed.Number);
        var me = await client.User.Current();
        var limits = await client.RateLimit.GetRateLimits();

        Assert.Equal(["v1.4.0", "v1.3.0", "v1.2.0", "v1.1.0", "v1.0.0"], releases.Select(r => r.TagName));
        Assert.Equal("v1.4.0", latest.TagName);
        Assert.Equal(host.State.GetIssues("acme", "widgets").Count(i => i.IsPullRequest), pulls.Count);
        Assert.Contains(pulls, p => p.Draft);
        Assert.Contains(pulls, p => p.MergedAt is not null);
        Assert.Equal([PullRequestReviewState.ChangesRequested, PullRequestReviewState.Approved], reviews.Select(r => r.State.Value));
        Assert.Equal(GitHubState.BotLogin, me.Login);
        Assert.Equal(GitHubState.RateLimitPerHour, limits.Resources.Core.Limit);
    }

    [Fact]
    public async Task PrimaryRateLimitFault_ThroughOctokit_ThrowsRateLimitExceeded()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();
        var client = host.Octokit();
        host.State.Faults.PrimaryRateLimit();

        var ex = await Assert.ThrowsAsync<RateLimitExceededException>(() => client.Issue.Get("acme", "widgets", 1));

        Assert.Equal(0, ex.Remaining);
        Assert.Equal(GitHubSandboxHost.Start.AddHours(1), ex.Reset);
    }

    [Fact]
    public async Task UnknownIssue_ThroughOctokit_ThrowsNotFound()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();

        await Assert.ThrowsAsync<NotFoundException>(() => host.Octokit().Issue.Get("acme", "widgets", 99_999));
    }
}
