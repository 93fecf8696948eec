using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace CommunitySuccess.Sandbox.GitHub;

/// <summary>A fine-grained personal access token's grant: which repositories it may reach and its Issues permission.</summary>
/// <param name="Issues"><c>none</c>, <c>read</c> or <c>write</c> (GitHub: "No access", "Read-only", "Read and write").</param>
/// <param name="Repositories"><c>owner/name</c> it may reach; null for all repositories.</param>
public sealed record GitHubFineGrainedToken(string Issues = "write", IReadOnlyCollection<string>? Repositories = null);

/// <summary>
/// GitHub's own refusals, as strict as GitHub by default (REST docs, "Rate limits for the REST API" and
/// "Permissions required for fine-grained personal access tokens"):
/// <list type="bullet">
/// <item>content creation (new issues, comments): at most <see cref="ContentPerMinute"/> a minute and
/// <see cref="ContentPerHour"/> an hour, then a 403 secondary rate limit without <c>Retry-After</c>;</item>
/// <item>a fine-grained token (<see cref="FineGrained"/>) without the Issues permission gets 403 "Resource not accessible
/// by personal access token" with <c>X-Accepted-GitHub-Permissions</c>, and 404 for a repository it was not given;</item>
/// <item>a deleted issue answers 410 "This issue was deleted".</item>
/// </list>
/// Tests may lower the content limits; they are never off.
/// </summary>
public sealed partial class GitHubPolicies
{
    private const string PermissionsDoc = "https://docs.github.com/rest/authentication/permissions-required-for-fine-grained-personal-access-tokens";
    private readonly Queue<DateTimeOffset> _created = new();
    private readonly HashSet<string> _deleted = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Content-creating requests allowed per minute (GitHub: 80).</summary>
    public int ContentPerMinute { get; set; } = 80;

    /// <summary>Content-creating requests allowed per hour (GitHub: 500).</summary>
    public int ContentPerHour { get; set; } = 500;

    /// <summary>When set, the token is a fine-grained one with this grant; null: a classic token with the repo scope.</summary>
    public GitHubFineGrainedToken? FineGrained { get; set; }

    internal void MarkDeleted(string repository, int number) => _deleted.Add($"{repository}#{number}");

    /// <summary>The refusal GitHub would give before running the handler, or null. Called under the state's lock.</summary>
    internal GitHubApiResult? Refuse(string method, string apiPath, DateTimeOffset now, string requestId)
    {
        var match = RepoPath().Match(apiPath);
        if (!match.Success)
        {
            return null;
        }

        var repository = $"{match.Groups["owner"].Value}/{match.Groups["repo"].Value}";
        var rest = match.Groups["rest"].Value;
        var isWrite = !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method);
        if (FineGrained is { } token)
        {
            if (token.Repositories is { } allowed && !allowed.Contains(repository, StringComparer.OrdinalIgnoreCase))
            {
                // A repository the token was not given does not exist, as far as the token can tell.
                return new GitHubApiResult(StatusCodes.Status404NotFound, GitHubApiException.NotFound(GitHubApi.DocsRoot + "/repos/repos#get-a-repository").Body);
            }

            var touchesIssues = rest.StartsWith("/issues", StringComparison.Ordinal) || (isWrite && rest.StartsWith("/labels", StringComparison.Ordinal));
            var needed = isWrite ? "write" : "read";
            if (touchesIssues && !Grants(token.Issues, needed))
            {
                return new GitHubApiResult(
                    StatusCodes.Status403Forbidden,
                    new GitHubApiException(StatusCodes.Status403Forbidden, "Resource not accessible by personal access token", PermissionsDoc).Body)
                {
                    Headers = { ["X-Accepted-GitHub-Permissions"] = $"issues={needed}" },
                };
            }
        }

        if (IssueNumber().Match(rest) is { Success: true } issue
            && _deleted.Contains($"{repository}#{issue.Groups["number"].Value}"))
        {
            return new GitHubApiResult(
                StatusCodes.Status410Gone,
                new GitHubApiException(StatusCodes.Status410Gone, "This issue was deleted", GitHubApi.DocsRoot + "/issues/issues#get-an-issue").Body);
        }

        if (HttpMethods.IsPost(method) && IsContentCreation(rest))
        {
            while (_created.Count > 0 && now - _created.Peek() >= TimeSpan.FromHours(1))
            {
                _created.Dequeue();
            }

            var lastMinute = _created.Count(t => now - t < TimeSpan.FromMinutes(1));
            if (_created.Count >= ContentPerHour || lastMinute >= ContentPerMinute)
            {
                // GitHub names no wait for content creation: the client falls back to "at least a minute".
                return SecondaryLimit(StatusCodes.Status403Forbidden, requestId);
            }
        }

        return null;
    }

    /// <summary>Counts a content-creating request GitHub carried out.</summary>
    internal void Created(string method, string apiPath, int status, DateTimeOffset now)
    {
        var match = RepoPath().Match(apiPath);
        if (match.Success && HttpMethods.IsPost(method) && status == StatusCodes.Status201Created && IsContentCreation(match.Groups["rest"].Value))
        {
            _created.Enqueue(now);
        }
    }

    internal static GitHubApiResult SecondaryLimit(int status, string requestId) => new(
        status,
        new JsonObject
        {
            ["message"] = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. "
                + $"If you reach out to GitHub Support for help, please include the request ID {requestId}.",
            ["documentation_url"] = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
        });

    private static bool IsContentCreation(string rest) =>
        rest is "/issues" or "/pulls" || rest.EndsWith("/comments", StringComparison.Ordinal) || rest.EndsWith("/reviews", StringComparison.Ordinal);

    private static bool Grants(string granted, string needed) =>
        granted == "write" || (granted == "read" && needed == "read");

    [GeneratedRegex("^/repos/(?<owner>[^/]+)/(?<repo>[^/]+)(?<rest>/.*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex RepoPath();

    [GeneratedRegex("^/issues/(?<number>[0-9]+)(/|$)", RegexOptions.CultureInvariant)]
    private static partial Regex IssueNumber();
}
