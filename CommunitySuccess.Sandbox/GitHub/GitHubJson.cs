using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CommunitySuccess.Sandbox.GitHub;

/// <summary>
/// Writes the sandbox's records in GitHub's wire format, field for field as in the REST fixtures and webhook
/// payload examples. URLs follow GitHub Enterprise Server's layout when a public base address is known
/// (<c>{base}api/v3/repos/…</c> and <c>{base}owner/repo/…</c>), github.com's otherwise.
/// </summary>
internal sealed class GitHubJson
{
    /// <summary>Compact, and emoji written as UTF-8 the way GitHub sends them (not as \u escapes).</summary>
    public static readonly JsonSerializerOptions WireOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    private static readonly string[] ReactionKeys = ["+1", "-1", "laugh", "hooray", "confused", "heart", "rocket", "eyes"];

    private readonly Func<GhRepository, GhUser, string> _association;

    public GitHubJson(Uri? publicBaseUrl, Func<GhRepository, GhUser, string> association)
    {
        _association = association;
        if (publicBaseUrl is null)
        {
            Api = "https://api.github.com/";
            Web = "https://github.com/";
            Avatars = "https://avatars.githubusercontent.com/";
            Uploads = "https://uploads.github.com/";
        }
        else
        {
            var root = publicBaseUrl.ToString().TrimEnd('/') + "/";
            Api = root + "api/v3/";
            Web = root;
            Avatars = root + "avatars/";
            Uploads = root + "api/uploads/";
        }
    }

    /// <summary>REST root with a trailing slash.</summary>
    public string Api { get; }

    /// <summary>Web root with a trailing slash.</summary>
    public string Web { get; }

    public string Avatars { get; }

    public string Uploads { get; }

    public static string Serialize(JsonNode node) => node.ToJsonString(WireOptions);

    public static string Date(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static JsonNode? Date(DateTimeOffset? value) => value is { } v ? JsonValue.Create(Date(v)) : null;

    /// <summary>GitHub's legacy global node id: base64 of "0{length}:{Type}{id}" (e.g. MDQ6VXNlcjE= for user 1).</summary>
    public static string NodeId(string type, long id) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes($"0{type.Length.ToString(CultureInfo.InvariantCulture)}:{type}{id.ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>A stable 40-hex "commit sha" for a seed string.</summary>
    public static string Sha(string seed) => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(seed)));

    /// <summary>Escapes a label name for a URL path the way GitHub does ("good%20first%20issue", ":bug:%20Bugfix").</summary>
    public static string EscapeLabel(string name) => Uri.EscapeDataString(name).Replace("%3A", ":", StringComparison.Ordinal);

    public string RepoApi(GhRepository repo) => $"{Api}repos/{repo.Owner.Login}/{repo.Name}";

    public string RepoWeb(GhRepository repo) => $"{Web}{repo.Owner.Login}/{repo.Name}";

    public JsonObject User(GhUser user)
    {
        var url = $"{Api}users/{user.Login}";
        return new JsonObject
        {
            ["login"] = user.Login,
            ["id"] = user.Id,
            ["node_id"] = NodeId(user.Type == "Organization" ? "Organization" : user.Type, user.Id),
            ["avatar_url"] = $"{Avatars}u/{user.Id.ToString(CultureInfo.InvariantCulture)}?v=4",
            ["gravatar_id"] = "",
            ["url"] = url,
            ["html_url"] = user.Type == "Bot" ? $"{Web}apps/{user.Login.Replace("[bot]", "", StringComparison.Ordinal)}" : $"{Web}{user.Login}",
            ["followers_url"] = $"{url}/followers",
            ["following_url"] = $"{url}/following{{/other_user}}",
            ["gists_url"] = $"{url}/gists{{/gist_id}}",
            ["starred_url"] = $"{url}/starred{{/owner}}{{/repo}}",
            ["subscriptions_url"] = $"{url}/subscriptions",
            ["organizations_url"] = $"{url}/orgs",
            ["repos_url"] = $"{url}/repos",
            ["events_url"] = $"{url}/events{{/privacy}}",
            ["received_events_url"] = $"{url}/received_events",
            ["type"] = user.Type,
            ["user_view_type"] = "public",
            ["site_admin"] = false,
        };
    }

    /// <summary>The public profile (<c>GET /users/{login}</c>, and <c>GET /user</c> for the token's account).</summary>
    public JsonObject UserProfile(GhUser user, int publicRepos)
    {
        var o = User(user);
        o["name"] = user.Name;
        o["company"] = null;
        o["blog"] = "";
        o["location"] = null;
        o["email"] = null;
        o["hireable"] = null;
        o["bio"] = null;
        o["twitter_username"] = null;
        o["public_repos"] = publicRepos;
        o["public_gists"] = 0;
        o["followers"] = 0;
        o["following"] = 0;
        o["created_at"] = Date(user.CreatedAt);
        o["updated_at"] = Date(user.CreatedAt);
        return o;
    }

    public JsonObject Label(GhRepository repo, GhLabel label) => new()
    {
        ["id"] = label.Id,
        ["node_id"] = NodeId("Label", label.Id),
        ["url"] = $"{RepoApi(repo)}/labels/{EscapeLabel(label.Name)}",
        ["name"] = label.Name,
        ["color"] = label.Color,
        ["default"] = label.Default,
        ["description"] = label.Description,
    };

    public JsonArray Labels(GhRepository repo, IEnumerable<GhLabel> labels) => [.. labels.Select(l => (JsonNode)Label(repo, l))];

    public JsonObject Reactions(string url, IReadOnlyDictionary<string, int> counts)
    {
        var o = new JsonObject { ["url"] = url, ["total_count"] = counts.Values.Sum() };
        foreach (var key in ReactionKeys)
        {
            o[key] = counts.TryGetValue(key, out var n) ? n : 0;
        }

        return o;
    }

    public JsonObject Repository(GhRepository repo, bool detail)
    {
        var openIssues = repo.Issues.Count(i => i.State == "open");
        var api = RepoApi(repo);
        var web = RepoWeb(repo);
        var host = new Uri(Web).Authority;
        var o = new JsonObject
        {
            ["id"] = repo.Id,
            ["node_id"] = NodeId("Repository", repo.Id),
            ["name"] = repo.Name,
            ["full_name"] = repo.FullName,
            ["private"] = false,
            ["owner"] = User(repo.Owner),
            ["html_url"] = web,
            ["description"] = repo.Description,
            ["fork"] = false,
            ["url"] = api,
            ["forks_url"] = $"{api}/forks",
            ["keys_url"] = $"{api}/keys{{/key_id}}",
            ["collaborators_url"] = $"{api}/collaborators{{/collaborator}}",
            ["teams_url"] = $"{api}/teams",
            ["hooks_url"] = $"{api}/hooks",
            ["issue_events_url"] = $"{api}/issues/events{{/number}}",
            ["events_url"] = $"{api}/events",
            ["assignees_url"] = $"{api}/assignees{{/user}}",
            ["branches_url"] = $"{api}/branches{{/branch}}",
            ["tags_url"] = $"{api}/tags",
            ["blobs_url"] = $"{api}/git/blobs{{/sha}}",
            ["git_tags_url"] = $"{api}/git/tags{{/sha}}",
            ["git_refs_url"] = $"{api}/git/refs{{/sha}}",
            ["trees_url"] = $"{api}/git/trees{{/sha}}",
            ["statuses_url"] = $"{api}/statuses/{{sha}}",
            ["languages_url"] = $"{api}/languages",
            ["stargazers_url"] = $"{api}/stargazers",
            ["contributors_url"] = $"{api}/contributors",
            ["subscribers_url"] = $"{api}/subscribers",
            ["subscription_url"] = $"{api}/subscription",
            ["commits_url"] = $"{api}/commits{{/sha}}",
            ["git_commits_url"] = $"{api}/git/commits{{/sha}}",
            ["comments_url"] = $"{api}/comments{{/number}}",
            ["issue_comment_url"] = $"{api}/issues/comments{{/number}}",
            ["contents_url"] = $"{api}/contents/{{+path}}",
            ["compare_url"] = $"{api}/compare/{{base}}...{{head}}",
            ["merges_url"] = $"{api}/merges",
            ["archive_url"] = $"{api}/{{archive_format}}{{/ref}}",
            ["downloads_url"] = $"{api}/downloads",
            ["issues_url"] = $"{api}/issues{{/number}}",
            ["pulls_url"] = $"{api}/pulls{{/number}}",
            ["milestones_url"] = $"{api}/milestones{{/number}}",
            ["notifications_url"] = $"{api}/notifications{{?since,all,participating}}",
            ["labels_url"] = $"{api}/labels{{/name}}",
            ["releases_url"] = $"{api}/releases{{/id}}",
            ["deployments_url"] = $"{api}/deployments",
            ["created_at"] = Date(repo.CreatedAt),
            ["updated_at"] = Date(repo.UpdatedAt),
            ["pushed_at"] = Date(repo.PushedAt),
            ["git_url"] = $"git://{host}/{repo.FullName}.git",
            ["ssh_url"] = $"git@{host}:{repo.FullName}.git",
            ["clone_url"] = $"{web}.git",
            ["svn_url"] = web,
            ["homepage"] = null,
            ["size"] = 2048,
            ["stargazers_count"] = 412,
            ["watchers_count"] = 412,
            ["language"] = repo.Language,
            ["has_issues"] = true,
            ["has_projects"] = true,
            ["has_downloads"] = true,
            ["has_wiki"] = true,
            ["has_pages"] = false,
            ["has_discussions"] = false,
            ["forks_count"] = 37,
            ["mirror_url"] = null,
            ["archived"] = false,
            ["disabled"] = false,
            ["open_issues_count"] = openIssues,
            ["license"] = null,
            ["allow_forking"] = true,
            ["is_template"] = false,
            ["web_commit_signoff_required"] = false,
            ["topics"] = new JsonArray(),
            ["visibility"] = "public",
            ["forks"] = 37,
            ["open_issues"] = openIssues,
            ["watchers"] = 412,
            ["default_branch"] = repo.DefaultBranch,
            ["custom_properties"] = new JsonObject(),
        };
        if (detail)
        {
            o["permissions"] = new JsonObject { ["admin"] = false, ["maintain"] = false, ["push"] = true, ["triage"] = true, ["pull"] = true };
            if (repo.Owner.Type == "Organization")
            {
                o["organization"] = User(repo.Owner);
            }

            o["network_count"] = 37;
            o["subscribers_count"] = 18;
        }

        return o;
    }

    public JsonObject Issue(GhRepository repo, GhIssue issue, bool withClosedBy)
    {
        var api = $"{RepoApi(repo)}/issues/{issue.Number.ToString(CultureInfo.InvariantCulture)}";
        var web = $"{RepoWeb(repo)}/{(issue.IsPullRequest ? "pull" : "issues")}/{issue.Number.ToString(CultureInfo.InvariantCulture)}";
        var o = new JsonObject
        {
            ["url"] = api,
            ["repository_url"] = RepoApi(repo),
            ["labels_url"] = $"{api}/labels{{/name}}",
            ["comments_url"] = $"{api}/comments",
            ["events_url"] = $"{api}/events",
            ["html_url"] = web,
            ["id"] = issue.Id,
            ["node_id"] = NodeId("Issue", issue.Id),
            ["number"] = issue.Number,
            ["title"] = issue.Title,
            ["user"] = User(issue.User),
            ["labels"] = Labels(repo, issue.Labels),
            ["state"] = issue.State,
            ["locked"] = issue.Locked,
            ["assignee"] = issue.Assignees.Count > 0 ? User(issue.Assignees[0]) : null,
            ["assignees"] = new JsonArray([.. issue.Assignees.Select(a => (JsonNode)User(a))]),
            ["milestone"] = null,
            ["comments"] = issue.Comments.Count,
            ["created_at"] = Date(issue.CreatedAt),
            ["updated_at"] = Date(issue.UpdatedAt),
            ["closed_at"] = Date(issue.ClosedAt),
            ["author_association"] = _association(repo, issue.User),
            ["active_lock_reason"] = null,
            ["sub_issues_summary"] = new JsonObject { ["total"] = 0, ["completed"] = 0, ["percent_completed"] = 0 },
            ["issue_dependencies_summary"] = new JsonObject { ["blocked_by"] = 0, ["total_blocked_by"] = 0, ["blocking"] = 0, ["total_blocking"] = 0 },
        };
        if (issue.Pull is { } pull)
        {
            var pullApi = $"{RepoApi(repo)}/pulls/{issue.Number.ToString(CultureInfo.InvariantCulture)}";
            o["draft"] = pull.Draft;
            o["pull_request"] = new JsonObject
            {
                ["url"] = pullApi,
                ["html_url"] = web,
                ["diff_url"] = web + ".diff",
                ["patch_url"] = web + ".patch",
                ["merged_at"] = Date(pull.MergedAt),
            };
        }

        o["body"] = issue.Body;
        if (withClosedBy)
        {
            o["closed_by"] = issue.ClosedBy is { } by ? User(by) : null;
        }

        o["reactions"] = Reactions($"{api}/reactions", issue.Reactions);
        o["timeline_url"] = $"{api}/timeline";
        o["performed_via_github_app"] = null;
        o["state_reason"] = issue.StateReason;
        return o;
    }

    public JsonObject Comment(GhRepository repo, GhComment comment)
    {
        var number = comment.Issue.Number.ToString(CultureInfo.InvariantCulture);
        var url = $"{RepoApi(repo)}/issues/comments/{comment.Id.ToString(CultureInfo.InvariantCulture)}";
        return new JsonObject
        {
            ["url"] = url,
            ["html_url"] = $"{RepoWeb(repo)}/{(comment.Issue.IsPullRequest ? "pull" : "issues")}/{number}#issuecomment-{comment.Id.ToString(CultureInfo.InvariantCulture)}",
            ["issue_url"] = $"{RepoApi(repo)}/issues/{number}",
            ["id"] = comment.Id,
            ["node_id"] = NodeId("IssueComment", comment.Id),
            ["user"] = User(comment.User),
            ["created_at"] = Date(comment.CreatedAt),
            ["updated_at"] = Date(comment.UpdatedAt),
            ["author_association"] = _association(repo, comment.User),
            ["body"] = comment.Body,
            ["reactions"] = Reactions($"{url}/reactions", comment.Reactions),
            ["performed_via_github_app"] = null,
        };
    }

    /// <summary>The pull request object: the list shape, or with <paramref name="full"/> the single-PR and webhook shape.</summary>
    public JsonObject PullRequest(GhRepository repo, GhIssue issue, bool full)
    {
        var pull = issue.Pull ?? throw new InvalidOperationException($"#{issue.Number} is not a pull request.");
        var n = issue.Number.ToString(CultureInfo.InvariantCulture);
        var api = $"{RepoApi(repo)}/pulls/{n}";
        var issueApi = $"{RepoApi(repo)}/issues/{n}";
        var web = $"{RepoWeb(repo)}/pull/{n}";
        var o = new JsonObject
        {
            ["url"] = api,
            ["id"] = pull.Id,
            ["node_id"] = NodeId("PullRequest", pull.Id),
            ["html_url"] = web,
            ["diff_url"] = web + ".diff",
            ["patch_url"] = web + ".patch",
            ["issue_url"] = issueApi,
            ["commits_url"] = $"{api}/commits",
            ["review_comments_url"] = $"{api}/comments",
            ["review_comment_url"] = $"{RepoApi(repo)}/pulls/comments{{/number}}",
            ["comments_url"] = $"{issueApi}/comments",
            ["statuses_url"] = $"{RepoApi(repo)}/statuses/{pull.HeadSha}",
            ["number"] = issue.Number,
            ["state"] = issue.State,
            ["locked"] = issue.Locked,
            ["title"] = issue.Title,
            ["user"] = User(issue.User),
            ["body"] = issue.Body,
            ["labels"] = Labels(repo, issue.Labels),
            ["milestone"] = null,
            ["active_lock_reason"] = null,
            ["created_at"] = Date(issue.CreatedAt),
            ["updated_at"] = Date(issue.UpdatedAt),
            ["closed_at"] = Date(issue.ClosedAt),
            ["merged_at"] = Date(pull.MergedAt),
            ["merge_commit_sha"] = pull.MergeCommitSha,
            ["assignee"] = issue.Assignees.Count > 0 ? User(issue.Assignees[0]) : null,
            ["assignees"] = new JsonArray([.. issue.Assignees.Select(a => (JsonNode)User(a))]),
            ["requested_reviewers"] = new JsonArray([.. pull.RequestedReviewers.Select(r => (JsonNode)User(r))]),
            ["requested_teams"] = new JsonArray(),
            ["head"] = Branch(repo, pull.HeadOwner, pull.FromFork, pull.HeadRef, pull.HeadSha),
            ["base"] = Branch(repo, repo.Owner, false, pull.BaseRef, pull.BaseSha),
            ["_links"] = new JsonObject
            {
                ["self"] = Href(api),
                ["html"] = Href(web),
                ["issue"] = Href(issueApi),
                ["comments"] = Href($"{issueApi}/comments"),
                ["review_comments"] = Href($"{api}/comments"),
                ["review_comment"] = Href($"{RepoApi(repo)}/pulls/comments{{/number}}"),
                ["commits"] = Href($"{api}/commits"),
                ["statuses"] = Href($"{RepoApi(repo)}/statuses/{pull.HeadSha}"),
            },
            ["author_association"] = _association(repo, issue.User),
            ["auto_merge"] = null,
            ["draft"] = pull.Draft,
        };
        if (full)
        {
            var open = issue.State == "open";
            o["merged"] = pull.MergedAt is not null;
            o["mergeable"] = open ? true : null;
            o["rebaseable"] = open ? true : null;
            o["mergeable_state"] = open ? (pull.Draft ? "draft" : "clean") : "unknown";
            o["merged_by"] = pull.MergedBy is { } by ? User(by) : null;
            o["comments"] = issue.Comments.Count;
            o["review_comments"] = 0;
            o["maintainer_can_modify"] = pull.FromFork;
            o["commits"] = pull.Commits;
            o["additions"] = pull.Additions;
            o["deletions"] = pull.Deletions;
            o["changed_files"] = pull.ChangedFiles;
        }

        return o;
    }

    /// <summary>A review: REST spelling (APPROVED) or, for webhooks, lower case (approved) as GitHub sends it.</summary>
    public JsonObject Review(GhRepository repo, GhIssue issue, GhReview review, bool webhook)
    {
        var n = issue.Number.ToString(CultureInfo.InvariantCulture);
        var html = $"{RepoWeb(repo)}/pull/{n}#pullrequestreview-{review.Id.ToString(CultureInfo.InvariantCulture)}";
        var pullApi = $"{RepoApi(repo)}/pulls/{n}";
        return new JsonObject
        {
            ["id"] = review.Id,
            ["node_id"] = NodeId("PullRequestReview", review.Id),
            ["user"] = User(review.User),
            ["body"] = review.Body ?? (webhook ? null : ""),
            ["state"] = webhook ? review.State.ToLowerInvariant() : review.State,
            ["html_url"] = html,
            ["pull_request_url"] = pullApi,
            ["author_association"] = _association(repo, review.User),
            ["_links"] = new JsonObject { ["html"] = Href(html), ["pull_request"] = Href(pullApi) },
            ["submitted_at"] = Date(review.SubmittedAt),
            ["commit_id"] = review.CommitId,
        };
    }

    public JsonObject Release(GhRepository repo, GhRelease release)
    {
        var id = release.Id.ToString(CultureInfo.InvariantCulture);
        var url = $"{RepoApi(repo)}/releases/{id}";
        return new JsonObject
        {
            ["url"] = url,
            ["assets_url"] = $"{url}/assets",
            ["upload_url"] = $"{Uploads}repos/{repo.FullName}/releases/{id}/assets{{?name,label}}",
            ["html_url"] = $"{RepoWeb(repo)}/releases/tag/{Uri.EscapeDataString(release.TagName)}",
            ["id"] = release.Id,
            ["author"] = User(release.Author),
            ["node_id"] = NodeId("Release", release.Id),
            ["tag_name"] = release.TagName,
            ["target_commitish"] = release.TargetCommitish,
            ["name"] = release.Name,
            ["draft"] = release.Draft,
            ["immutable"] = false,
            ["prerelease"] = release.Prerelease,
            ["created_at"] = Date(release.CreatedAt),
            ["published_at"] = Date(release.PublishedAt),
            ["assets"] = new JsonArray(),
            ["tarball_url"] = $"{RepoApi(repo)}/tarball/{release.TagName}",
            ["zipball_url"] = $"{RepoApi(repo)}/zipball/{release.TagName}",
            ["body"] = release.Body,
        };
    }

    private static JsonObject Href(string href) => new() { ["href"] = href };

    private JsonObject Branch(GhRepository baseRepo, GhUser owner, bool fork, string branch, string sha)
    {
        JsonObject repo;
        if (fork)
        {
            // An outside contributor's fork: same name under their account, marked as a fork.
            var forkRepo = new GhRepository
            {
                Id = baseRepo.Id + owner.Id,
                Owner = owner,
                Name = baseRepo.Name,
                Description = baseRepo.Description,
                Language = baseRepo.Language,
                DefaultBranch = baseRepo.DefaultBranch,
                CreatedAt = owner.CreatedAt,
                UpdatedAt = baseRepo.UpdatedAt,
                PushedAt = baseRepo.PushedAt,
            };
            repo = Repository(forkRepo, false);
            repo["fork"] = true;
        }
        else
        {
            repo = Repository(baseRepo, false);
        }

        return new JsonObject
        {
            ["label"] = $"{owner.Login}:{branch}",
            ["ref"] = branch,
            ["sha"] = sha,
            ["user"] = User(owner),
            ["repo"] = repo,
        };
    }
}
