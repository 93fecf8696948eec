using System.Security.Cryptography;
using System.Threading.RateLimiting;
using CommunitySuccess.Core.Configuration;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Web.Hosting;

/// <summary>
/// What the browser is told to enforce, and what the server refuses before any page runs:
/// a Content-Security-Policy that Blazor Server and MudBlazor work under (scripts only from us, plus the one inline
/// import map carrying a per-request nonce; inline styles, which MudBlazor's theme and components set), never framed,
/// no MIME sniffing, no referrer to other sites; the Blazor hub refuses connections opened by other sites' pages;
/// and sign-in posts are rate limited per client address, beside the per-account lockout.
/// </summary>
public static class SecurityHeaders
{
    public const string SignInRateLimitPolicy = "sign-in";

    /// <summary>Sign-in and setup posts per client address per minute (password spraying across accounts).</summary>
    public const int SignInPostsPerMinute = 10;

    private const string NonceKey = "csp-nonce";
    private const string BlazorHubPath = "/_blazor";

    public static IServiceCollection AddSecurityHeaders(this IServiceCollection services)
    {
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsSignInPost(context.Request)
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = SignInPostsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter(""));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                rejected.HttpContext.Response.Headers.RetryAfter = "60";
                await rejected.HttpContext.Response.WriteAsync("Too many sign-in attempts from your address. Wait a minute and try again.", cancellationToken);
            };
        });
        return services;
    }

    /// <summary>After <see cref="NetworkSecurity.UseNetworkSecurity"/>: it needs the client's real scheme and address.</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(BlazorHubPath) && !IsSameSiteOrigin(context))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            var headers = context.Response.Headers;
            var policy = PolicyFor(context);
            // Set again as the response starts: Blazor adds its own "frame-ancestors 'self'" policy to interactive
            // pages, and one complete (stricter) policy is clearer than two that the browser would intersect.
            context.Response.OnStarting(() =>
            {
                headers.ContentSecurityPolicy = policy;
                return Task.CompletedTask;
            });
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            await next(context);
        });
        app.UseRateLimiter();
        return app;
    }

    /// <summary>The nonce of this response's policy, for the one inline script (the import map in App.razor).</summary>
    public static string Nonce(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items[NonceKey] is not string nonce)
        {
            // Hex, not base64: Razor encodes a '+' or '/' in the attribute, which a browser decodes but a reader of the
            // page's text (and the test that checks it) would not match against the header.
            nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
        }

        return nonce;
    }

    private static string PolicyFor(HttpContext context)
    {
        // The jobs dashboard is Hangfire's own page with its own inline scripts: it is for admins only, and keeps
        // the framing and sniffing protections but not the script policy.
        if (context.Request.Path.StartsWithSegments("/hangfire"))
        {
            return "frame-ancestors 'none'";
        }

        // img-src https: for Slack avatars (Slack's CDN); GitHub markdown images are links, never loaded by themselves.
        // In demo mode the sandbox serves its made-up people's avatars over plain http on loopback.
        var demoImages = context.RequestServices.GetService<CommunitySuccess.Sandbox.SandboxServer>() is { } sandbox
            ? " " + sandbox.BaseUrl.GetLeftPart(UriPartial.Authority)
            : "";
        return "default-src 'self'; script-src 'self' 'nonce-" + Nonce(context) + "'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:" + demoImages + "; "
            + "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    }

    private static bool IsSignInPost(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && (request.Path.Equals("/Account/Login", StringComparison.OrdinalIgnoreCase) || request.Path.Equals("/setup", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A browser sends Origin on WebSocket and fetch requests; a page of another site opening our hub with the
    /// user's cookies is refused. No Origin (a non-browser client) is left to the sign-in requirement.
    /// </summary>
    private static bool IsSameSiteOrigin(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true;
        }

        var own = $"{context.Request.Scheme}://{context.Request.Host}";
        if (string.Equals(origin, own, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var publicUrl = context.RequestServices.GetRequiredService<IOptions<AppOptions>>().Value.PublicUrl;
        return Uri.TryCreate(publicUrl, UriKind.Absolute, out var configured)
            && string.Equals(origin, configured.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);
    }
}
