using CommunitySuccess.Core.Configuration;
using CommunitySuccess.Tests.TestSupport;
using CommunitySuccess.Web.Hosting;
using Microsoft.Extensions.Configuration;

namespace CommunitySuccess.Tests.Web.Hosting;

/// <summary>Behind a TLS-terminating proxy: cookies are Secure and HSTS is sent, but only for trusted proxies.</summary>
public sealed class NetworkSecurityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignIn_ThroughTrustedProxyOverHttps_CookieIsSecureHttpOnlyLaxAndHstsIsSent()
    {
        // No Network:KnownProxies: a proxy on this machine (loopback, where the test client is) is trusted.
        await using var app = new AppFactory();
        using var client = ThroughProxy(app);

        var (page, signedIn) = await SignInAsync(client);

        var cookie = AuthCookie(signedIn);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.True(page.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task SignIn_ForwardedHttpsFromAnUntrustedAddress_IsIgnored()
    {
        await using var app = new AppFactory(s => s["Network:KnownProxies:0"] = "10.9.8.7");
        using var client = ThroughProxy(app);

        var (page, signedIn) = await SignInAsync(client);

        Assert.DoesNotContain("secure", AuthCookie(signedIn), StringComparison.OrdinalIgnoreCase);
        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public void Validate_ProxyThatIsNotAnAddress_NamesTheKey()
    {
        var result = new NetworkOptionsValidator().Validate(null, new NetworkOptions { KnownProxies = ["10.0.0.5", "172.18.0.0/16", "proxy.local"] });

        Assert.True(result.Failed);
        Assert.Equal(["Network:KnownProxies[2] must be an IP address or a network such as 10.0.0.0/8, not 'proxy.local'."], result.Failures);
    }

    [Fact]
    public void Validate_UnknownKeyInNetworkSection_IsRefusedByName()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Network:KnownProxys:0"] = "10.0.0.5",
        }).Build();

        var result = new UnknownKeyValidator<NetworkOptions>(configuration, NetworkOptions.SectionName).Validate(null, new NetworkOptions());

        Assert.Equal(["Network:KnownProxys is not a known setting."], result.Failures);
    }

    // The client speaks plain HTTP to the app, as the proxy does; a cookie jar would hold back Secure cookies over
    // HTTP, so the test carries the antiforgery cookie itself, as the browser (which spoke HTTPS) would.
    private static async Task<(HttpResponseMessage Page, HttpResponseMessage SignedIn)> SignInAsync(HttpClient client)
    {
        var page = await client.GetAsync("/Account/Login", Ct);
        var cookies = page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]);
        client.DefaultRequestHeaders.Add("Cookie", string.Join("; ", cookies));
        var signedIn = await AppFactory.PostLoginFormAsync(client, await page.Content.ReadAsStringAsync(Ct), AppFactory.AdminEmail, AppFactory.AdminPassword);
        return (page, signedIn);
    }

    // What a TLS-terminating proxy in front of the app adds to every request.
    private static HttpClient ThroughProxy(AppFactory app)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        client.DefaultRequestHeaders.Host = "desk.example.test";
        return client;
    }

    private static string AuthCookie(HttpResponseMessage response) =>
        Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("CommunitySuccess.Auth=", StringComparison.Ordinal));
}
