using System.Net;
using System.Text.Json.Nodes;
using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using static CommunitySuccess.Tests.GitHub.GitHubGatewayHarness;

namespace CommunitySuccess.Tests.GitHub;

/// <summary>Every recorded or documented GitHub REST answer, served where Octokit calls, read through the gateway.</summary>
public sealed class OctokitGitHubGatewayFixtureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Fixture name → the call that reads it, and the request Octokit must make for it.
    private static readonly Dictionary<string, (string Method, string Path, int Status, Func<IGitHubGateway, Task<object?>> Call)> Calls = new(StringComparer.Ordinal)
    {
        ["error.422.validation_failed"] = ("POST", $"{RepoPath}/labels", 422, async g => await g.CreateLabelAsync(Owner, Repo, "test-label", "ff0000", null, Ct)),
        ["issue.create"] = ("POST", $"{RepoPath}/issues", 201, async g => await g.CreateIssueAsync(Owner, Repo, "Issue without a label", null, [], Ct)),
        ["issue.get"] = ("GET", $"{RepoPath}/issues/1347", 200, async g => await g.GetIssueAsync(Owner, Repo, 1347, Ct)),
        ["issue_comment.create"] = ("POST", $"{RepoPath}/issues/1347/comments", 201, async g => await g.CreateCommentAsync(Owner, Repo, 1347, "Me too", Ct)),
        ["issue_comments.list"] = ("GET", $"{RepoPath}/issues/comments", 200, async g => await g.ListCommentsAsync(Owner, Repo, null, Ct)),
        ["issue_labels.add"] = ("POST", $"{RepoPath}/issues/1/labels", 200, async g => await g.AddLabelsAsync(Owner, Repo, 1, ["Foo", "bAr", "baZ"], Ct)),
        ["issues.list"] = ("GET", $"{RepoPath}/issues", 200, async g => await g.ListIssuesAsync(Owner, Repo, null, Ct)),
        ["label.create"] = ("POST", $"{RepoPath}/labels", 201, async g => await g.CreateLabelAsync(Owner, Repo, "test-label", "663399", "Test label", Ct)),
        ["labels.list"] = ("GET", $"{RepoPath}/labels", 200, async g => await g.ListLabelsAsync(Owner, Repo, Ct)),
        ["pulls.list"] = ("GET", $"{RepoPath}/pulls", 200, async g => await g.ListOpenPullRequestsAsync(Owner, Repo, Ct)),
        ["release.get_by_tag"] = ("GET", $"{RepoPath}/releases/tags/v1.0.0", 200, async g => await g.GetReleaseByTagAsync(Owner, Repo, "v1.0.0", Ct)),
        ["releases.list"] = ("GET", $"{RepoPath}/releases", 200, async g => await g.ListReleasesAsync(Owner, Repo, Ct)),
    };

    public static TheoryData<string> RestFixtures => [.. Fixtures.Files("github/rest").Select(Path.GetFileName).OfType<string>()];

    [Theory]
    [MemberData(nameof(RestFixtures))]
    public async Task EveryRestFixture_ServedWhereOctokitCalls_ReadsThroughTheGateway(string file)
    {
        var name = file[..^".json".Length];
        var call = Calls.Keys.Where(c => name == c || name.StartsWith(c + ".", StringComparison.Ordinal)).MaxBy(c => c.Length);
        Assert.True(call is not null, $"No gateway call is tested for fixture {file}.");
        var (method, path, status, read) = Calls[call];
        await using var harness = await AnsweringAsync(Fixtures.Read($"github/rest/{file}"), status);

        if (status >= 400)
        {
            var ex = await Assert.ThrowsAsync<GitHubGatewayException>(() => read(harness.Gateway));
            Assert.Equal((HttpStatusCode)status, ex.StatusCode);
            Assert.StartsWith(JsonNode.Parse(Fixtures.Read($"github/rest/{file}"))!["message"]!.GetValue<string>(), ex.GitHubMessage, StringComparison.Ordinal);
        }
        else
        {
            Assert.NotNull(await read(harness.Gateway));
        }

        Assert.Empty(harness.Server.HandlerErrors);
        var request = Assert.Single(harness.Requests);
        Assert.Equal(method, request.Method);
        Assert.Equal(path, request.Path);
        Assert.Equal($"Token {Token}", request.Header("Authorization"));
        Assert.StartsWith("CommunitySuccess", request.Header("User-Agent"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListIssuesAsync_DocumentedExample_MapsPullRequestAndAsksForEverythingOldestUpdateFirst()
    {
        await using var harness = await AnsweringAsync(Fixtures.Read("github/rest/issues.list.docs_example.json"));

        var result = await harness.Gateway.ListIssuesAsync(Owner, Repo, new DateTime(2024, 3, 1, 8, 30, 5, DateTimeKind.Utc), Ct);

        var issue = Assert.Single(result.Items);
        Assert.False(result.Unchanged);
        var expected =
            new GitHubIssueRecord(
                1, 1347, "Found a bug", "I'm having a problem with this.", "open", null, "octocat", IsPullRequest: true,
                ["bug"], ["octocat"], 0, 0, 0,
                new DateTime(2011, 4, 22, 13, 33, 48, DateTimeKind.Utc), new DateTime(2011, 4, 22, 13, 33, 48, DateTimeKind.Utc), null,
                "https://github.com/octocat/Hello-World/issues/1347", "COLLABORATOR");
        Assert.Equal(expected with { Labels = issue.Labels, Assignees = issue.Assignees }, issue);
        Assert.Equal(["bug"], issue.Labels);
        Assert.Equal(["octocat"], issue.Assignees);
        Assert.Equal(DateTimeKind.Utc, issue.CreatedAt.Kind);

        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Assert.Single(harness.Requests).QueryString);
        Assert.Equal("all", query["state"]);
        Assert.Equal("updated", query["sort"]);
        Assert.Equal("asc", query["direction"]);
        Assert.Equal("100", query["per_page"]);
        Assert.Equal("2024-03-01T08:30:05Z", query["since"]);
    }

    [Fact]
    public async Task ListIssuesAsync_RecordedLinkHeader_FollowsNextPagesToTheLastPage()
    {
        // issues.list.json was page 1 of 5 (per_page=3); GitHub Enterprise writes its Link URLs under /api/v3/.
        // Pages 2-4 are not published, so they are served empty, each linking to the next.
        GitHubGatewayHarness? self = null;
        await using var harness = self = await StartAsync((context, request) =>
        {
            var page = context.Request.Query["page"].ToString();
            var root = self!.ApiRoot;
            string Link(int next) =>
                $"<{root}repositories/515435940/issues?per_page=3&page={next}>; rel=\"next\", <{root}repositories/515435940/issues?per_page=3&page=5>; rel=\"last\"";
            return page switch
            {
                "" => WriteJsonAsync(context, Fixtures.Read("github/rest/issues.list.json"), headers: new Dictionary<string, string>
                {
                    // The recorded header, with GitHub's host replaced by this server's REST root.
                    ["Link"] = "<https://api.github.com/repositories/515435940/issues?per_page=3&page=2>; rel=\"next\", <https://api.github.com/repositories/515435940/issues?per_page=3&page=5>; rel=\"last\""
                        .Replace("https://api.github.com/", root, StringComparison.Ordinal),
                }),
                "2" or "3" or "4" => WriteJsonAsync(context, "[]", headers: new Dictionary<string, string> { ["Link"] = Link(int.Parse(page, System.Globalization.CultureInfo.InvariantCulture) + 1) }),
                "5" => WriteJsonAsync(context, Fixtures.Read("github/rest/issues.list.last_page.json"), headers: new Dictionary<string, string>
                {
                    ["Link"] = $"<{root}repositories/515435940/issues?per_page=3&page=4>; rel=\"prev\", <{root}repositories/515435940/issues?per_page=3&page=1>; rel=\"first\"",
                }),
                _ => throw new InvalidOperationException($"Unexpected page {page}."),
            };
        });

        var result = await harness.Gateway.ListIssuesAsync(Owner, Repo, null, Ct);

        Assert.Equal([13, 12, 11, 1], result.Items.Select(i => i.Number));
        Assert.Equal([1308969059L, 1308969023L, 1308968990L, 1308968677L], result.Items.Select(i => i.Id));
        Assert.All(result.Items, i => Assert.Null(i.Body));
        Assert.All(result.Items, i => Assert.False(i.IsPullRequest));
        Assert.All(result.Items, i => Assert.Equal("MEMBER", i.AuthorAssociation));
        Assert.Empty(harness.Server.HandlerErrors);
        Assert.Equal([RepoPath + "/issues", "/api/v3/repositories/515435940/issues", "/api/v3/repositories/515435940/issues",
            "/api/v3/repositories/515435940/issues", "/api/v3/repositories/515435940/issues"], harness.Requests.Select(r => r.Path));
        Assert.Equal(["", "2", "3", "4", "5"], harness.Requests.Select(r => Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(r.QueryString).GetValueOrDefault("page").ToString()));
    }

    [Fact]
    public async Task ListIssuesAsync_IdAbove2Pow31PlusOneReactionsEmojiLabel_KeepsThemExactly()
    {
        // A recorded issue with what the recordings lack: a 64-bit id, 👍 reactions, an emoji label, and a team assignee.
        var issue = JsonNode.Parse(Fixtures.Read("github/rest/issues.list.json"))!.AsArray()[0]!;
        issue["id"] = 5_000_000_001L;
        issue["reactions"]!["+1"] = 3;
        issue["reactions"]!["heart"] = 1;
        issue["reactions"]!["total_count"] = 4;
        issue["labels"] = new JsonArray(new JsonObject { ["id"] = 6_000_000_000L, ["name"] = "Triage 👀", ["color"] = "ededed" }, new JsonObject { ["id"] = 7, ["name"] = "Product review", ["color"] = "000000" });
        issue["assignees"] = new JsonArray(new JsonObject { ["login"] = "oncall-engineer", ["id"] = 9 });
        issue["state"] = "closed";
        issue["state_reason"] = "not_planned";
        issue["closed_at"] = "2022-07-20T10:00:00Z";
        await using var harness = await AnsweringAsync(new JsonArray(issue.DeepClone()).ToJsonString());

        var record = Assert.Single((await harness.Gateway.ListIssuesAsync(Owner, Repo, null, Ct)).Items);

        Assert.Equal(5_000_000_001L, record.Id);
        Assert.Equal(3, record.PlusOne);
        Assert.Equal(4, record.ReactionsTotal);
        Assert.Equal(["Triage 👀", "Product review"], record.Labels);
        Assert.Equal(["oncall-engineer"], record.Assignees);
        Assert.Null(record.Body);
        Assert.Equal("closed", record.State);
        Assert.Equal("not_planned", record.StateReason);
        Assert.Equal(new DateTime(2022, 7, 20, 10, 0, 0, DateTimeKind.Utc), record.ClosedAt);
        Assert.Equal("octokit-fixture-user-a", record.AuthorLogin);
    }

    [Fact]
    public async Task ListCommentsAsync_DocumentedExample_TakesIssueNumberFromIssueUrlAndAsksSinceOldestFirst()
    {
        await using var harness = await AnsweringAsync(Fixtures.Read("github/rest/issue_comments.list.json"));

        var result = await harness.Gateway.ListCommentsAsync(Owner, Repo, new DateTime(2011, 4, 1, 0, 0, 0, DateTimeKind.Utc), Ct);

        Assert.Equal(
            new GitHubCommentRecord(1, 1347, "octocat", "Me too", new DateTime(2011, 4, 14, 16, 0, 49, DateTimeKind.Utc),
                new DateTime(2011, 4, 14, 16, 0, 49, DateTimeKind.Utc), "https://github.com/octocat/Hello-World/issues/1347#issuecomment-1"),
            Assert.Single(result.Items));
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Assert.Single(harness.Requests).QueryString);
        Assert.Equal("2011-04-01T00:00:00Z", query["since"]);
        Assert.Equal("updated", query["sort"]);
        Assert.Equal("asc", query["direction"]);
    }

    [Fact]
    public async Task ListLabelsAsync_RecordedLabels_KeepsIdsAbove2Pow31()
    {
        await using var harness = await AnsweringAsync(Fixtures.Read("github/rest/labels.list.json"));

        var labels = await harness.Gateway.ListLabelsAsync(Owner, Repo, Ct);

        Assert.Equal(9, labels.Count);
        Assert.Equal(new GitHubLabelRecord(4341279232, "bug", "d73a4a", "Something isn't working"), labels[0]);
        Assert.Contains(labels, l => l.Name == "good first issue");
        Assert.Equal("100", Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Assert.Single(harness.Requests).QueryString)["per_page"]);
    }

    [Fact]
    public async Task ListReleasesAsync_DocumentedExample_MapsTagNameAndDates()
    {
        await using var harness = await AnsweringAsync(Fixtures.Read("github/rest/releases.list.json"));

        var release = Assert.Single(await harness.Gateway.ListReleasesAsync(Owner, Repo, Ct));

        Assert.Equal(
            new GitHubReleaseRecord(1, "v1.0.0", "v1.0.0", "https://github.com/octocat/Hello-World/releases/v1.0.0",
                new DateTime(2013, 2, 27, 19, 35, 32, DateTimeKind.Utc), false, false),
            release);
    }

    [Fact]
    public async Task GetReleaseByTagAsync_TagWithSlash_IsOnePathSegment()
    {
        await using var harness = await AnsweringAsync(Fixtures.Read("github/rest/release.get_by_tag.json"));

        var release = await harness.Gateway.GetReleaseByTagAsync(Owner, Repo, "release/1.0", Ct);

        Assert.Equal(72286832, release.Id);
        Assert.Equal("Version 1.0.0", release.Name);
        Assert.Equal($"{RepoPath}/releases/tags/release%2F1.0", Assert.Single(harness.RawTargets));
    }

    [Fact]
    public async Task ListOpenPullRequestsAsync_DocumentedExample_MapsDraftReviewersAndAssociation()
    {
        await using var harness = await AnsweringAsync(Fixtures.Read("github/rest/pulls.list.json"));

        var pr = Assert.Single(await harness.Gateway.ListOpenPullRequestsAsync(Owner, Repo, Ct));

        Assert.Equal(1347, pr.Number);
        Assert.Equal("octocat", pr.AuthorLogin);
        Assert.Equal("OWNER", pr.AuthorAssociation);
        Assert.False(pr.Draft);
        Assert.Equal(["other_user"], pr.RequestedReviewers);
        Assert.Equal(["bug"], pr.Labels);
        Assert.Equal("open", Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Assert.Single(harness.Requests).QueryString)["state"]);
    }

    [Fact]
    public async Task GetCurrentUserAsync_TokenUser_ReturnsLoginAndTheRateLimitSeen()
    {
        var reset = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        await using var harness = await StartAsync((context, _) =>
            WriteJsonAsync(context, """{"login":"cs-bot","id":5000000000,"type":"User","site_admin":false}""", headers: RateLimitHeaders(4990, reset)));

        var user = await harness.Gateway.GetCurrentUserAsync(Ct);

        Assert.Equal(new GitHubCurrentUser("cs-bot", new GitHubRateLimit(5000, 4990, reset.UtcDateTime)), user);
        Assert.Equal(user.RateLimit, harness.Gateway.LastRateLimit);
        Assert.Equal("/api/v3/user", Assert.Single(harness.Requests).Path);
    }

    [Theory]
    [InlineData("https://api.github.com/", "https://api.github.com/")]
    [InlineData("https://github.com", "https://api.github.com/")]
    [InlineData("https://ghe.example.com/", "https://ghe.example.com/api/v3/")]
    [InlineData("https://ghe.example.com/api/v3/", "https://ghe.example.com/api/v3/")]
    [InlineData("http://127.0.0.1:5123/", "http://127.0.0.1:5123/api/v3/")]
    public void ApiRoot_BaseUrl_AddsApiV3ExceptForGitHubCom(string configured, string expected) =>
        Assert.Equal(new Uri(expected), OctokitGitHubGateway.ApiRoot(configured));

    [Fact]
    public async Task ListIssuesAsync_ServerSendsJsonCutShort_ThrowsRetryableGatewayException()
    {
        // A body cut short on the way is a transport fault: read again, and a write's retry first looks for its tag.
        await using var harness = await AnsweringAsync("[{\"id\": 1, \"number\": ");

        var ex = await Assert.ThrowsAsync<GitHubGatewayException>(() => harness.Gateway.ListIssuesAsync(Owner, Repo, null, Ct));

        Assert.True(ex.IsRetryable);
        Assert.Contains("could not be read", ex.Message, StringComparison.Ordinal);
        Assert.Equal($"ListIssues {Owner}/{Repo}", ex.Operation);
    }

    [Fact]
    public async Task ListIssuesAsync_Unauthorized_SaysTheTokenIsWrongWithoutShowingIt()
    {
        await using var harness = await AnsweringAsync("""{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}""", StatusCodes.Status401Unauthorized);

        var ex = await Assert.ThrowsAsync<GitHubGatewayException>(() => harness.Gateway.ListIssuesAsync(Owner, Repo, null, Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Equal("Bad credentials", ex.GitHubMessage);
        Assert.False(ex.IsRetryable);
        Assert.Contains("GitHub:Token", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetIssueAsync_ServerError_IsRetryable()
    {
        await using var harness = await AnsweringAsync("""{"message":"Server Error"}""", StatusCodes.Status502BadGateway);

        var ex = await Assert.ThrowsAsync<GitHubGatewayException>(() => harness.Gateway.GetIssueAsync(Owner, Repo, 1, Ct));

        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
        Assert.True(ex.IsRetryable);
    }

    [Fact]
    public async Task CreateLabelAsync_ValidationFailed_CarriesGitHubsDetails()
    {
        await using var harness = await AnsweringAsync(Fixtures.Read("github/rest/error.422.validation_failed.json"), StatusCodes.Status422UnprocessableEntity);

        var ex = await Assert.ThrowsAsync<GitHubGatewayException>(() => harness.Gateway.CreateLabelAsync(Owner, Repo, "x", "ffffff", null, Ct));

        Assert.Equal("Validation Failed: Label.color invalid", ex.GitHubMessage);
        Assert.False(ex.IsRetryable);
        Assert.IsNotType<Octokit.ApiException>(ex);
    }

    [Fact]
    public async Task GetIssueAsync_NothingListening_IsRetryableNetworkFailure()
    {
        var harness = await AnsweringAsync("{}");
        var gateway = harness.Gateway;
        await harness.Server.DisposeAsync();

        var ex = await Assert.ThrowsAsync<GitHubGatewayException>(() => gateway.GetIssueAsync(Owner, Repo, 1, Ct));

        Assert.True(ex.IsRetryable);
        Assert.Null(ex.RetryAfter);
        await harness.DisposeAsync();
    }

    [Fact]
    public async Task CreateLabelAsync_ColorNotHex_ThrowsArgumentErrorWithoutCallingGitHub()
    {
        await using var harness = await AnsweringAsync("{}");

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => harness.Gateway.CreateLabelAsync(Owner, Repo, "x", "#zzzzzz", null, Ct));

        Assert.Empty(harness.Requests);
    }

    [Fact]
    public async Task GetIssueAsync_RepositoryRenamed301_FollowsTheRedirectWithTheToken()
    {
        // GitHub sends an absolute Location (Octokit cannot follow a relative one).
        GitHubGatewayHarness? self = null;
        await using var harness = self = await StartAsync((context, request) =>
        {
            if (request.Path.StartsWith(RepoPath, StringComparison.Ordinal))
            {
                var moved = $"{self!.ApiRoot}repositories/1296269/issues/1347";
                context.Response.Headers.Location = moved;
                return WriteJsonAsync(context, $$"""{"message":"Moved Permanently","url":"{{moved}}"}""", StatusCodes.Status301MovedPermanently);
            }

            return WriteJsonAsync(context, Fixtures.Read("github/rest/issue.get.json"));
        });

        var issue = await harness.Gateway.GetIssueAsync(Owner, Repo, 1347, Ct);

        Assert.Equal(1347, issue.Number);
        Assert.Equal([$"{RepoPath}/issues/1347", "/api/v3/repositories/1296269/issues/1347"], harness.Requests.Select(r => r.Path));
        Assert.Equal($"Token {Token}", harness.Requests[1].Header("Authorization"));
    }
}
