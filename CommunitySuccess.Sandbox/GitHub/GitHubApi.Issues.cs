using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace CommunitySuccess.Sandbox.GitHub;

// Issues, issue comments and labels.
public static partial class GitHubApi
{
    private const string IssuesDoc = "https://docs.github.com/rest/issues/issues";
    private const string CommentsDoc = "https://docs.github.com/rest/issues/comments";
    private const string LabelsDoc = "https://docs.github.com/rest/issues/labels";

    private static GitHubApiResult ListIssues(GitHubApiCall call)
    {
        const string doc = IssuesDoc + "#list-repository-issues";
        var repo = call.Repo(doc);
        var state = StateFilter(call, doc, "Issue");
        var sort = call.Query("sort") ?? "created";
        if (sort is not ("created" or "updated" or "comments"))
        {
            throw GitHubApiException.Validation(doc, "Issue", "sort", "invalid", sort);
        }

        var ascending = Ascending(call, doc, "Issue", defaultAscending: false);
        var since = Since(call, doc, "Issue");
        var labels = (call.Query("labels") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var creator = call.Query("creator");
        var assignee = call.Query("assignee");

        var items = repo.Issues.Where(i =>
            (state == "all" || i.State == state)
            && (since is null || i.UpdatedAt >= since)
            && labels.All(name => i.Labels.Any(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase)))
            && (creator is null || string.Equals(i.User.Login, creator, StringComparison.OrdinalIgnoreCase))
            && assignee switch
            {
                null => true,
                "none" => i.Assignees.Count == 0,
                "*" => i.Assignees.Count > 0,
                _ => i.Assignees.Any(a => string.Equals(a.Login, assignee, StringComparison.OrdinalIgnoreCase)),
            });
        Func<GhIssue, long> key = sort switch
        {
            "updated" => i => i.UpdatedAt.UtcTicks,
            "comments" => i => i.Comments.Count,
            _ => i => i.CreatedAt.UtcTicks,
        };
        var sorted = ascending
            ? items.OrderBy(key).ThenBy(i => i.Number).ToList()
            : items.OrderByDescending(key).ThenByDescending(i => i.Number).ToList();
        return Page(call, sorted, i => call.Json.Issue(repo, i, withClosedBy: false), repo);
    }

    private static GitHubApiResult GetIssue(GitHubApiCall call)
    {
        const string doc = IssuesDoc + "#get-an-issue";
        var repo = call.Repo(doc);
        var issue = call.Issue(repo, doc);
        return new GitHubApiResult(StatusCodes.Status200OK, call.Json.Issue(repo, issue, withClosedBy: true)) { LastModified = issue.UpdatedAt };
    }

    private static GitHubApiResult CreateIssue(GitHubApiCall call)
    {
        const string doc = IssuesDoc + "#create-an-issue";
        var repo = call.Repo(doc);
        var body = call.BodyObject(doc);
        var title = Title(body, doc) ?? throw GitHubApiException.Validation(doc, "Issue", "title", "missing_field");
        var (_, text) = OptionalString(body, "body", doc, nullable: true);
        var labels = StringList(body, "labels", doc, allowNameObjects: true) ?? [];
        var assignees = Assignees(call, body, doc) ?? [];
        var issue = call.State.CreateIssueCore(repo, call.Actor, title, text, labels, assignees, call.Now, pull: null);
        return new GitHubApiResult(StatusCodes.Status201Created, call.Json.Issue(repo, issue, withClosedBy: true))
        {
            Location = $"{call.Json.RepoApi(repo)}/issues/{issue.Number.ToString(CultureInfo.InvariantCulture)}",
        };
    }

    private static GitHubApiResult UpdateIssue(GitHubApiCall call)
    {
        const string doc = IssuesDoc + "#update-an-issue";
        var repo = call.Repo(doc);
        var issue = call.Issue(repo, doc);
        var body = call.BodyObject(doc);

        // Validate everything before changing anything: a bad field leaves the issue as it was.
        string? title = null;
        if (body.ContainsKey("title"))
        {
            title = Title(body, doc) ?? throw GitHubApiException.WrongType(doc, "title", null, "a string or an integer");
        }

        var (hasBody, text) = OptionalString(body, "body", doc, nullable: true);
        var (hasState, state) = OptionalString(body, "state", doc, nullable: false);
        if (hasState && state is not ("open" or "closed"))
        {
            throw GitHubApiException.Validation(doc, "Issue", "state", "invalid", state);
        }

        var (hasReason, reason) = OptionalString(body, "state_reason", doc, nullable: true);
        if (hasReason && reason is not (null or "completed" or "not_planned" or "reopened"))
        {
            throw GitHubApiException.Validation(doc, "Issue", "state_reason", "invalid", reason);
        }

        var labels = StringList(body, "labels", doc, allowNameObjects: true);
        var assignees = Assignees(call, body, doc);

        var actor = call.Actor;
        call.State.EditCore(repo, issue, actor, title, hasBody, text, call.Now);
        if (hasState && state == "closed")
        {
            call.State.SetStateCore(repo, issue, actor, "closed", reason is "not_planned" ? "not_planned" : "completed", call.Now);
        }
        else if (hasState && state == "open")
        {
            call.State.SetStateCore(repo, issue, actor, "open", "reopened", call.Now);
        }
        else if (hasReason && issue.State == "closed" && reason is "completed" or "not_planned")
        {
            call.State.SetStateCore(repo, issue, actor, "closed", reason, call.Now);
        }

        if (labels is not null)
        {
            ReplaceLabels(call, repo, issue, labels);
        }

        if (assignees is not null)
        {
            call.State.SetAssigneesCore(repo, issue, actor, assignees, call.Now);
        }

        return new GitHubApiResult(StatusCodes.Status200OK, call.Json.Issue(repo, issue, withClosedBy: true));
    }

    private static GitHubApiResult AddAssignees(GitHubApiCall call)
    {
        const string doc = "https://docs.github.com/rest/issues/assignees#add-assignees-to-an-issue";
        var repo = call.Repo(doc);
        var issue = call.Issue(repo, doc);
        var body = call.BodyObject(doc);

        // "Users already assigned to an issue are not replaced"; logins that cannot be assigned are dropped silently.
        var added = StringList(body, "assignees", doc, allowNameObjects: false) ?? [];
        var assignable = added.Select(call.State.FindUser).OfType<GhUser>().Where(u => u.Type != "Organization");
        call.State.SetAssigneesCore(repo, issue, call.Actor, [.. issue.Assignees.Concat(assignable).Distinct()], call.Now);
        return new GitHubApiResult(StatusCodes.Status201Created, call.Json.Issue(repo, issue, withClosedBy: true));
    }

    private static GitHubApiResult ListIssueComments(GitHubApiCall call)
    {
        const string doc = CommentsDoc + "#list-issue-comments";
        var repo = call.Repo(doc);
        var issue = call.Issue(repo, doc);
        var since = Since(call, doc, "IssueComment");
        var comments = issue.Comments.Where(c => since is null || c.UpdatedAt >= since).OrderBy(c => c.Id).ToList();
        return Page(call, comments, c => call.Json.Comment(repo, c), repo);
    }

    private static GitHubApiResult ListRepositoryComments(GitHubApiCall call)
    {
        const string doc = CommentsDoc + "#list-issue-comments-for-a-repository";
        var repo = call.Repo(doc);
        var since = Since(call, doc, "IssueComment");
        var sort = call.Query("sort");
        if (sort is not (null or "created" or "updated"))
        {
            throw GitHubApiException.Validation(doc, "IssueComment", "sort", "invalid", sort);
        }

        // "direction: Ignored without the sort parameter": comments then come oldest first.
        var ascending = sort is null || Ascending(call, doc, "IssueComment", defaultAscending: false);
        Func<GhComment, long> key = sort == "updated" ? c => c.UpdatedAt.UtcTicks : c => c.CreatedAt.UtcTicks;
        var items = repo.Comments.Where(c => since is null || c.UpdatedAt >= since);
        var sorted = ascending
            ? items.OrderBy(key).ThenBy(c => c.Id).ToList()
            : items.OrderByDescending(key).ThenByDescending(c => c.Id).ToList();
        return Page(call, sorted, c => call.Json.Comment(repo, c), repo);
    }

    private static GitHubApiResult GetComment(GitHubApiCall call)
    {
        const string doc = CommentsDoc + "#get-an-issue-comment";
        var repo = call.Repo(doc);
        var comment = FindComment(call, repo, doc);
        return new GitHubApiResult(StatusCodes.Status200OK, call.Json.Comment(repo, comment)) { LastModified = comment.UpdatedAt };
    }

    private static GitHubApiResult UpdateComment(GitHubApiCall call)
    {
        const string doc = CommentsDoc + "#update-an-issue-comment";
        var repo = call.Repo(doc);
        var comment = FindComment(call, repo, doc);
        var text = CommentBody(call.BodyObject(doc), doc);
        call.State.EditCommentCore(repo, comment, call.Actor, text, call.Now);
        return new GitHubApiResult(StatusCodes.Status200OK, call.Json.Comment(repo, comment));
    }

    private static GitHubApiResult DeleteComment(GitHubApiCall call)
    {
        // "Status: 204 No Content"; an unknown (or already deleted) comment answers 404 like any missing resource.
        const string doc = CommentsDoc + "#delete-an-issue-comment";
        var repo = call.Repo(doc);
        var comment = FindComment(call, repo, doc);
        call.State.DeleteCommentCore(repo, comment, call.Actor);
        return new GitHubApiResult(StatusCodes.Status204NoContent, null);
    }

    private static GitHubApiResult CreateComment(GitHubApiCall call)
    {
        const string doc = CommentsDoc + "#create-an-issue-comment";
        var repo = call.Repo(doc);
        var issue = call.Issue(repo, doc);
        var text = CommentBody(call.BodyObject(doc), doc);
        var comment = call.State.AddCommentCore(repo, issue, call.Actor, text, call.Now);
        return new GitHubApiResult(StatusCodes.Status201Created, call.Json.Comment(repo, comment))
        {
            Location = $"{call.Json.RepoApi(repo)}/issues/comments/{comment.Id.ToString(CultureInfo.InvariantCulture)}",
        };
    }

    private static GitHubApiResult ListIssueLabels(GitHubApiCall call)
    {
        const string doc = LabelsDoc + "#list-labels-for-an-issue";
        var repo = call.Repo(doc);
        var issue = call.Issue(repo, doc);
        return Page(call, issue.Labels, l => call.Json.Label(repo, l), repo);
    }

    private static GitHubApiResult AddIssueLabels(GitHubApiCall call)
    {
        const string doc = LabelsDoc + "#add-labels-to-an-issue";
        var repo = call.Repo(doc);
        var issue = call.Issue(repo, doc);
        foreach (var name in LabelNames(call, doc))
        {
            call.State.AddLabelCore(repo, issue, call.Actor, name, call.Now);
        }

        return new GitHubApiResult(StatusCodes.Status200OK, call.Json.Labels(repo, issue.Labels));
    }

    private static GitHubApiResult SetIssueLabels(GitHubApiCall call)
    {
        const string doc = LabelsDoc + "#set-labels-for-an-issue";
        var repo = call.Repo(doc);
        var issue = call.Issue(repo, doc);
        ReplaceLabels(call, repo, issue, LabelNames(call, doc));
        return new GitHubApiResult(StatusCodes.Status200OK, call.Json.Labels(repo, issue.Labels));
    }

    private static GitHubApiResult RemoveAllIssueLabels(GitHubApiCall call)
    {
        const string doc = LabelsDoc + "#remove-all-labels-from-an-issue";
        var repo = call.Repo(doc);
        var issue = call.Issue(repo, doc);
        ReplaceLabels(call, repo, issue, []);
        return new GitHubApiResult(StatusCodes.Status204NoContent, null);
    }

    private static GitHubApiResult RemoveIssueLabel(GitHubApiCall call)
    {
        const string doc = LabelsDoc + "#remove-a-label-from-an-issue";
        var repo = call.Repo(doc);
        var issue = call.Issue(repo, doc);
        if (!call.State.RemoveLabelCore(repo, issue, call.Actor, LabelRouteName(call), call.Now))
        {
            throw new GitHubApiException(StatusCodes.Status404NotFound, "Label does not exist", doc);
        }

        return new GitHubApiResult(StatusCodes.Status200OK, call.Json.Labels(repo, issue.Labels));
    }

    private static GitHubApiResult ListLabels(GitHubApiCall call)
    {
        const string doc = LabelsDoc + "#list-labels-for-a-repository";
        var repo = call.Repo(doc);
        var labels = repo.Labels.OrderBy(l => l.Name, StringComparer.OrdinalIgnoreCase).ToList();
        return Page(call, labels, l => call.Json.Label(repo, l), repo);
    }

    private static GitHubApiResult GetLabel(GitHubApiCall call)
    {
        const string doc = LabelsDoc + "#get-a-label";
        var repo = call.Repo(doc);
        var label = repo.FindLabel(LabelRouteName(call)) ?? throw GitHubApiException.NotFound(doc);
        return new GitHubApiResult(StatusCodes.Status200OK, call.Json.Label(repo, label));
    }

    private static GitHubApiResult CreateLabel(GitHubApiCall call)
    {
        const string doc = LabelsDoc + "#create-a-label";
        var repo = call.Repo(doc);
        var body = call.BodyObject(doc);
        var (_, name) = OptionalString(body, "name", doc, nullable: true);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw GitHubApiException.Validation(doc, "Label", "name", "missing_field");
        }

        var (hasColor, color) = OptionalString(body, "color", doc, nullable: true);
        if (hasColor && color is not null && !HexColor().IsMatch(color))
        {
            throw GitHubApiException.Validation(doc, "Label", "color", "invalid");
        }

        var (_, description) = OptionalString(body, "description", doc, nullable: true);
        if (repo.FindLabel(name) is not null)
        {
            throw GitHubApiException.Validation(doc, "Label", "name", "already_exists", name);
        }

        var label = call.State.CreateLabelCore(repo, call.Actor, name.Trim(), (color ?? "ededed").TrimStart('#'), description);
        return new GitHubApiResult(StatusCodes.Status201Created, call.Json.Label(repo, label))
        {
            Location = $"{call.Json.RepoApi(repo)}/labels/{GitHubJson.EscapeLabel(label.Name)}",
        };
    }

    private static void ReplaceLabels(GitHubApiCall call, GhRepository repo, GhIssue issue, IReadOnlyList<string> names)
    {
        foreach (var label in issue.Labels.ToList())
        {
            if (!names.Contains(label.Name, StringComparer.OrdinalIgnoreCase))
            {
                call.State.RemoveLabelCore(repo, issue, call.Actor, label.Name, call.Now);
            }
        }

        foreach (var name in names)
        {
            call.State.AddLabelCore(repo, issue, call.Actor, name, call.Now);
        }
    }

    // The routing layer decodes every escape but %2F; a label name may contain a slash.
    private static string LabelRouteName(GitHubApiCall call) =>
        call.Route("name").Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    private static GhComment FindComment(GitHubApiCall call, GhRepository repo, string doc)
    {
        var id = call.RouteLong("commentId");
        return repo.Comments.FirstOrDefault(c => c.Id == id) ?? throw GitHubApiException.NotFound(doc);
    }

    /// <summary>Label names from <c>{"labels":[…]}</c>, a bare array, or objects with a <c>name</c>, as GitHub accepts.</summary>
    private static IReadOnlyList<string> LabelNames(GitHubApiCall call, string doc)
    {
        var node = call.Body(doc);
        var names = node switch
        {
            JsonArray array => StringList(new JsonObject { ["labels"] = array.DeepClone() }, "labels", doc, allowNameObjects: true),
            JsonObject o => StringList(o, "labels", doc, allowNameObjects: true),
            null => null,
            _ => throw GitHubApiException.WrongType(doc, "labels", node, "an array"),
        };
        if (names is null)
        {
            throw GitHubApiException.Validation(doc, "Label", "labels", "missing_field");
        }

        return names.Any(string.IsNullOrWhiteSpace)
            ? throw GitHubApiException.Validation(doc, "Label", "name", "invalid", "")
            : names;
    }

    private static string CommentBody(JsonObject body, string doc)
    {
        var (present, text) = OptionalString(body, "body", doc, nullable: true);
        if (!present || text is null)
        {
            throw GitHubApiException.Validation(doc, "IssueComment", "body", "missing_field");
        }

        return string.IsNullOrWhiteSpace(text)
            ? throw GitHubApiException.Validation(doc, "IssueComment", "data", "unprocessable", message: "Body cannot be blank")
            : text;
    }

    /// <summary>A title: a string, or a number written as text (GitHub accepts both); null when absent or blank.</summary>
    private static string? Title(JsonObject body, string doc)
    {
        if (!body.TryGetPropertyValue("title", out var node) || node is null)
        {
            return null;
        }

        if (node is JsonValue value)
        {
            if (value.TryGetValue<string>(out var text))
            {
                return string.IsNullOrWhiteSpace(text) ? null : text;
            }

            if (value.GetValueKind() == JsonValueKind.Number)
            {
                return value.ToJsonString();
            }
        }

        throw GitHubApiException.WrongType(doc, "title", node, "a string or an integer");
    }

    private static (bool Present, string? Value) OptionalString(JsonObject body, string field, string doc, bool nullable)
    {
        if (!body.TryGetPropertyValue(field, out var node))
        {
            return (false, null);
        }

        if (node is null)
        {
            return nullable ? (true, null) : throw GitHubApiException.WrongType(doc, field, null, "a string");
        }

        return node is JsonValue value && value.TryGetValue<string>(out var text)
            ? (true, text)
            : throw GitHubApiException.WrongType(doc, field, node, nullable ? "a string or null" : "a string");
    }

    private static List<string>? StringList(JsonObject body, string field, string doc, bool allowNameObjects)
    {
        if (!body.TryGetPropertyValue(field, out var node))
        {
            return null;
        }

        if (node is not JsonArray array)
        {
            throw GitHubApiException.WrongType(doc, field, node, "an array");
        }

        var result = new List<string>();
        foreach (var item in array)
        {
            if (item is JsonValue value && value.TryGetValue<string>(out var text))
            {
                result.Add(text);
            }
            else if (allowNameObjects && item is JsonObject o && o["name"] is JsonValue nameValue && nameValue.TryGetValue<string>(out var name))
            {
                result.Add(name);
            }
            else
            {
                throw GitHubApiException.WrongType(doc, $"{field}/items", item, "a string");
            }
        }

        return result;
    }

    /// <summary>Assignees from <c>assignees</c> (or the older <c>assignee</c>); logins that cannot be assigned are dropped, as GitHub does.</summary>
    private static List<GhUser>? Assignees(GitHubApiCall call, JsonObject body, string doc)
    {
        var logins = StringList(body, "assignees", doc, allowNameObjects: false);
        if (logins is null)
        {
            var (hasAssignee, assignee) = OptionalString(body, "assignee", doc, nullable: true);
            if (!hasAssignee)
            {
                return null;
            }

            logins = assignee is null ? [] : [assignee];
        }

        return [.. logins.Select(call.State.FindUser).OfType<GhUser>().Where(u => u.Type != "Organization").Distinct()];
    }

    private static string StateFilter(GitHubApiCall call, string doc, string resource)
    {
        var state = call.Query("state") ?? "open";
        return state is "open" or "closed" or "all" ? state : throw GitHubApiException.Validation(doc, resource, "state", "invalid", state);
    }

    private static bool Ascending(GitHubApiCall call, string doc, string resource, bool defaultAscending) => call.Query("direction") switch
    {
        null => defaultAscending,
        "asc" => true,
        "desc" => false,
        var other => throw GitHubApiException.Validation(doc, resource, "direction", "invalid", other),
    };

    private static DateTimeOffset? Since(GitHubApiCall call, string doc, string resource)
    {
        var raw = call.Query("since");
        if (raw is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
            ? since
            : throw GitHubApiException.Validation(doc, resource, "since", "invalid", raw);
    }

    [GeneratedRegex("^#?[0-9a-fA-F]{6}$")]
    private static partial Regex HexColor();
}
