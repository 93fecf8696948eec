using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CommunitySuccess.Sandbox.GitHub;

namespace CommunitySuccess.Tests.Sandbox.GitHub;

/// <summary>Paging with Link headers exactly like GitHub's, and the list filters a sync relies on.</summary>
public sealed partial class GitHubApiPaginationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListIssues_5000IssuesFollowingLinkNext_ReturnsEveryIssueExactlyOnce()
    {
        await using var host = await GitHubSandboxHost.StartAsync(s => s.SeedBulk("octo", "bulk", 5000));
        var numbers = new List<int>();
        var requests = 0;
        string? next = "repos/octo/bulk/issues?state=all&per_page=100";

        while (next is not null)
        {
            var (response, json) = await host.GetAsync(next, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            requests++;
            numbers.AddRange(json!.AsArray().Select(i => i!["number"]!.GetValue<int>()));
            next = Links(response).GetValueOrDefault("next");
        }

        Assert.Equal(50, requests);
        Assert.Equal(5000, numbers.Count);
        Assert.Equal(Enumerable.Range(1, 5000), numbers.Order());
        Assert.Equal(numbers.OrderDescending(), numbers);
    }

    [Fact]
    public async Task ListIssues_FirstPage_LinkHeaderIsGitHubsRecordedForm()
    {
        await using var host = await GitHubSandboxHost.StartAsync(s => s.SeedBulk("octo", "bulk", 15));
        var repositoryId = (await host.GetAsync("repos/octo/bulk", Ct)).Json!["id"]!.GetValue<long>();

        var (response, _) = await host.GetAsync("repos/octo/bulk/issues?per_page=3", Ct);

        // Recorded: <https://api.github.com/repositories/515435940/issues?per_page=3&page=2>; rel="next", <…&page=5>; rel="last"
        var root = $"{host.Api}repositories/{repositoryId}/issues";
        Assert.Equal(
            $"<{root}?per_page=3&page=2>; rel=\"next\", <{root}?per_page=3&page=4>; rel=\"last\"",
            string.Join(", ", response.Headers.GetValues("Link")));
    }

    [Fact]
    public async Task ListIssues_MiddleAndLastPage_HavePrevNextLastFirst()
    {
        await using var host = await GitHubSandboxHost.StartAsync(s => s.SeedBulk("octo", "bulk", 10));

        var (middle, _) = await host.GetAsync("repos/octo/bulk/issues?state=all&per_page=3&page=2", Ct);
        var (last, lastItems) = await host.GetAsync("repos/octo/bulk/issues?state=all&per_page=3&page=4", Ct);

        Assert.Equal(["prev", "next", "last", "first"], Links(middle).Keys);
        Assert.EndsWith("state=all&per_page=3&page=1", Links(middle)["prev"], StringComparison.Ordinal);
        Assert.EndsWith("page=3", Links(middle)["next"], StringComparison.Ordinal);
        Assert.Equal(["prev", "first"], Links(last).Keys);
        Assert.Single(lastItems!.AsArray());
    }

    [Fact]
    public async Task ListIssues_EverythingOnOnePage_HasNoLinkHeader()
    {
        await using var host = await GitHubSandboxHost.StartAsync(s => s.SeedBulk("octo", "bulk", 10));

        var (response, json) = await host.GetAsync("repos/octo/bulk/issues?state=all", Ct);

        Assert.False(response.Headers.Contains("Link"));
        Assert.Equal(10, json!.AsArray().Count);
    }

    [Fact]
    public async Task ListIssues_PerPage_DefaultsTo30AndCapsAt100()
    {
        await using var host = await GitHubSandboxHost.StartAsync(s => s.SeedBulk("octo", "bulk", 250));

        var (_, byDefault) = await host.GetAsync("repos/octo/bulk/issues?state=all", Ct);
        var (_, capped) = await host.GetAsync("repos/octo/bulk/issues?state=all&per_page=500", Ct);

        Assert.Equal(30, byDefault!.AsArray().Count);
        Assert.Equal(100, capped!.AsArray().Count);
    }

    [Fact]
    public async Task ListIssues_StateDefault_IsOpenOnly()
    {
        await using var host = await GitHubSandboxHost.StartAsync(s => s.SeedBulk("octo", "bulk", 40));

        var (_, open) = await host.GetAsync("repos/octo/bulk/issues?per_page=100", Ct);
        var (_, closed) = await host.GetAsync("repos/octo/bulk/issues?state=closed&per_page=100", Ct);

        Assert.Equal(30, open!.AsArray().Count);
        Assert.All(open.AsArray(), i => Assert.Equal("open", i!["state"]!.GetValue<string>()));
        Assert.Equal(10, closed!.AsArray().Count);
        Assert.All(closed.AsArray(), i => Assert.Equal("completed", i!["state_reason"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ListIssues_Since_ReturnsOnlyIssuesUpdatedAtOrAfterIt()
    {
        await using var host = await GitHubSandboxHost.StartAsync(s => s.SeedBulk("octo", "bulk", 100));
        var since = GitHubSandboxHost.Start.AddMinutes(-10);

        var (_, recent) = await host.GetAsync($"repos/octo/bulk/issues?state=all&per_page=100&since={Iso(since)}", Ct);

        var updated = recent!.AsArray().Select(i => DateTimeOffset.Parse(i!["updated_at"]!.GetValue<string>(), CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(host.State.GetIssues("octo", "bulk").Count(i => i.UpdatedAt >= since), updated.Count);
        Assert.All(updated, u => Assert.True(u >= since));
    }

    [Fact]
    public async Task ListIssues_SinceAfterACommentOnAnOldIssue_ReturnsThatIssueAgain()
    {
        await using var host = await GitHubSandboxHost.StartAsync(s => s.SeedBulk("octo", "bulk", 100));
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var since = host.Clock.GetUtcNow();
        var (_, before) = await host.GetAsync($"repos/octo/bulk/issues?state=all&since={Iso(since)}", Ct);

        host.State.Comment("octo", "bulk", 2, "bulk-user-7", "Still happening on the latest version.");
        var (_, after) = await host.GetAsync($"repos/octo/bulk/issues?state=all&since={Iso(since)}", Ct);

        Assert.Empty(before!.AsArray());
        var issue = Assert.Single(after!.AsArray());
        Assert.Equal(2, issue!["number"]!.GetValue<int>());
        Assert.Equal(1, issue["comments"]!.GetValue<int>());
    }

    [Fact]
    public async Task ListIssues_Labels_RequiresEveryListedLabel()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();

        var (_, json) = await host.GetAsync("repos/acme/widgets/issues?labels=Community,Deployment%20blocker&per_page=100", Ct);

        var expected = host.State.GetIssues("acme", "widgets")
            .Where(i => i.State == "open" && i.Labels.Contains("Community") && i.Labels.Contains("Deployment blocker"))
            .Select(i => i.Number).OrderDescending();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, json!.AsArray().Select(i => i!["number"]!.GetValue<int>()));
    }

    [Fact]
    public async Task ListIssues_SortUpdatedAscending_OrdersByUpdatedAt()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();

        var (_, json) = await host.GetAsync("repos/acme/widgets/issues?state=all&sort=updated&direction=asc&per_page=100", Ct);

        var updated = json!.AsArray().Select(i => i!["updated_at"]!.GetValue<string>()).ToList();
        Assert.Equal(updated.Order(StringComparer.Ordinal), updated);
    }

    [Fact]
    public async Task ListRepositoryComments_Since_OldestFirstAcrossIssues()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();
        var since = GitHubSandboxHost.Start.AddDays(-3);

        var (_, json) = await host.GetAsync($"repos/acme/widgets/issues/comments?since={Iso(since)}&per_page=100", Ct);

        var expected = host.State.GetIssues("acme", "widgets").SelectMany(i => i.Comments).Where(c => c.UpdatedAt >= since).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id);
        Assert.Equal(expected.Select(c => c.Id), json!.AsArray().Select(c => c!["id"]!.GetValue<long>()));
        Assert.NotEmpty(json.AsArray());
    }

    [Fact]
    public async Task ListIssues_LinkNextOfAFilteredList_KeepsTheFilters()
    {
        await using var host = await GitHubSandboxHost.StartAsync(s => s.SeedBulk("octo", "bulk", 300));

        var (first, _) = await host.GetAsync("repos/octo/bulk/issues?labels=bug&state=all&per_page=20", Ct);
        var (second, json) = await host.GetAsync(Links(first)["next"], Ct);

        Assert.Contains("labels=bug&state=all&per_page=20&page=2", Links(first)["next"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.All(json!.AsArray(), i => Assert.Contains(i!["labels"]!.AsArray(), l => l!["name"]!.GetValue<string>() == "bug"));
    }

    internal static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The Link header as rel → URL, in header order.</summary>
    internal static Dictionary<string, string> Links(HttpResponseMessage response)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return result;
        }

        foreach (Match match in LinkPart().Matches(string.Join(", ", values)))
        {
            result.Add(match.Groups["rel"].Value, match.Groups["url"].Value);
        }

        return result;
    }

    [GeneratedRegex("<(?<url>[^>]+)>; rel=\"(?<rel>[a-z]+)\"")]
    private static partial Regex LinkPart();
}
