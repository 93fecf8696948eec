using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CommunitySuccess.Sandbox.GitHub;
using CommunitySuccess.Tests.Slack;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace CommunitySuccess.Tests.Sandbox.GitHub;

/// <summary>GitHub's error answers (401, 404, 400, 422) and the fault switches (rate limits, 500, slowness).</summary>
public sealed class GitHubApiErrorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string? Header(HttpResponseMessage response, string name) => GitHubApiWireFormatTests.Header(response, name);

    [Fact]
    public async Task AnyRequest_WrongToken_Answers401BadCredentialsAndCostsNothing()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "repos/acme/widgets/issues");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "ghp_wrong");

        var response = await host.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal("Bad credentials", body["message"]!.GetValue<string>());
        Assert.Equal("https://docs.github.com/rest", body["documentation_url"]!.GetValue<string>());
        Assert.Equal(GitHubState.RateLimitPerHour, host.State.RateLimitRemaining);
    }

    [Fact]
    public async Task AnyRequest_BearerOrBasicWithTheToken_IsAccepted()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();
        using var bearer = new HttpRequestMessage(HttpMethod.Get, "user");
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GitHubState.DefaultToken);
        using var basic = new HttpRequestMessage(HttpMethod.Get, "user");
        basic.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("x-access-token:" + GitHubState.DefaultToken)));

        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(bearer, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(basic, Ct)).StatusCode);
    }

    [Fact]
    public async Task Write_WithoutAuthorization_Answers401RequiresAuthentication()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "repos/acme/widgets/issues/1/comments")
        {
            Content = new StringContent("""{"body":"hi"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = null;
        using var anonymous = new HttpClient { BaseAddress = host.Api };

        var response = await anonymous.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Requires authentication", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.DoesNotContain(host.State.GetIssue("acme", "widgets", 1)!.Comments, c => c.Body == "hi");
    }

    [Fact]
    public async Task Read_WithoutAuthorization_UsesTheAnonymousQuotaOf60()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();
        using var anonymous = new HttpClient { BaseAddress = host.Api };

        var response = await anonymous.GetAsync("repos/acme/widgets/issues", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("60", Header(response, "X-RateLimit-Limit"));
        Assert.Equal("59", Header(response, "X-RateLimit-Remaining"));
    }

    [Theory]
    [InlineData("repos/acme/nope/issues")]
    [InlineData("repos/acme/widgets/issues/99999")]
    [InlineData("repos/acme/widgets/pulls/1")]
    [InlineData("repos/acme/widgets/no-such-endpoint")]
    public async Task Get_UnknownRepositoryIssueOrRoute_Answers404NotFound(string uri)
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();

        var (response, json) = await host.GetAsync(uri, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Not Found", json!["message"]!.GetValue<string>());
        Assert.StartsWith("https://docs.github.com/rest", json["documentation_url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("404", json["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateLabel_InvalidColor_Answers422LikeTheRecordedError()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();

        var (response, json) = await host.SendJsonAsync(HttpMethod.Post, "repos/acme/widgets/labels", """{"name":"test-label","color":"invalid"}""", Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var recorded = JsonNode.Parse(Fixtures.Read("github/rest/error.422.validation_failed.json"))!;
        Assert.Equal(recorded["message"]!.GetValue<string>(), json!["message"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(recorded["errors"], json["errors"]), json["errors"]!.ToJsonString());
        Assert.EndsWith("#create-a-label", json["documentation_url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(host.State.GetLabels("acme", "widgets"), l => l.Name == "test-label");
    }

    [Fact]
    public async Task CreateIssue_WithoutTitle_Answers422MissingFieldAndCreatesNothing()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();
        var before = host.State.GetIssues("acme", "widgets").Count;

        var (response, json) = await host.SendJsonAsync(HttpMethod.Post, "repos/acme/widgets/issues", """{"body":"no title"}""", Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Validation Failed", json!["message"]!.GetValue<string>());
        Assert.Equal("""[{"resource":"Issue","field":"title","code":"missing_field"}]""", json["errors"]!.ToJsonString());
        Assert.Equal(before, host.State.GetIssues("acme", "widgets").Count);
    }

    [Fact]
    public async Task UpdateIssue_InvalidState_Answers422AndChangesNothing()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();
        var before = host.State.GetIssue("acme", "widgets", 1)!;

        var (response, json) = await host.SendJsonAsync(HttpMethod.Patch, "repos/acme/widgets/issues/1", """{"title":"Renamed","state":"done"}""", Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("invalid", json!["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("state", json["errors"]![0]!["field"]!.GetValue<string>());
        Assert.Equal(before.Title, host.State.GetIssue("acme", "widgets", 1)!.Title);
    }

    [Fact]
    public async Task CreateComment_MalformedJson_Answers400ProblemsParsingJson()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();

        var (response, json) = await host.SendJsonAsync(HttpMethod.Post, "repos/acme/widgets/issues/1/comments", """{"body": "unterminated""", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Problems parsing JSON", json!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateComment_ArrayBody_Answers400BodyShouldBeAJsonObject()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();

        var (response, json) = await host.SendJsonAsync(HttpMethod.Post, "repos/acme/widgets/issues/1/comments", """["hi"]""", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Body should be a JSON object", json!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateComment_WrongType_Answers422NamingTheField()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();

        var (response, json) = await host.SendJsonAsync(HttpMethod.Post, "repos/acme/widgets/issues/1/comments", """{"body":42}""", Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("'properties/body'", json!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrimaryRateLimitFault_NextRequest_Answers403WithRemainingZeroAndReset()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();
        host.State.Faults.PrimaryRateLimit();

        var (limited, json) = await host.GetAsync("repos/acme/widgets/issues", Ct);
        var (after, _) = await host.GetAsync("repos/acme/widgets/issues", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, limited.StatusCode);
        Assert.Equal("0", Header(limited, "X-RateLimit-Remaining"));
        Assert.Equal(GitHubSandboxHost.Start.AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), Header(limited, "X-RateLimit-Reset"));
        Assert.StartsWith("API rate limit exceeded for user ID ", json!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("PrimaryRateLimit", host.State.Requests[0].Fault);
    }

    [Fact]
    public async Task SecondaryRateLimitFault_Answers429WithRetryAfter()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();
        host.State.Faults.SecondaryRateLimit(count: 2, retryAfterSeconds: 42);

        var (first, json) = await host.GetAsync("repos/acme/widgets/issues", Ct);
        var (second, _) = await host.GetAsync("repos/acme/widgets/pulls", Ct);
        var (third, _) = await host.GetAsync("repos/acme/widgets/issues", Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(42), first.Headers.RetryAfter!.Delta);
        Assert.StartsWith("You have exceeded a secondary rate limit", json!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Fact]
    public async Task ServerErrorFault_WithPathPrefix_OnlyHitsMatchingRequests()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();
        host.State.Faults.ServerError(pathPrefix: "/repos/acme/widgets/issues/1/comments");

        var (other, _) = await host.GetAsync("repos/acme/widgets/issues", Ct);
        var (failed, _) = await host.SendJsonAsync(HttpMethod.Post, "repos/acme/widgets/issues/1/comments", """{"body":"hello"}""", Ct);
        var (retried, _) = await host.SendJsonAsync(HttpMethod.Post, "repos/acme/widgets/issues/1/comments", """{"body":"hello"}""", Ct);

        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Single(host.State.GetIssue("acme", "widgets", 1)!.Comments, c => c.Body == "hello");
        Assert.Equal(0, host.State.Faults.Pending);
    }

    [Fact]
    public async Task DropConnectionFault_OnPostOnly_ClosesTheSocketAndCreatesNothing()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();
        host.State.Faults.DropConnection(pathPrefix: "/repos/acme/widgets/issues/1/comments", httpMethod: "POST");

        var (read, _) = await host.GetAsync("repos/acme/widgets/issues/1/comments", Ct);
        await Assert.ThrowsAsync<HttpRequestException>(() => host.SendJsonAsync(HttpMethod.Post, "repos/acme/widgets/issues/1/comments", """{"body":"lost"}""", Ct));
        var (retried, _) = await host.SendJsonAsync(HttpMethod.Post, "repos/acme/widgets/issues/1/comments", """{"body":"kept"}""", Ct);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(["kept"], host.State.GetIssue("acme", "widgets", 1)!.Comments.Select(c => c.Body).Where(b => b is "lost" or "kept"));
    }

    [Fact]
    public async Task TruncateBodyFault_WriteHappens_AnswerIsHalfItsJson()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();
        host.State.Faults.TruncateBody(httpMethod: "POST");

        var response = await host.Client.PostAsync("repos/acme/widgets/issues/1/comments", new StringContent("""{"body":"did it post?"}""", System.Text.Encoding.UTF8, "application/json"), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.StartsWith("{", text, StringComparison.Ordinal);
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => System.Text.Json.JsonDocument.Parse(text));
        Assert.Single(host.State.GetIssue("acme", "widgets", 1)!.Comments, c => c.Body == "did it post?");
    }

    [Fact]
    public async Task SlowFault_AnswersOnlyAfterTheDelayOnTheStatesClock()
    {
        var clock = new FakeTimeProvider(GitHubSandboxHost.Start);
        var watcher = new TimerWatchingTimeProvider(clock);
        await using var host = await GitHubSandboxHost.StartAsync(s => s.SeedDemo(), watcher, clock);
        host.State.Faults.Slow(TimeSpan.FromSeconds(30));

        var pending = host.Client.GetAsync("repos/acme/widgets/issues", Ct);
        await watcher.TimerCreated.WaitAsync(Ct);
        Assert.False(pending.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(30));
        var response = await pending;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Slow", host.State.Requests.Single().Fault);
    }

    [Fact]
    public async Task RateLimit_UsedUp_Answers403UntilTheWindowResets()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();
        host.State.SetRateLimitRemaining(1);

        var (last, _) = await host.GetAsync("repos/acme/widgets/issues", Ct);
        var (refused, json) = await host.GetAsync("repos/acme/widgets/issues", Ct);
        host.Clock.Advance(TimeSpan.FromHours(1));
        var (afterReset, _) = await host.GetAsync("repos/acme/widgets/issues", Ct);

        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        Assert.Equal("0", Header(last, "X-RateLimit-Remaining"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("rate limit exceeded", json!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, afterReset.StatusCode);
        Assert.Equal("4999", Header(afterReset, "X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task RateLimitEndpoint_DoesNotUseTheQuota()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();

        await host.GetAsync("rate_limit", Ct);
        var (_, json) = await host.GetAsync("rate_limit", Ct);

        Assert.Equal(GitHubState.RateLimitPerHour, json!["rate"]!["remaining"]!.GetValue<int>());
        Assert.All(host.State.Requests, r => Assert.False(r.CountedAgainstRateLimit));
    }
}
