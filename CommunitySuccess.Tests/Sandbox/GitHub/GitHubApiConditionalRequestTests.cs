using System.Net;
using System.Net.Http.Headers;

namespace CommunitySuccess.Tests.Sandbox.GitHub;

/// <summary>ETag / Last-Modified: a matching conditional GET answers 304 with no body and costs no rate limit.</summary>
public sealed class GitHubApiConditionalRequestTests
{
    private const string Issues = "repos/acme/widgets/issues?state=all&per_page=100";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> GetIfNoneMatchAsync(GitHubSandboxHost host, string uri, EntityTagHeaderValue etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.IfNoneMatch.Add(etag);
        return await host.Client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task ListIssues_IfNoneMatchUnchanged_Answers304WithoutBodyAndWithoutUsingTheRateLimit()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();
        var (first, _) = await host.GetAsync(Issues, Ct);
        var etag = first.Headers.ETag!;
        var remaining = GitHubApiWireFormatTests.Header(first, "X-RateLimit-Remaining");

        var second = await GetIfNoneMatchAsync(host, Issues, etag);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(etag, second.Headers.ETag);
        Assert.Equal(remaining, GitHubApiWireFormatTests.Header(second, "X-RateLimit-Remaining"));
        Assert.Equal(int.Parse(remaining!, System.Globalization.CultureInfo.InvariantCulture), host.State.RateLimitRemaining);
        var log = host.State.Requests;
        Assert.Equal(2, log.Count);
        Assert.True(log[0].CountedAgainstRateLimit);
        Assert.False(log[0].NotModified);
        Assert.True(log[1].NotModified);
        Assert.False(log[1].CountedAgainstRateLimit);
        Assert.Equal(304, log[1].StatusCode);
        Assert.Equal("/api/v3/repos/acme/widgets/issues?state=all&per_page=100", log[1].PathAndQuery);
    }

    [Fact]
    public async Task ListIssues_IfNoneMatchAfterAChange_Answers200WithANewETag()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();
        var (first, _) = await host.GetAsync(Issues, Ct);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        host.State.Comment("acme", "widgets", 1, "kenji-w", "One more detail: it also happens on 1.4.1.");

        var second = await GetIfNoneMatchAsync(host, Issues, first.Headers.ETag!);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotEqual(first.Headers.ETag, second.Headers.ETag);
        Assert.True(host.State.Requests[1].CountedAgainstRateLimit);
    }

    [Fact]
    public async Task ListIssues_SameStateTwice_AnswersTheSameETag()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();

        var (first, _) = await host.GetAsync(Issues, Ct);
        var (second, _) = await host.GetAsync(Issues, Ct);

        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.True(first.Headers.ETag!.IsWeak);
    }

    [Fact]
    public async Task GetIssue_IfModifiedSinceItsLastModified_Answers304()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();
        var (first, _) = await host.GetAsync("repos/acme/widgets/issues/3", Ct);
        var lastModified = first.Content.Headers.LastModified!.Value;

        using var request = new HttpRequestMessage(HttpMethod.Get, "repos/acme/widgets/issues/3");
        request.Headers.IfModifiedSince = lastModified;
        var second = await host.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.False(host.State.Requests[1].CountedAgainstRateLimit);
    }
}
