using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CommunitySuccess.Sandbox.GitHub;

// Pull requests, reviews, releases, users, the repository and the rate limit.
public static partial class GitHubApi
{
    private const string PullsDoc = "https://docs.github.com/rest/pulls/pulls";
    private const string ReleasesDoc = "https://docs.github.com/rest/releases/releases";
    private const string UsersDoc = "https://docs.github.com/rest/users/users";

    private static GitHubApiResult GetRepository(GitHubApiCall call)
    {
        var repo = call.Repo("https://docs.github.com/rest/repos/repos#get-a-repository");
        return new GitHubApiResult(StatusCodes.Status200OK, call.Json.Repository(repo, detail: true)) { LastModified = repo.UpdatedAt };
    }

    private static GitHubApiResult ListPulls(GitHubApiCall call)
    {
        const string doc = PullsDoc + "#list-pull-requests";
        var repo = call.Repo(doc);
        var state = StateFilter(call, doc, "PullRequest");
        var sort = call.Query("sort") ?? "created";
        if (sort is not ("created" or "updated" or "popularity" or "long-running"))
        {
            throw GitHubApiException.Validation(doc, "PullRequest", "sort", "invalid", sort);
        }

        // "Default: desc when sort is created or sort is not specified, otherwise asc."
        var ascending = Ascending(call, doc, "PullRequest", defaultAscending: sort != "created");
        var head = call.Query("head");
        var baseRef = call.Query("base");
        var items = repo.Issues.Where(i =>
            i.Pull is { } pull
            && (state == "all" || i.State == state)
            && (head is null || string.Equals(head, $"{pull.HeadOwner.Login}:{pull.HeadRef}", StringComparison.OrdinalIgnoreCase))
            && (baseRef is null || string.Equals(baseRef, pull.BaseRef, StringComparison.Ordinal)));
        Func<GhIssue, long> key = sort switch
        {
            "updated" => i => i.UpdatedAt.UtcTicks,
            "popularity" => i => i.Comments.Count,
            _ => i => i.CreatedAt.UtcTicks,
        };
        var sorted = ascending
            ? items.OrderBy(key).ThenBy(i => i.Number).ToList()
            : items.OrderByDescending(key).ThenByDescending(i => i.Number).ToList();
        return Page(call, sorted, i => call.Json.PullRequest(repo, i, full: false), repo);
    }

    private static GitHubApiResult GetPull(GitHubApiCall call)
    {
        const string doc = PullsDoc + "#get-a-pull-request";
        var repo = call.Repo(doc);
        var issue = PullOf(call, repo, doc);
        return new GitHubApiResult(StatusCodes.Status200OK, call.Json.PullRequest(repo, issue, full: true)) { LastModified = issue.UpdatedAt };
    }

    private static GitHubApiResult ListReviews(GitHubApiCall call)
    {
        const string doc = "https://docs.github.com/rest/pulls/reviews#list-reviews-for-a-pull-request";
        var repo = call.Repo(doc);
        var issue = PullOf(call, repo, doc);
        var reviews = issue.Pull!.Reviews.OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id).ToList();
        return Page(call, reviews, r => call.Json.Review(repo, issue, r, webhook: false), repo);
    }

    private static GitHubApiResult ListReleases(GitHubApiCall call)
    {
        const string doc = ReleasesDoc + "#list-releases";
        var repo = call.Repo(doc);
        var releases = repo.Releases.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).ToList();
        return Page(call, releases, r => call.Json.Release(repo, r), repo);
    }

    private static GitHubApiResult GetLatestRelease(GitHubApiCall call)
    {
        const string doc = ReleasesDoc + "#get-the-latest-release";
        var repo = call.Repo(doc);
        var latest = repo.Releases.Where(r => !r.Draft && !r.Prerelease).MaxBy(r => r.CreatedAt) ?? throw GitHubApiException.NotFound(doc);
        return ReleaseResult(call, repo, latest);
    }

    private static GitHubApiResult GetReleaseByTag(GitHubApiCall call)
    {
        const string doc = ReleasesDoc + "#get-a-release-by-tag-name";
        var repo = call.Repo(doc);
        var tag = call.Route("tag");
        var release = repo.Releases.FirstOrDefault(r => r.TagName == tag) ?? throw GitHubApiException.NotFound(doc);
        return ReleaseResult(call, repo, release);
    }

    private static GitHubApiResult GetRelease(GitHubApiCall call)
    {
        const string doc = ReleasesDoc + "#get-a-release";
        var repo = call.Repo(doc);
        var id = call.RouteLong("releaseId");
        var release = repo.Releases.FirstOrDefault(r => r.Id == id) ?? throw GitHubApiException.NotFound(doc);
        return ReleaseResult(call, repo, release);
    }

    private static GitHubApiResult GetAuthenticatedUser(GitHubApiCall call)
    {
        const string doc = UsersDoc + "#get-the-authenticated-user";
        var user = call.User ?? throw new GitHubApiException(StatusCodes.Status401Unauthorized, "Requires authentication", doc);
        var profile = call.Json.UserProfile(user, call.State.PublicRepositoryCount(user));
        profile["private_gists"] = 0;
        profile["total_private_repos"] = 0;
        profile["owned_private_repos"] = 0;
        profile["disk_usage"] = 0;
        profile["collaborators"] = 0;
        profile["two_factor_authentication"] = true;
        profile["plan"] = new JsonObject { ["name"] = "free", ["space"] = 976_562_499, ["collaborators"] = 0, ["private_repos"] = 10_000 };
        return new GitHubApiResult(StatusCodes.Status200OK, profile) { LastModified = user.CreatedAt };
    }

    private static GitHubApiResult GetUser(GitHubApiCall call)
    {
        var user = call.State.FindUser(call.Route("login")) ?? throw GitHubApiException.NotFound(UsersDoc + "#get-a-user");
        return new GitHubApiResult(StatusCodes.Status200OK, call.Json.UserProfile(user, call.State.PublicRepositoryCount(user)))
        {
            LastModified = user.CreatedAt,
        };
    }

    // GET /rate_limit does not use the quota it reports.
    private static GitHubApiResult GetRateLimit(GitHubApiCall call)
    {
        var quota = call.State.Bucket(call.User is not null).Read(call.Now);
        JsonObject Core() => new()
        {
            ["limit"] = quota.Limit,
            ["used"] = quota.Used,
            ["remaining"] = quota.Remaining,
            ["reset"] = quota.Reset.ToUnixTimeSeconds(),
        };
        JsonObject Other(int limit, TimeSpan window) => new()
        {
            ["limit"] = limit,
            ["used"] = 0,
            ["remaining"] = limit,
            ["reset"] = call.Now.Add(window).ToUnixTimeSeconds(),
        };
        var body = new JsonObject
        {
            ["resources"] = new JsonObject
            {
                ["core"] = Core(),
                ["search"] = Other(call.User is null ? 10 : 30, TimeSpan.FromMinutes(1)),
                ["graphql"] = Other(call.User is null ? 0 : 5000, TimeSpan.FromHours(1)),
                ["integration_manifest"] = Other(5000, TimeSpan.FromHours(1)),
                ["code_search"] = Other(10, TimeSpan.FromMinutes(1)),
            },
            ["rate"] = Core(),
        };
        return new GitHubApiResult(StatusCodes.Status200OK, body);
    }

    private static GhIssue PullOf(GitHubApiCall call, GhRepository repo, string doc)
    {
        var issue = call.Issue(repo, doc);
        return issue.IsPullRequest ? issue : throw GitHubApiException.NotFound(doc);
    }

    private static GitHubApiResult ReleaseResult(GitHubApiCall call, GhRepository repo, GhRelease release) =>
        new(StatusCodes.Status200OK, call.Json.Release(repo, release)) { LastModified = release.PublishedAt ?? release.CreatedAt };
}
