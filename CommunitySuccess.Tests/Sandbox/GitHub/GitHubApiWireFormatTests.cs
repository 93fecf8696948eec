using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CommunitySuccess.Sandbox.GitHub;
using CommunitySuccess.Tests.TestSupport;

namespace CommunitySuccess.Tests.Sandbox.GitHub;

/// <summary>Our responses carry every field of GitHub's recorded responses and documented examples, with the same types.</summary>
public sealed partial class GitHubApiWireFormatTests
{
    private const string Repo = "repos/acme/widgets";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonNode Fixture(string name) => JsonNode.Parse(Fixtures.Read($"github/rest/{name}"))!;

    [Fact]
    public async Task ListIssues_DemoRepository_EveryItemHasTheRecordedIssueShape()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();

        var (response, json) = await host.GetAsync($"{Repo}/issues?state=all&per_page=100", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sample = Fixture("issues.list.json")[0];
        var items = json!.AsArray();
        Assert.Equal(host.State.GetIssues("acme", "widgets").Count, items.Count);
        Assert.InRange(items.Count, 80, 100);
        foreach (var item in items)
        {
            JsonShape.AssertCovers(sample, item);
        }
    }

    [Fact]
    public async Task ListIssues_DemoRepository_IncludesPullRequestsWithThePullRequestObject()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();

        var (_, json) = await host.GetAsync($"{Repo}/issues?state=all&per_page=100", Ct);

        var pulls = json!.AsArray().Where(i => i!["pull_request"] is not null).ToList();
        Assert.Equal(host.State.GetIssues("acme", "widgets").Count(i => i.IsPullRequest), pulls.Count);
        Assert.NotEmpty(pulls);
        var samplePull = Fixture("issues.list.docs_example.json")[0]!["pull_request"];
        foreach (var pull in pulls)
        {
            JsonShape.AssertCovers(samplePull, pull!["pull_request"]);
            Assert.Contains("merged_at", pull!["pull_request"]!.AsObject().Select(p => p.Key));
            Assert.EndsWith($"/pull/{pull["number"]}", pull["html_url"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.All(json.AsArray().Where(i => i!["pull_request"] is null), i => Assert.Contains("/issues/", i!["html_url"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListIssues_DemoRepository_IdsAre64BitNumbersAndDatesAreUtcSeconds()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();

        var (_, json) = await host.GetAsync($"{Repo}/issues?state=all&per_page=100", Ct);

        var ids = json!.AsArray().Select(i => i!["id"]!.GetValue<long>()).ToList();
        Assert.Contains(ids, id => id > int.MaxValue);
        Assert.Contains(ids, id => id < int.MaxValue);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (var item in json.AsArray())
        {
            Assert.Matches(IsoUtc(), item!["created_at"]!.GetValue<string>());
            Assert.Matches(IsoUtc(), item["updated_at"]!.GetValue<string>());
            if (item["closed_at"] is { } closed)
            {
                Assert.Matches(IsoUtc(), closed.GetValue<string>());
            }

            Assert.Equal(JsonValueKind.Number, item["user"]!["id"]!.GetValueKind());
        }
    }

    [Fact]
    public async Task GetIssue_PullRequestNumber_MatchesTheDocumentedSingleIssue()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();
        var labelled = host.State.GetIssues("acme", "widgets").First(i => i.IsPullRequest && i.Labels.Count > 0 && i.Assignees.Count == 0);

        var (response, json) = await host.GetAsync($"{Repo}/issues/{labelled.Number}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonShape.AssertCovers(Fixture("issue.get.json"), json);
        Assert.True(json!.AsObject().ContainsKey("closed_by"));
        Assert.NotNull(response.Content.Headers.LastModified);
    }

    [Fact]
    public async Task CreateIssue_TitleOnly_AnswersTheRecordedCreatedIssue()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();

        var (response, json) = await host.SendJsonAsync(HttpMethod.Post, $"{Repo}/issues", """{"title":"Issue without a label"}""", Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        JsonShape.AssertCovers(Fixture("issue.create.json"), json);
        Assert.Equal(json!["url"]!.GetValue<string>(), response.Headers.Location!.ToString());
        Assert.Null(json["body"]);
        Assert.Equal(GitHubState.BotLogin, json["user"]!["login"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateComment_OnIssue_AnswersTheDocumentedCommentAndBumpsTheIssue()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();
        var issue = host.State.GetIssues("acme", "widgets").First(i => !i.IsPullRequest && i.State == "open");
        host.Clock.Advance(TimeSpan.FromMinutes(5));

        var (response, json) = await host.SendJsonAsync(HttpMethod.Post, $"{Repo}/issues/{issue.Number}/comments", """{"body":"Me too"}""", Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        JsonShape.AssertCovers(Fixture("issue_comment.create.json"), json);
        var after = host.State.GetIssue("acme", "widgets", issue.Number)!;
        Assert.Equal(issue.Comments.Count + 1, after.Comments.Count);
        Assert.Equal(host.Clock.GetUtcNow(), after.UpdatedAt);
        var (_, fetched) = await host.GetAsync($"{Repo}/issues/{issue.Number}", Ct);
        Assert.Equal(after.Comments.Count, fetched!["comments"]!.GetValue<int>());
    }

    [Fact]
    public async Task ListIssueComments_DemoIssue_MatchesTheDocumentedList()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();
        var issue = host.State.GetIssues("acme", "widgets").First(i => i.Comments.Count >= 2);

        var (_, json) = await host.GetAsync($"{Repo}/issues/{issue.Number}/comments", Ct);

        var items = json!.AsArray();
        Assert.Equal(issue.Comments.Count, items.Count);
        JsonShape.AssertCovers(Fixture("issue_comments.list.json")[0], items[0]);
        Assert.Equal(issue.Comments.Select(c => c.Id), items.Select(c => c!["id"]!.GetValue<long>()));
    }

    [Fact]
    public async Task ListLabels_DemoRepository_MatchesTheRecordedListAndHasTheProcessLabels()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();

        var (_, json) = await host.GetAsync($"{Repo}/labels?per_page=100", Ct);

        var labels = json!.AsArray();
        JsonShape.AssertCovers(Fixture("labels.list.json")[0], labels[0]);
        var names = labels.Select(l => l!["name"]!.GetValue<string>()).ToList();
        Assert.Superset(
            new HashSet<string> { "Triage 👀", "Product review", "Community", "Open to contribution", "Deployment blocker", "Sprint", "bug", "enhancement" },
            names.ToHashSet());
        var triage = labels.Single(l => l!["name"]!.GetValue<string>() == "Triage 👀")!;
        Assert.EndsWith("/labels/Triage%20%F0%9F%91%80", triage["url"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListPulls_DemoRepository_MatchesTheDocumentedPullRequestList()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();

        var (_, json) = await host.GetAsync($"{Repo}/pulls?state=all&per_page=100", Ct);

        var pulls = json!.AsArray();
        Assert.Equal(host.State.GetIssues("acme", "widgets").Count(i => i.IsPullRequest), pulls.Count);
        // The documented example's repository carries settings (merge options, permissions) that list responses leave out.
        string[] repoSettings = ["permissions", "allow_rebase_merge", "template_repository", "temp_clone_token", "allow_squash_merge", "allow_auto_merge", "delete_branch_on_merge", "allow_merge_commit", "subscribers_count", "network_count"];
        var ignored = repoSettings.SelectMany(k => new[] { $"$.head.repo.{k}", $"$.base.repo.{k}" }).ToArray();
        foreach (var pull in pulls)
        {
            JsonShape.AssertCovers(Fixture("pulls.list.json")[0], pull, ignored);
        }

        var fork = pulls.First(p => p!["head"]!["repo"]!["fork"]!.GetValue<bool>())!;
        Assert.Equal($"{fork["user"]!["login"]}:{fork["head"]!["ref"]}", fork["head"]!["label"]!.GetValue<string>());
        Assert.Contains(pulls, p => p!["draft"]!.GetValue<bool>());
        Assert.Contains(pulls, p => p!["merged_at"] is not null);
        Assert.Contains(pulls, p => p!["user"]!["login"]!.GetValue<string>() == "dependabot[bot]" && p["user"]!["type"]!.GetValue<string>() == "Bot");
    }

    [Fact]
    public async Task ListReviews_ReviewedPull_GivesStatesInOrder()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();
        var pull = host.State.GetIssues("acme", "widgets").First(i => i.Reviews.Count == 2);

        var (response, json) = await host.GetAsync($"{Repo}/pulls/{pull.Number}/reviews", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reviews = json!.AsArray();
        Assert.Equal(["CHANGES_REQUESTED", "APPROVED"], reviews.Select(r => r!["state"]!.GetValue<string>()));
        foreach (var review in reviews)
        {
            foreach (var field in new[] { "id", "node_id", "user", "body", "state", "html_url", "pull_request_url", "_links", "submitted_at", "commit_id", "author_association" })
            {
                Assert.True(review!.AsObject().ContainsKey(field), $"review has no {field}");
            }

            Assert.Equal("MEMBER", review!["author_association"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task ListReleases_DemoRepository_MatchesTheDocumentedListNewestFirst()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();

        var (_, json) = await host.GetAsync($"{Repo}/releases", Ct);

        var releases = json!.AsArray();
        Assert.Equal(["v1.4.0", "v1.3.0", "v1.2.0", "v1.1.0", "v1.0.0"], releases.Select(r => r!["tag_name"]!.GetValue<string>()));
        foreach (var release in releases)
        {
            JsonShape.AssertCovers(Fixture("releases.list.json")[0], release);
        }
    }

    [Fact]
    public async Task GetReleaseByTag_AndLatest_MatchTheRecordedRelease()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();

        var (_, byTag) = await host.GetAsync($"{Repo}/releases/tags/v1.0.0", Ct);
        var (_, latest) = await host.GetAsync($"{Repo}/releases/latest", Ct);
        var (missing, _) = await host.GetAsync($"{Repo}/releases/tags/v9.9.9", Ct);

        JsonShape.AssertCovers(Fixture("release.get_by_tag.json"), byTag);
        Assert.Equal("v1.4.0", latest!["tag_name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task GetUserAndRepositoryAndRateLimit_Authenticated_AnswerGitHubObjects()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();

        var (_, user) = await host.GetAsync("user", Ct);
        var (_, repo) = await host.GetAsync(Repo, Ct);
        var (_, rate) = await host.GetAsync("rate_limit", Ct);

        Assert.Equal(GitHubState.BotLogin, user!["login"]!.GetValue<string>());
        Assert.Equal("acme/widgets", repo!["full_name"]!.GetValue<string>());
        Assert.Equal("Organization", repo["owner"]!["type"]!.GetValue<string>());
        Assert.Equal("main", repo["default_branch"]!.GetValue<string>());
        Assert.Equal(GitHubState.RateLimitPerHour, rate!["resources"]!["core"]!["limit"]!.GetValue<int>());
        Assert.Equal(rate["rate"]!["remaining"]!.GetValue<int>(), rate["resources"]!["core"]!["remaining"]!.GetValue<int>());
    }

    [Fact]
    public async Task AvatarUrl_OfAnyUser_IsServedByTheSandbox()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();
        var (_, user) = await host.GetAsync("users/ana-lima", Ct);

        var avatar = await host.Client.GetAsync(user!["avatar_url"]!.GetValue<string>(), Ct);

        Assert.Equal("ana-lima", user["login"]!.GetValue<string>());
        Assert.StartsWith(host.BaseAddress.ToString(), user["avatar_url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, avatar.StatusCode);
        Assert.Equal("image/svg+xml", avatar.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await host.GetAsync("users/nobody-at-all", Ct)).Response.StatusCode);
    }

    [Fact]
    public async Task AnyResponse_HasGitHubsHeaders()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();

        var (response, _) = await host.GetAsync($"{Repo}/issues", Ct);

        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("5000", Header(response, "X-RateLimit-Limit"));
        Assert.Equal("4999", Header(response, "X-RateLimit-Remaining"));
        Assert.Equal("1", Header(response, "X-RateLimit-Used"));
        Assert.Equal("core", Header(response, "X-RateLimit-Resource"));
        Assert.Equal(GitHubSandboxHost.Start.AddHours(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), Header(response, "X-RateLimit-Reset"));
        Assert.False(string.IsNullOrEmpty(Header(response, "X-GitHub-Request-Id")));
        Assert.StartsWith("W/\"", response.Headers.ETag!.ToString(), StringComparison.Ordinal);
    }

    internal static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")]
    private static partial Regex IsoUtc();
}
