using System.Net;
using CommunitySuccess.Tests.TestSupport;
using CommunitySuccess.Web.Hosting;

namespace CommunitySuccess.Tests.Web.Hosting;

/// <summary>Browser-enforced protections on every response, the hub's origin check and the sign-in rate limit.</summary>
public sealed class SecurityHeadersTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/settings")]
    [InlineData("/health")]
    public async Task Get_AnyResponse_CarriesThePolicyAndHardeningHeaders(string path)
    {
        await using var app = new AppFactory();
        using var client = await app.SignedInClientAsync();

        using var response = await client.GetAsync(path, Ct);

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self' 'nonce-", policy, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Get_Page_TheInlineImportMapCarriesThisResponsesNonce()
    {
        await using var app = new AppFactory();
        using var client = await app.SignedInClientAsync();

        using var response = await client.GetAsync("/settings", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = policy.Split("'nonce-")[1].Split('\'')[0];
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BlazorHub_OpenedFromAnotherSitesPage_IsRefused()
    {
        await using var app = new AppFactory();
        using var client = await app.SignedInClientAsync();

        using var foreign = await NegotiateAsync(client, "https://evil.example");
        using var own = await NegotiateAsync(client, app.BaseAddress.GetLeftPart(UriPartial.Authority));

        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task SignIn_TooManyPostsFromOneAddress_AreRefusedBeyondTheLimit()
    {
        await using var app = new AppFactory();
        var statuses = new List<HttpStatusCode>();

        // Different accounts each time: the per-account lockout never triggers, only the per-address limit can.
        for (var i = 0; i <= SecurityHeaders.SignInPostsPerMinute; i++)
        {
            using var client = app.CreateBrowserClient();
            using var response = await AppFactory.PostLoginAsync(client, $"guess{i}@example.test", "guessed-password");
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses.Take(SecurityHeaders.SignInPostsPerMinute), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    private static async Task<HttpResponseMessage> NegotiateAsync(HttpClient client, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", origin);
        return await client.SendAsync(request, Ct);
    }
}
