using System.Net;
using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Tests.Slack;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using static CommunitySuccess.Tests.GitHub.GitHubGatewayHarness;

namespace CommunitySuccess.Tests.GitHub;

public sealed class GitHubRateLimitHandlerTests
{
    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListIssuesAsync_403RemainingZeroResetIn2s_WaitsUntilResetThenSucceeds()
    {
        var fake = new FakeTimeProvider(new DateTimeOffset(2024, 6, 3, 9, 0, 0, TimeSpan.Zero));
        var clock = new TimerWatchingTimeProvider(fake);
        var reset = fake.GetUtcNow().AddSeconds(2);
        var calls = 0;
        await using var harness = await StartAsync((context, _) => Interlocked.Increment(ref calls) == 1
            ? WriteJsonAsync(context, """{"message":"API rate limit exceeded for user ID 1.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"}""",
                StatusCodes.Status403Forbidden, RateLimitHeaders(0, reset))
            : WriteJsonAsync(context, Fixtures.Read("github/rest/issues.list.docs_example.json"), headers: RateLimitHeaders(4999, reset.AddHours(1))),
            clock, fake);

        var listing = harness.Gateway.ListIssuesAsync(Owner, Repo, null, Ct);
        Assert.True(await clock.TimerCreated.WaitAsync(WaitTimeout, Ct), "The handler never started waiting.");
        Assert.Equal(new GitHubRateLimit(5000, 0, reset.UtcDateTime), harness.Gateway.LastRateLimit);
        Assert.False(listing.IsCompleted);
        fake.Advance(TimeSpan.FromSeconds(2));
        var result = await listing;

        Assert.Equal(1347, Assert.Single(result.Items).Number);
        Assert.Equal(2, harness.Requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(2), harness.Requests[1].ReceivedAt - harness.Requests[0].ReceivedAt);
        Assert.Equal(4999, harness.Gateway.LastRateLimit!.Remaining);
    }

    [Fact]
    public async Task GetIssueAsync_429WithRetryAfter_WaitsThatLongThenSucceeds()
    {
        var fake = new FakeTimeProvider(new DateTimeOffset(2024, 6, 3, 9, 0, 0, TimeSpan.Zero));
        var clock = new TimerWatchingTimeProvider(fake);
        var calls = 0;
        await using var harness = await StartAsync((context, _) => Interlocked.Increment(ref calls) == 1
            ? WriteJsonAsync(context, """{"message":"You have exceeded a secondary rate limit."}""", StatusCodes.Status429TooManyRequests,
                new Dictionary<string, string> { ["Retry-After"] = "3" })
            : WriteJsonAsync(context, Fixtures.Read("github/rest/issue.get.json")),
            clock, fake);

        var reading = harness.Gateway.GetIssueAsync(Owner, Repo, 1347, Ct);
        Assert.True(await clock.TimerCreated.WaitAsync(WaitTimeout, Ct), "The handler never started waiting.");
        fake.Advance(TimeSpan.FromSeconds(2));
        Assert.False(reading.IsCompleted);
        fake.Advance(TimeSpan.FromSeconds(1));
        var issue = await reading;

        Assert.Equal(1347, issue.Number);
        Assert.Equal(2, harness.Requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(3), harness.Requests[1].ReceivedAt - harness.Requests[0].ReceivedAt);
    }

    [Fact]
    public async Task CreateCommentAsync_429_IsNotRetriedAndThrowsRetryableWithRetryAfter()
    {
        var fake = new FakeTimeProvider(new DateTimeOffset(2024, 6, 3, 9, 0, 0, TimeSpan.Zero));
        var clock = new TimerWatchingTimeProvider(fake);
        await using var harness = await StartAsync((context, _) =>
            WriteJsonAsync(context, """{"message":"You have exceeded a secondary rate limit."}""", StatusCodes.Status429TooManyRequests,
                new Dictionary<string, string> { ["Retry-After"] = "30" }),
            clock, fake);

        var ex = await Assert.ThrowsAsync<GitHubGatewayException>(() => harness.Gateway.CreateCommentAsync(Owner, Repo, 1347, "Hello <!-- cs:9 -->", Ct));

        Assert.True(ex.IsRetryable);
        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), ex.RetryAfter);
        Assert.Equal("POST", Assert.Single(harness.Requests).Method);
        Assert.Equal(0, clock.TimerCreated.CurrentCount);
    }

    [Fact]
    public async Task CloseIssueAsync_403RateLimited_IsNotRetriedAndSaysWhenToTryAgain()
    {
        var fake = new FakeTimeProvider(new DateTimeOffset(2024, 6, 3, 9, 0, 0, TimeSpan.Zero));
        await using var harness = await StartAsync((context, _) =>
            WriteJsonAsync(context, """{"message":"API rate limit exceeded for user ID 1."}""", StatusCodes.Status403Forbidden,
                RateLimitHeaders(0, fake.GetUtcNow().AddSeconds(90))),
            fake, fake);

        var ex = await Assert.ThrowsAsync<GitHubGatewayException>(() => harness.Gateway.CloseIssueAsync(Owner, Repo, 1, GitHubCloseReason.Completed, Ct));

        Assert.True(ex.IsRetryable);
        Assert.Equal(TimeSpan.FromSeconds(90), ex.RetryAfter);
        Assert.Single(harness.Requests);
        Assert.Contains("rate limited", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListIssuesAsync_ResetBeyondTheCap_ThrowsRetryableAtOnceWithoutWaiting()
    {
        var fake = new FakeTimeProvider(new DateTimeOffset(2024, 6, 3, 9, 0, 0, TimeSpan.Zero));
        var clock = new TimerWatchingTimeProvider(fake);
        await using var harness = await StartAsync((context, _) =>
            WriteJsonAsync(context, """{"message":"API rate limit exceeded for user ID 1."}""", StatusCodes.Status403Forbidden,
                RateLimitHeaders(0, fake.GetUtcNow().AddMinutes(40))),
            clock, fake);

        var ex = await Assert.ThrowsAsync<GitHubGatewayException>(() => harness.Gateway.ListIssuesAsync(Owner, Repo, null, Ct));

        Assert.True(ex.IsRetryable);
        Assert.Equal(TimeSpan.FromMinutes(40), ex.RetryAfter);
        Assert.Single(harness.Requests);
        Assert.Equal(0, clock.TimerCreated.CurrentCount);
    }

    [Fact]
    public async Task ListLabelsAsync_RateLimitedEveryTime_GivesUpAfterMaxRetries()
    {
        var fake = new FakeTimeProvider(new DateTimeOffset(2024, 6, 3, 9, 0, 0, TimeSpan.Zero));
        var clock = new TimerWatchingTimeProvider(fake);
        await using var harness = await StartAsync((context, _) =>
            WriteJsonAsync(context, """{"message":"You have exceeded a secondary rate limit."}""", StatusCodes.Status429TooManyRequests,
                new Dictionary<string, string> { ["Retry-After"] = "5" }),
            clock, fake);

        var listing = harness.Gateway.ListLabelsAsync(Owner, Repo, Ct);
        for (var wait = 0; wait < GitHubRateLimitHandler.MaxRetries; wait++)
        {
            Assert.True(await clock.TimerCreated.WaitAsync(WaitTimeout, Ct), $"Wait {wait + 1} never started.");
            fake.Advance(TimeSpan.FromSeconds(5));
        }

        var ex = await Assert.ThrowsAsync<GitHubGatewayException>(() => listing);

        Assert.True(ex.IsRetryable);
        Assert.Equal(TimeSpan.FromSeconds(5), ex.RetryAfter);
        Assert.Equal(GitHubRateLimitHandler.MaxRetries + 1, harness.Requests.Count);
    }

    [Fact]
    public async Task ListIssuesAsync_CancelledWhileWaiting_ThrowsOperationCanceled()
    {
        var fake = new FakeTimeProvider(new DateTimeOffset(2024, 6, 3, 9, 0, 0, TimeSpan.Zero));
        var clock = new TimerWatchingTimeProvider(fake);
        await using var harness = await StartAsync((context, _) =>
            WriteJsonAsync(context, "{}", StatusCodes.Status429TooManyRequests, new Dictionary<string, string> { ["Retry-After"] = "60" }),
            clock, fake);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var listing = harness.Gateway.ListIssuesAsync(Owner, Repo, null, cancel.Token);
        Assert.True(await clock.TimerCreated.WaitAsync(WaitTimeout, Ct));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => listing);
        Assert.Single(harness.Requests);
    }

    [Fact]
    public async Task GetIssueAsync_403WithoutRateLimitSigns_IsAnOrdinaryForbidden()
    {
        await using var harness = await AnsweringAsync("""{"message":"Resource not accessible by personal access token"}""", StatusCodes.Status403Forbidden);

        var ex = await Assert.ThrowsAsync<GitHubGatewayException>(() => harness.Gateway.GetIssueAsync(Owner, Repo, 1, Ct));

        Assert.False(ex.IsRetryable);
        Assert.Null(ex.RetryAfter);
        Assert.Equal("Resource not accessible by personal access token", ex.GitHubMessage);
        Assert.Single(harness.Requests);
    }

    [Theory]
    [InlineData(403, "0", "1717405210", null, "", 10)]
    [InlineData(429, null, null, "7", "", 7)]
    [InlineData(403, "12", "1717405210", "7", "", 7)]
    [InlineData(429, null, null, null, "", 60)]
    [InlineData(403, null, null, null, "You have exceeded a secondary rate limit", 60)]
    [InlineData(403, "0", "1717405100", null, "", 0)]
    public void WaitFor_RateLimitSignals_FollowGitHubsRules(int status, string? remaining, string? reset, string? retryAfter, string body, int expectedSeconds)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1717405200);
        var headers = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["X-RateLimit-Remaining"] = remaining,
            ["X-RateLimit-Reset"] = reset,
            ["Retry-After"] = retryAfter,
        };

        var wait = GitHubRateLimitRules.WaitFor((HttpStatusCode)status, n => headers.GetValueOrDefault(n), body, now);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), wait);
    }

    [Theory]
    [InlineData(403, "Must have admin rights to Repository.")]
    [InlineData(404, "rate limit")]
    [InlineData(500, "")]
    public void WaitFor_NotARateLimit_IsNull(int status, string body) =>
        Assert.Null(GitHubRateLimitRules.WaitFor((HttpStatusCode)status, _ => null, body, DateTimeOffset.UnixEpoch));
}
