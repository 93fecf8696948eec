using System.Net.Http.Headers;
using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using static CommunitySuccess.Tests.GitHub.GitHubGatewayHarness;

namespace CommunitySuccess.Tests.GitHub;

public sealed class GitHubETagCacheTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A server that answers 304 when the client already holds the current ETag of the page, else 200.</summary>
    private static Func<HttpContext, LoopbackRequest, Task> ConditionalServer(Func<string, (string ETag, string Body, string? Link)> page) =>
        (context, request) =>
        {
            var (etag, body, link) = page(context.Request.Query["page"].ToString());
            var headers = RateLimitHeaders(4000, DateTimeOffset.UnixEpoch.AddSeconds(2_000_000_000));
            headers["ETag"] = etag;
            if (link is not null)
            {
                headers["Link"] = link;
            }

            return request.Header("If-None-Match") == etag
                ? WriteJsonAsync(context, "", StatusCodes.Status304NotModified, headers)
                : WriteJsonAsync(context, body, headers: headers);
        };

    [Fact]
    public async Task ListIssuesAsync_SameRequestTwice_SendsIfNoneMatchAndReturnsCachedDataAsUnchanged()
    {
        var body = Fixtures.Read("github/rest/issues.list.docs_example.json");
        await using var harness = await StartAsync(ConditionalServer(_ => ("\"abc123\"", body, null)));
        var since = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        var first = await harness.Gateway.ListIssuesAsync(Owner, Repo, since, Ct);
        var second = await harness.Gateway.ListIssuesAsync(Owner, Repo, since, Ct);

        Assert.False(first.Unchanged);
        Assert.True(second.Unchanged);
        Assert.Equal(first.Items.Select(i => (i.Id, i.Title, i.UpdatedAt)), second.Items.Select(i => (i.Id, i.Title, i.UpdatedAt)));
        Assert.Equal(["octocat"], second.Items[0].Assignees);
        Assert.Equal(2, harness.Requests.Count);
        Assert.Null(harness.Requests[0].Header("If-None-Match"));
        Assert.Equal("\"abc123\"", harness.Requests[1].Header("If-None-Match"));
        Assert.Equal(harness.Requests[0].QueryString, harness.Requests[1].QueryString);
    }

    [Fact]
    public async Task ListIssuesAsync_SecondRunAllPages304_FollowsCachedLinkAndReportsUnchanged()
    {
        GitHubGatewayHarness? self = null;
        var version = "1";
        await using var harness = self = await StartAsync(ConditionalServer(page => page switch
        {
            "" => ("\"p1\"", Fixtures.Read("github/rest/issues.list.json"), $"<{self!.ApiRoot}repositories/515435940/issues?page=2>; rel=\"next\""),
            _ => ($"\"p2-v{version}\"", Fixtures.Read("github/rest/issues.list.last_page.json"), null),
        }));

        var first = await harness.Gateway.ListIssuesAsync(Owner, Repo, null, Ct);
        var second = await harness.Gateway.ListIssuesAsync(Owner, Repo, null, Ct);
        version = "2";
        var third = await harness.Gateway.ListIssuesAsync(Owner, Repo, null, Ct);

        Assert.Equal([13, 12, 11, 1], first.Items.Select(i => i.Number));
        Assert.Equal([13, 12, 11, 1], second.Items.Select(i => i.Number));
        Assert.Equal([13, 12, 11, 1], third.Items.Select(i => i.Number));
        Assert.False(first.Unchanged);
        Assert.True(second.Unchanged);
        Assert.False(third.Unchanged);
        Assert.Equal(6, harness.Requests.Count);
        Assert.Equal([null, null, "\"p1\"", "\"p2-v1\"", "\"p1\"", "\"p2-v1\""], harness.Requests.Select(r => r.Header("If-None-Match")));
    }

    [Fact]
    public async Task ListCommentsAsync_NotModified_ReportsUnchangedAndRecordsRateLimitFromThe304()
    {
        await using var harness = await StartAsync(ConditionalServer(_ => ("W/\"c1\"", Fixtures.Read("github/rest/issue_comments.list.json"), null)));

        await harness.Gateway.ListCommentsAsync(Owner, Repo, null, Ct);
        var again = await harness.Gateway.ListCommentsAsync(Owner, Repo, null, Ct);

        Assert.True(again.Unchanged);
        Assert.Equal(1347, Assert.Single(again.Items).IssueNumber);
        Assert.Equal("W/\"c1\"", harness.Requests[1].Header("If-None-Match"));
        Assert.Equal(new GitHubRateLimit(5000, 4000, DateTimeOffset.FromUnixTimeSeconds(2_000_000_000).UtcDateTime), harness.Gateway.LastRateLimit);
    }

    [Fact]
    public async Task ListIssuesAsync_TokenChangedInSettings_SendsTheNewTokenAndDoesNotReuseTheOldTokensCache()
    {
        await using var harness = await StartAsync(ConditionalServer(_ => ("\"t\"", Fixtures.Read("github/rest/issues.list.docs_example.json"), null)));

        await harness.Gateway.ListIssuesAsync(Owner, Repo, null, Ct);
        harness.Configuration["GitHub:Token"] = "ghp_another0000000000000000000000000000";
        ((Microsoft.Extensions.Configuration.IConfigurationRoot)harness.Configuration).Reload();
        var other = await harness.Gateway.ListIssuesAsync(Owner, Repo, null, Ct);

        Assert.False(other.Unchanged);
        Assert.Null(harness.Requests[1].Header("If-None-Match"));
        Assert.Equal("Token ghp_another0000000000000000000000000000", harness.Requests[1].Header("Authorization"));
    }

    [Fact]
    public async Task CreateCommentAsync_Post_IsNeverConditional()
    {
        await using var harness = await StartAsync(ConditionalServer(_ => ("\"x\"", Fixtures.Read("github/rest/issue_comment.create.json"), null)));

        await harness.Gateway.CreateCommentAsync(Owner, Repo, 1347, "one", Ct);
        await harness.Gateway.CreateCommentAsync(Owner, Repo, 1347, "two", Ct);

        Assert.All(harness.Requests, r => Assert.Null(r.Header("If-None-Match")));
        Assert.Equal(0, harness.Services.GetService(typeof(GitHubETagCache)) is GitHubETagCache cache ? cache.Count : -1);
    }

    [Fact]
    public void Set_MoreEntriesThanTheBound_EvictsTheLeastRecentlyUsed()
    {
        var cache = new GitHubETagCache(maxEntries: 2, maxBytes: 1_000);
        cache.Set(Entry("a", 10));
        cache.Set(Entry("b", 10));
        Assert.NotNull(cache.TryGet("a"));

        cache.Set(Entry("c", 10));

        Assert.NotNull(cache.TryGet("a"));
        Assert.Null(cache.TryGet("b"));
        Assert.NotNull(cache.TryGet("c"));
        Assert.Equal(2, cache.Count);
        Assert.Equal(20, cache.Bytes);
    }

    [Fact]
    public void Set_MoreBytesThanTheBound_EvictsUntilWithinAndSkipsABodyTooLargeAlone()
    {
        var cache = new GitHubETagCache(maxEntries: 100, maxBytes: 100);
        cache.Set(Entry("a", 40));
        cache.Set(Entry("b", 40));
        cache.Set(Entry("c", 40));
        cache.Set(Entry("huge", 101));

        Assert.Null(cache.TryGet("a"));
        Assert.Null(cache.TryGet("huge"));
        Assert.Equal(80, cache.Bytes);
    }

    [Fact]
    public async Task Set_ManyThreadsAtOnce_StaysWithinBoundsAndConsistent()
    {
        var cache = new GitHubETagCache(maxEntries: 50, maxBytes: 10_000);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                cache.Set(Entry($"{t}-{i % 80}", 7));
                cache.TryGet($"{(t + 1) % 8}-{i % 80}");
                if (i % 13 == 0)
                {
                    cache.Remove($"{t}-{i % 80}");
                }
            }
        }, Ct)));

        Assert.InRange(cache.Count, 1, 50);
        Assert.Equal(cache.Count * 7L, cache.Bytes);
    }

    [Fact]
    public void KeyFor_DifferentTokenOrAccept_DiffersAndHoldsNoToken()
    {
        static HttpRequestMessage Request(string token, string accept)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "https://api.github.com/repos/o/r/issues?state=all");
            request.Headers.Authorization = new AuthenticationHeaderValue("Token", token);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
            return request;
        }

        using var a = Request("ghp_secretA", "application/vnd.github.v3+json");
        using var b = Request("ghp_secretB", "application/vnd.github.v3+json");
        using var c = Request("ghp_secretA", "application/vnd.github.raw+json");
        using var a2 = Request("ghp_secretA", "application/vnd.github.v3+json");

        Assert.Equal(GitHubETagCache.KeyFor(a), GitHubETagCache.KeyFor(a2));
        Assert.NotEqual(GitHubETagCache.KeyFor(a), GitHubETagCache.KeyFor(b));
        Assert.NotEqual(GitHubETagCache.KeyFor(a), GitHubETagCache.KeyFor(c));
        Assert.DoesNotContain("ghp_secretA", GitHubETagCache.KeyFor(a), StringComparison.Ordinal);
    }

[Fact]
    public async Task ListIssuesAsync_RateLimitedInBetween_KeepsTheCachedCopyForTheNextRun()
    {
        var rateLimited = false;
        await using var harness = await StartAsync((context, request) =>
        {
            var headers = RateLimitHeaders(rateLimited ? 0 : 10, DateTimeOffset.UnixEpoch.AddSeconds(4_000_000_000));
            headers["ETag"] = "\"same\"";
            return rateLimited
                ? WriteJsonAsync(context, """{"message":"API rate limit exceeded"}""", StatusCodes.Status403Forbidden, headers)
                : request.Header("If-None-Match") == "\"same\""
                    ? WriteJsonAsync(context, "", StatusCodes.Status304NotModified, headers)
                    : WriteJsonAsync(context, Fixtures.Read("github/rest/issues.list.docs_example.json"), headers: headers);
        });

        await harness.Gateway.ListIssuesAsync(Owner, Repo, null, Ct);
        rateLimited = true;
        await Assert.ThrowsAsync<GitHubGatewayException>(() => harness.Gateway.ListIssuesAsync(Owner, Repo, null, Ct));
        rateLimited = false;
        var after = await harness.Gateway.ListIssuesAsync(Owner, Repo, null, Ct);

        Assert.True(after.Unchanged);
        Assert.Equal("\"same\"", harness.Requests[^1].Header("If-None-Match"));
    }

    private static GitHubETagCache.Entry Entry(string key, int bytes) => new(key, $"\"{key}\"", new byte[bytes], [], []);
}
