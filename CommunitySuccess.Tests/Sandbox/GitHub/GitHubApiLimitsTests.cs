using System.Net;
using System.Text.Json.Nodes;
using CommunitySuccess.Sandbox.GitHub;
using CommunitySuccess.Tests.TestSupport;

namespace CommunitySuccess.Tests.Sandbox.GitHub;

/// <summary>
/// Issue 11 item 1 (GitHub): the sandbox refuses as GitHub does — secondary rate limits as 403 and 429, with and without
/// <c>Retry-After</c>; content-creation limits; a fine-grained token without a permission; deleted issues (410).
/// Bodies in GitHub's documented shape: <c>{"message","documentation_url"[,"status"]}</c>.
/// </summary>
public sealed class GitHubApiLimitsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(403, null)]
    [InlineData(403, 30)]
    [InlineData(429, null)]
    [InlineData(429, 30)]
    public async Task SecondaryRateLimitFault_StatusAndRetryAfter_AnswersAsGitHubDocuments(int status, int? retryAfter)
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();
        host.State.Faults.SecondaryRateLimit(retryAfterSeconds: retryAfter, statusCode: status);

        var (response, json) = await host.GetAsync("repos/acme/widgets/issues", Ct);

        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        Assert.Equal(retryAfter is null ? null : TimeSpan.FromSeconds(retryAfter.Value), response.Headers.RetryAfter?.Delta);
        Assert.StartsWith("You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", json!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits", json["documentation_url"]!.GetValue<string>());
        // Not the hourly quota: a client must not wait for the reset.
        Assert.NotEqual("0", response.Headers.GetValues("X-RateLimit-Remaining").Single());
    }

    [Theory]
    [InlineData("secondary")]
    [InlineData("content")]
    [InlineData("permission")]
    [InlineData("gone")]
    public async Task Refusal_AnyKind_HasTheShapeOfGitHubsRecordedErrors(string kind)
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();
        switch (kind)
        {
            case "secondary":
                host.State.Faults.SecondaryRateLimit(retryAfterSeconds: null, statusCode: 403);
                break;
            case "content":
                host.State.Policies.ContentPerMinute = 0;
                break;
            case "permission":
                host.State.Policies.FineGrained = new GitHubFineGrainedToken(Issues: "read");
                break;
            default:
                host.State.DeleteIssue("acme", "widgets", 1);
                break;
        }

        var (response, json) = await host.SendJsonAsync(HttpMethod.Post, "repos/acme/widgets/issues/1/comments", """{"body":"hello"}""", Ct);

        Assert.False(response.IsSuccessStatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        // GitHub's recorded error body: message and documentation_url (errors only for 422s).
        JsonShape.AssertCovers(JsonNode.Parse(Fixtures.Read("github/rest/error.422.validation_failed.json")), json, "$.errors");
    }

    [Fact]
    public async Task CreateComment_BeyondContentCreationLimit_Answers403SecondaryLimitUntilTheMinutePassed()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();
        host.State.Policies.ContentPerMinute = 2;

        var (first, _) = await host.SendJsonAsync(HttpMethod.Post, "repos/acme/widgets/issues/1/comments", """{"body":"one"}""", Ct);
        var (second, _) = await host.SendJsonAsync(HttpMethod.Post, "repos/acme/widgets/issues/1/comments", """{"body":"two"}""", Ct);
        var (third, json) = await host.SendJsonAsync(HttpMethod.Post, "repos/acme/widgets/issues/1/comments", """{"body":"three"}""", Ct);
        var (read, _) = await host.GetAsync("repos/acme/widgets/issues/1/comments", Ct);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var (later, _) = await host.SendJsonAsync(HttpMethod.Post, "repos/acme/widgets/issues/1/comments", """{"body":"three"}""", Ct);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, third.StatusCode);
        Assert.Null(third.Headers.RetryAfter);
        Assert.StartsWith("You have exceeded a secondary rate limit", json!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Created, later.StatusCode);
    }

    [Fact]
    public void ContentCreationLimits_Default_AreGitHubsPublishedOnes()
    {
        var policies = new GitHubState(TimeProvider.System).Policies;

        Assert.Equal(80, policies.ContentPerMinute);
        Assert.Equal(500, policies.ContentPerHour);
    }

    [Fact]
    public async Task FineGrainedTokenWithIssuesRead_WritesRefused403NamingThePermission_ReadsAllowed()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();
        host.State.Policies.FineGrained = new GitHubFineGrainedToken(Issues: "read");

        var (read, _) = await host.GetAsync("repos/acme/widgets/issues", Ct);
        var (comment, json) = await host.SendJsonAsync(HttpMethod.Post, "repos/acme/widgets/issues/1/comments", """{"body":"hello"}""", Ct);
        var (label, _) = await host.SendJsonAsync(HttpMethod.Post, "repos/acme/widgets/issues/1/labels", """{"labels":["bug"]}""", Ct);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, comment.StatusCode);
        Assert.Equal("Resource not accessible by personal access token", json!["message"]!.GetValue<string>());
        Assert.Equal("403", json["status"]!.GetValue<string>());
        Assert.StartsWith("https://docs.github.com/rest/", json["documentation_url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("issues=write", comment.Headers.GetValues("X-Accepted-GitHub-Permissions").Single());
        Assert.False(comment.Headers.Contains("X-OAuth-Scopes"));
        Assert.Equal(HttpStatusCode.Forbidden, label.StatusCode);
    }

    [Fact]
    public async Task FineGrainedToken_RepositoryNotGranted_Answers404()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();
        host.State.Policies.FineGrained = new GitHubFineGrainedToken(Repositories: ["acme/other"]);

        var (response, json) = await host.GetAsync("repos/acme/widgets/issues", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Not Found", json!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeletedIssue_AnyRequest_Answers410AndLeavesTheList()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();
        host.State.DeleteIssue("acme", "widgets", 1);

        var (get, json) = await host.GetAsync("repos/acme/widgets/issues/1", Ct);
        var (comment, _) = await host.SendJsonAsync(HttpMethod.Post, "repos/acme/widgets/issues/1/comments", """{"body":"hello"}""", Ct);
        var (list, listed) = await host.GetAsync("repos/acme/widgets/issues?state=all&per_page=100", Ct);

        Assert.Equal(HttpStatusCode.Gone, get.StatusCode);
        Assert.Equal("This issue was deleted", json!["message"]!.GetValue<string>());
        Assert.Equal("410", json["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Gone, comment.StatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.DoesNotContain(listed!.AsArray(), i => i!["number"]!.GetValue<int>() == 1);
    }
}
