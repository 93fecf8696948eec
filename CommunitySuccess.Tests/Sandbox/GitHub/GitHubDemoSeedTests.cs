using CommunitySuccess.Sandbox.GitHub;
using Microsoft.Extensions.Time.Testing;

namespace CommunitySuccess.Tests.Sandbox.GitHub;

/// <summary>The demo repository has every state the desk shows, relative to now, and is the same at the same now.</summary>
public sealed class GitHubDemoSeedTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 2, 9, 30, 0, TimeSpan.Zero);

    private static readonly HashSet<string> Team = [.. GitHubState.DemoTeamLogins];

    private static IReadOnlyList<GitHubIssueSnapshot> Seed(DateTimeOffset now)
    {
        var state = new GitHubState(new FakeTimeProvider(now));
        state.SeedDemo();
        return state.GetIssues(GitHubState.DemoOwner, GitHubState.DemoRepo);
    }

    private static bool IsTeam(string login) => Team.Contains(login) || login == GitHubState.BotLogin;

    [Fact]
    public void SeedDemo_Items_AtLeast80AcrossTheLast60DaysNoneInTheFuture()
    {
        var items = Seed(Now);

        Assert.True(items.Count >= 80, $"{items.Count} items");
        Assert.All(items, i => Assert.InRange(i.CreatedAt, Now.AddDays(-60), Now));
        Assert.All(items.SelectMany(i => i.Comments), c => Assert.True(c.CreatedAt <= Now));
        Assert.All(items, i => Assert.True(i.UpdatedAt <= Now && i.UpdatedAt >= i.CreatedAt));
        Assert.Equal(items.OrderBy(i => i.CreatedAt).Select(i => i.Number), items.Select(i => i.Number));
    }

    [Fact]
    public void SeedDemo_Triage_HasNewAnsweredAndWaitingIssues()
    {
        var triage = Seed(Now).Where(i => i.State == "open" && i.Labels.Contains("Triage 👀")).ToList();

        Assert.True(triage.Count(i => i.Comments.Count == 0) >= 3);
        Assert.True(triage.Count(i => i.Comments.Count > 0 && IsTeam(i.Comments[^1].Login)) >= 3);
        Assert.True(triage.Count(i => i.Comments.Count > 0 && !IsTeam(i.Comments[^1].Login) && i.Comments.Any(c => IsTeam(c.Login))) >= 3);
    }

    [Theory]
    [InlineData("Product review")]
    [InlineData("Community")]
    [InlineData("Open to contribution")]
    [InlineData("Deployment blocker")]
    [InlineData("Sprint")]
    [InlineData("bug")]
    [InlineData("enhancement")]
    public void SeedDemo_Label_HasOpenIssues(string label)
    {
        Assert.Contains(Seed(Now), i => i.State == "open" && !i.IsPullRequest && i.Labels.Contains(label));
    }

    [Fact]
    public void SeedDemo_ClosedIssues_AsCompletedAndAsNotPlanned()
    {
        var closed = Seed(Now).Where(i => !i.IsPullRequest && i.State == "closed").ToList();

        Assert.True(closed.Count(i => i.StateReason == "completed") >= 10);
        Assert.True(closed.Count(i => i.StateReason == "not_planned") >= 3);
        Assert.All(closed, i => Assert.NotNull(i.ClosedAt));
    }

    [Fact]
    public void SeedDemo_PullRequests_FromOutsidersTeamAndDependabot()
    {
        var pulls = Seed(Now).Where(i => i.IsPullRequest).ToList();
        var outside = pulls.Where(p => !IsTeam(p.AuthorLogin) && p.AuthorLogin != "dependabot[bot]").ToList();

        Assert.Contains(outside, p => p.State == "open" && p.Reviews.Any(r => Team.Contains(r.Login)));
        Assert.Contains(outside, p => p.State == "open" && p.Reviews.Count == 0);
        Assert.Contains(pulls, p => Team.Contains(p.AuthorLogin) && p.State == "open");
        Assert.Contains(pulls, p => p.AuthorLogin == "dependabot[bot]");
        Assert.Contains(pulls, p => p.MergedAt is not null);
        Assert.Contains(pulls, p => p.Draft);
        Assert.Equal(
            new[] { "APPROVED", "CHANGES_REQUESTED", "COMMENTED" },
            pulls.SelectMany(p => p.Reviews).Select(r => r.State).Distinct().Order());
    }

    [Fact]
    public void SeedDemo_People_TeamAndAtLeast15CommunityLoginsTalk()
    {
        var items = Seed(Now);
        var people = items.SelectMany(i => i.Comments.Select(c => c.Login)).Concat(items.Select(i => i.AuthorLogin)).ToHashSet();

        Assert.Superset(Team, people);
        Assert.True(people.Count(p => !IsTeam(p) && !p.EndsWith("[bot]", StringComparison.Ordinal)) >= 15);
    }

    [Fact]
    public void SeedDemo_Content_HasMarkdownNullBodiesAndReactions()
    {
        var items = Seed(Now);

        Assert.True(items.Count(i => i.Body is null) >= 3);
        Assert.Contains(items, i => i.Body?.Contains("```", StringComparison.Ordinal) == true);
        Assert.Contains(items, i => i.Body?.Contains("- [ ]", StringComparison.Ordinal) == true);
        Assert.Contains(items, i => i.Body?.Contains("](https://", StringComparison.Ordinal) == true);
        Assert.Contains(items, i => i.Reactions.GetValueOrDefault("+1") > 0);
        Assert.Contains(items, i => i.Reactions.GetValueOrDefault("heart") > 0);
        Assert.Contains(items, i => i.Reactions.GetValueOrDefault("eyes") > 0);
    }

    [Fact]
    public void SeedDemo_Releases_V100ToV140WithTheLastOneRecent()
    {
        var state = new GitHubState(new FakeTimeProvider(Now));
        state.SeedDemo();

        var releases = state.GetReleases(GitHubState.DemoOwner, GitHubState.DemoRepo);

        Assert.Equal(["v1.0.0", "v1.1.0", "v1.2.0", "v1.3.0", "v1.4.0"], releases.Select(r => r.TagName));
        Assert.True(releases[^1].PublishedAt > Now.AddDays(-7));
        Assert.Contains("#", releases[^1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public void SeedDemo_SameNow_SameRepository()
    {
        var first = Seed(Now);
        var second = Seed(Now);

        Assert.Equal(first.Select(Describe), second.Select(Describe));
    }

    [Fact]
    public void SeedDemo_LaterNow_ShiftsWithTheClock()
    {
        var first = Seed(Now);
        var later = Seed(Now.AddDays(10));

        Assert.Equal(first.Select(i => i.CreatedAt.AddDays(10)), later.Select(i => i.CreatedAt));
    }

    private static string Describe(GitHubIssueSnapshot i) =>
        $"{i.Number}|{i.Id}|{i.Title}|{i.State}|{i.StateReason}|{string.Join(',', i.Labels)}|{i.UpdatedAt:O}|"
        + string.Join(';', i.Comments.Select(c => $"{c.Id}:{c.Login}:{c.CreatedAt:O}"));
}
