using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CommunitySuccess.Sandbox.GitHub;

/// <summary>
/// The GitHub REST API emulator: the endpoints Octokit calls for issues, pull requests, comments, labels, reviews,
/// releases, users and the rate limit, answered from a <see cref="GitHubState"/> in GitHub's wire format, with
/// GitHub's headers (rate limit, request id, ETag, Last-Modified, Link), conditional requests, errors and faults.
/// </summary>
public static partial class GitHubApi
{
    /// <summary>The route prefix: Octokit adds <c>api/v3/</c> to any base address that is not github.com.</summary>
    public const string Prefix = "/api/v3";

    internal const string DocsRoot = "https://docs.github.com/rest";

    private const string RateLimitDoc = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api";

    /// <summary>
    /// Maps every route under <see cref="Prefix"/> (e.g. <c>GET /api/v3/repos/{owner}/{repo}/issues</c>), the
    /// <c>/repositories/{id}/…</c> forms GitHub puts in <c>Link</c> headers, and <c>GET /avatars/u/{id}</c> for avatar images.
    /// </summary>
    public static IEndpointRouteBuilder MapGitHubApi(this IEndpointRouteBuilder endpoints, GitHubState state)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(state);
        var api = endpoints.MapGroup(Prefix);

        void Map(string method, string pattern, Func<GitHubApiCall, GitHubApiResult> handler, bool counts = true) =>
            api.MapMethods(pattern, [method], (RequestDelegate)(context => RunAsync(context, state, handler, counts)));

        void MapRepo(string method, string suffix, Func<GitHubApiCall, GitHubApiResult> handler)
        {
            Map(method, "/repos/{owner}/{repo}" + suffix, handler);
            Map(method, "/repositories/{repositoryId:long}" + suffix, handler);
        }

        MapRepo("GET", "", GetRepository);
        MapRepo("GET", "/issues", ListIssues);
        MapRepo("POST", "/issues", CreateIssue);
        MapRepo("GET", "/issues/comments", ListRepositoryComments);
        MapRepo("GET", "/issues/comments/{commentId:long}", GetComment);
        MapRepo("PATCH", "/issues/comments/{commentId:long}", UpdateComment);
        MapRepo("DELETE", "/issues/comments/{commentId:long}", DeleteComment);
        MapRepo("GET", "/issues/{number:int}", GetIssue);
        MapRepo("PATCH", "/issues/{number:int}", UpdateIssue);
        MapRepo("POST", "/issues/{number:int}/assignees", AddAssignees);
        MapRepo("GET", "/issues/{number:int}/comments", ListIssueComments);
        MapRepo("POST", "/issues/{number:int}/comments", CreateComment);
        MapRepo("POST", "/issues/{number:int}/reactions", CreateIssueReaction);
        MapRepo("GET", "/issues/{number:int}/labels", ListIssueLabels);
        MapRepo("POST", "/issues/{number:int}/labels", AddIssueLabels);
        MapRepo("PUT", "/issues/{number:int}/labels", SetIssueLabels);
        MapRepo("DELETE", "/issues/{number:int}/labels", RemoveAllIssueLabels);
        MapRepo("DELETE", "/issues/{number:int}/labels/{name}", RemoveIssueLabel);
        MapRepo("GET", "/labels", ListLabels);
        MapRepo("POST", "/labels", CreateLabel);
        MapRepo("GET", "/labels/{name}", GetLabel);
        MapRepo("GET", "/pulls", ListPulls);
        MapRepo("GET", "/pulls/{number:int}", GetPull);
        MapRepo("GET", "/pulls/{number:int}/reviews", ListReviews);
        MapRepo("GET", "/releases", ListReleases);
        MapRepo("GET", "/releases/latest", GetLatestRelease);
        MapRepo("GET", "/releases/tags/{tag}", GetReleaseByTag);
        MapRepo("GET", "/releases/{releaseId:long}", GetRelease);
        Map("GET", "/user", GetAuthenticatedUser);
        Map("GET", "/users/{login}", GetUser);
        Map("GET", "/rate_limit", GetRateLimit, counts: false);
        api.MapFallback(context => RunAsync(context, state, _ => throw GitHubApiException.NotFound(DocsRoot), counts: true));
        endpoints.MapGet("/avatars/u/{id:long}", (RequestDelegate)(context => WriteAvatarAsync(context, state)));
        return endpoints;
    }

    private static async Task RunAsync(HttpContext context, GitHubState state, Func<GitHubApiCall, GitHubApiResult> handler, bool counts)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "";
        var apiPath = path.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? path[Prefix.Length..] : path;
        var requestId = state.NextRequestId();
        var fault = state.Faults.Take(request.Method, apiPath);
        if (fault?.Kind == GitHubFaultKind.Slow)
        {
            await Task.Delay(fault.Duration, state.Time, context.RequestAborted).ConfigureAwait(false);
        }
        else if (fault?.Kind == GitHubFaultKind.DropConnection)
        {
            state.Log(new GitHubRequestLogEntry(request.Method, path, request.QueryString.Value ?? "", 0, false, false, fault.Kind.ToString(), state.Now()));
            context.Abort();
            return;
        }

        var (user, authError) = Authenticate(request, state);
        var isRead = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        var rawBody = isRead ? null : await ReadBodyAsync(request, context.RequestAborted).ConfigureAwait(false);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        byte[]? body = null;
        int status;
        var notModified = false;
        var counted = false;
        var refused = false;

        lock (state.Gate)
        {
            var now = state.Now();
            var bucket = state.Bucket(authenticated: user is not null);
            GitHubApiResult result;
            if (fault is { ReplacesAnswer: true })
            {
                result = FaultResult(fault, user, requestId);
            }
            else if (authError is not null)
            {
                result = new GitHubApiResult(StatusCodes.Status401Unauthorized, authError.Body);
            }
            else if (user is null && !isRead)
            {
                result = new GitHubApiResult(StatusCodes.Status401Unauthorized, new GitHubApiException(401, "Requires authentication", DocsRoot).Body);
            }
            else if (state.Policies.Refuse(request.Method, apiPath, now, requestId) is { } refusal)
            {
                refused = true;
                result = refusal;
            }
            else if (counts && bucket.Read(now).Remaining == 0)
            {
                refused = true;
                result = PrimaryRateLimitResult(user);
            }
            else
            {
                try
                {
                    result = handler(new GitHubApiCall(state, context, user, rawBody, now));
                }
                catch (GitHubApiException ex)
                {
                    result = new GitHubApiResult(ex.Status, ex.Body);
                }
            }

            status = result.Status;
            if (!refused)
            {
                state.Policies.Created(request.Method, apiPath, status, now);
            }

            foreach (var (name, value) in result.Headers)
            {
                headers[name] = value;
            }

            if (result.Body is not null)
            {
                body = Encoding.UTF8.GetBytes(GitHubJson.Serialize(result.Body));
            }

            if (isRead && status == StatusCodes.Status200OK && body is not null)
            {
                var etag = $"W/\"{Convert.ToHexStringLower(SHA256.HashData(body))}\"";
                headers["ETag"] = etag;
                if (result.LastModified is { } lastModified)
                {
                    headers["Last-Modified"] = lastModified.ToString("R", CultureInfo.InvariantCulture);
                }

                notModified = IsNotModified(request, etag, result.LastModified);
                headers["Cache-Control"] = user is null ? "public, max-age=60, s-maxage=60" : "private, max-age=60, s-maxage=60";
                headers["Vary"] = "Accept, Authorization, Cookie, X-GitHub-OTP";
            }

            // A 304 costs nothing (GitHub: "does not count against your primary rate limit"), nor do injected faults, refusals or 401s.
            var faulted = fault is { ReplacesAnswer: true };
            counted = counts && !notModified && !faulted && !refused && status != StatusCodes.Status401Unauthorized;
            if (counted)
            {
                bucket.Read(now);
                bucket.Used++;
            }

            var quota = bucket.Read(now);
            var remaining = fault?.Kind == GitHubFaultKind.PrimaryRateLimit || (status == StatusCodes.Status403Forbidden && IsPrimaryLimit(result)) ? 0 : quota.Remaining;
            headers["X-RateLimit-Limit"] = quota.Limit.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Reset"] = quota.Reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Used"] = (quota.Limit - remaining).ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Resource"] = "core";
            if (result.Link is { } link)
            {
                headers["Link"] = link;
            }

            if (result.Location is { } location)
            {
                headers["Location"] = location;
            }

            if (fault is { Kind: GitHubFaultKind.SecondaryRateLimit } && fault.Duration >= TimeSpan.Zero)
            {
                headers["Retry-After"] = ((int)fault.Duration.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            }
        }

        var response = context.Response;
        response.StatusCode = notModified ? StatusCodes.Status304NotModified : status;
        foreach (var (name, value) in headers)
        {
            response.Headers[name] = value;
        }

        response.Headers["X-GitHub-Request-Id"] = requestId;
        response.Headers["X-GitHub-Media-Type"] = "github.v3; format=json";
        response.Headers["X-GitHub-Api-Version-Selected"] = "2022-11-28";
        if (user is not null && state.Policies.FineGrained is null)
        {
            // Only classic tokens have scopes; GitHub sends fine-grained tokens no X-OAuth-Scopes.
            response.Headers["X-OAuth-Scopes"] = "repo, read:org";
            response.Headers["X-Accepted-OAuth-Scopes"] = "repo";
        }

        // Logged before the body goes out, so a client that got its answer always finds its request in the log.
        state.Log(new GitHubRequestLogEntry(
            request.Method,
            path,
            request.QueryString.Value ?? "",
            response.StatusCode,
            notModified,
            counted,
            fault?.Kind.ToString(),
            state.Now()));
        if (!notModified && body is not null)
        {
            if (fault?.Kind == GitHubFaultKind.TruncateBody)
            {
                body = body[..(body.Length / 2)];
            }

            response.ContentType = "application/json; charset=utf-8";
            response.ContentLength = body.Length;
            await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }

    }

    // No Authorization header is an anonymous request (reads only, 60 an hour); a wrong token is a 401.
    private static (GhUser? User, GitHubApiException? Error) Authenticate(HttpRequest request, GitHubState state)
    {
        var header = request.Headers.Authorization.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return (null, null);
        }

        var badCredentials = new GitHubApiException(StatusCodes.Status401Unauthorized, "Bad credentials", DocsRoot);
        if (!AuthenticationHeaderValue.TryParse(header, out var parsed) || parsed.Parameter is null)
        {
            return (null, badCredentials);
        }

        var token = parsed.Scheme.ToUpperInvariant() switch
        {
            "TOKEN" or "BEARER" => parsed.Parameter,
            "BASIC" => BasicPassword(parsed.Parameter),
            _ => null,
        };
        return string.Equals(token, state.Token, StringComparison.Ordinal)
            ? (state.TokenUser, null)
            : (null, badCredentials);
    }

    // GitHub accepts a token as the password (or the user name) of Basic authentication.
    private static string? BasicPassword(string parameter)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? decoded : decoded[(colon + 1)..] is { Length: > 0 } password ? password : decoded[..colon];
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }

    private static bool IsNotModified(HttpRequest request, string etag, DateTimeOffset? lastModified)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch.ToString();
        if (!string.IsNullOrEmpty(ifNoneMatch))
        {
            // Weak comparison, as GitHub does: W/"x" matches "x".
            var ours = StripWeak(etag);
            return ifNoneMatch.Split(',').Select(t => t.Trim()).Any(t => t == "*" || StripWeak(t) == ours);
        }

        var ifModifiedSince = request.Headers.IfModifiedSince.ToString();
        return lastModified is { } modified
            && DateTimeOffset.TryParse(ifModifiedSince, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
            && modified <= since;
    }

    private static string StripWeak(string tag) => tag.StartsWith("W/", StringComparison.OrdinalIgnoreCase) ? tag[2..] : tag;

    private static bool IsPrimaryLimit(GitHubApiResult result) =>
        result.Body is JsonObject o && o["message"]?.GetValue<string>().StartsWith("API rate limit exceeded", StringComparison.Ordinal) == true;

    private static GitHubApiResult PrimaryRateLimitResult(GhUser? user) => new(
        StatusCodes.Status403Forbidden,
        new JsonObject
        {
            ["message"] = user is null
                ? "API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)"
                : $"API rate limit exceeded for user ID {user.Id.ToString(CultureInfo.InvariantCulture)}.",
            ["documentation_url"] = RateLimitDoc,
        });

    private static GitHubApiResult FaultResult(GitHubFaultDecision fault, GhUser? user, string requestId) => fault.Kind switch
    {
        GitHubFaultKind.PrimaryRateLimit => PrimaryRateLimitResult(user),
        GitHubFaultKind.SecondaryRateLimit => GitHubPolicies.SecondaryLimit(fault.StatusCode, requestId),
        _ => new GitHubApiResult(fault.StatusCode, new JsonObject { ["message"] = "Server Error" }),
    };

    /// <summary>
    /// One page of a list, with GitHub's <c>Link</c> header (prev, next, last, first) pointing at the
    /// <c>/repositories/{id}/…</c> form of the path and keeping the request's other query parameters.
    /// </summary>
    private static GitHubApiResult Page<T>(GitHubApiCall call, IReadOnlyList<T> items, Func<T, JsonNode> map, GhRepository? repo)
    {
        var perPage = GitHubState.PageSize(call.Query("per_page"));
        var page = int.TryParse(call.Query("page"), CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
        var last = Math.Max(1, (items.Count + perPage - 1) / perPage);
        var skip = (long)(page - 1) * perPage;
        var slice = skip >= items.Count ? [] : items.Skip((int)skip).Take(perPage);
        var array = new JsonArray([.. slice.Select(map)]);
        return new GitHubApiResult(StatusCodes.Status200OK, array) { Link = LinkHeader(call, page, last, items.Count, repo) };
    }

    private static string? LinkHeader(GitHubApiCall call, int page, int last, int total, GhRepository? repo)
    {
        if (total == 0 || (page == 1 && last == 1))
        {
            return null;
        }

        var request = call.Http.Request;
        var path = request.Path.Value ?? "";
        var apiPath = path[Prefix.Length..];
        if (repo is not null && apiPath.StartsWith("/repos/", StringComparison.OrdinalIgnoreCase))
        {
            // "/repos/{owner}/{repo}/rest" → "/repositories/{id}/rest", as GitHub writes its Link URLs.
            var rest = string.Join('/', apiPath.Split('/').Skip(4));
            apiPath = $"/repositories/{repo.Id.ToString(CultureInfo.InvariantCulture)}" + (rest.Length > 0 ? "/" + rest : "");
        }

        var root = $"{request.Scheme}://{request.Host.Value}{request.PathBase.Value}{Prefix}{apiPath}";
        var parts = new List<string>();
        if (page > 1)
        {
            parts.Add($"<{root}?{QueryWithPage(request, Math.Min(page - 1, last))}>; rel=\"prev\"");
        }

        if (page < last)
        {
            parts.Add($"<{root}?{QueryWithPage(request, page + 1)}>; rel=\"next\"");
            parts.Add($"<{root}?{QueryWithPage(request, last)}>; rel=\"last\"");
        }

        if (page > 1)
        {
            parts.Add($"<{root}?{QueryWithPage(request, 1)}>; rel=\"first\"");
        }

        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    // The request's own query string (still encoded, in its order) with page set, appended last when absent.
    private static string QueryWithPage(HttpRequest request, int page)
    {
        var pageText = "page=" + page.ToString(CultureInfo.InvariantCulture);
        var segments = (request.QueryString.Value ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).ToList();
        var index = segments.FindIndex(s => s.Equals("page", StringComparison.Ordinal) || s.StartsWith("page=", StringComparison.Ordinal));
        if (index >= 0)
        {
            segments[index] = pageText;
        }
        else
        {
            segments.Add(pageText);
        }

        return string.Join('&', segments);
    }

    private static async Task WriteAvatarAsync(HttpContext context, GitHubState state)
    {
        var id = long.Parse(Convert.ToString(context.Request.RouteValues["id"], CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture);
        var login = state.Locked(() => state.FindUserById(id)?.Login);
        if (login is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        // A plain initial on a colour derived from the id: enough for the demo without reaching out to the internet.
        var hue = (int)(id % 360);
        var initial = char.ToUpperInvariant(login[0]);
        var svg = $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\" viewBox=\"0 0 64 64\">"
            + $"<rect width=\"64\" height=\"64\" fill=\"hsl({hue},55%,55%)\"/>"
            + $"<text x=\"32\" y=\"42\" font-family=\"sans-serif\" font-size=\"30\" text-anchor=\"middle\" fill=\"#fff\">{initial}</text></svg>";
        context.Response.ContentType = "image/svg+xml";
        context.Response.Headers.CacheControl = "max-age=300";
        await context.Response.WriteAsync(svg, context.RequestAborted).ConfigureAwait(false);
    }
}
