using System.Globalization;
using System.Text.Json;

namespace CommunitySuccess.Core.GitHub;

/// <summary>
/// Reads GitHub webhook bodies into <see cref="GitHubWebhookEvent"/>s with System.Text.Json (webhooks are not
/// Octokit's business). Tolerant of fields GitHub adds; strict about the ones each event needs.
/// </summary>
public static class GitHubWebhooks
{
    /// <summary>
    /// Parses a delivery. <paramref name="eventName"/> is the <c>X-GitHub-Event</c> header.
    /// </summary>
    /// <exception cref="GitHubPayloadException">The body is not a JSON object, or lacks what the event must carry.</exception>
    public static GitHubWebhookEvent Parse(string eventName, string rawJson)
    {
        if (string.IsNullOrWhiteSpace(eventName))
        {
            throw new GitHubPayloadException($"The {GitHubWebhookVerifier.EventHeader} header is missing: the event type is unknown.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(rawJson ?? "");
        }
        catch (JsonException ex)
        {
            throw new GitHubPayloadException($"The GitHub '{eventName}' webhook body is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new GitHubPayloadException($"The GitHub '{eventName}' webhook body is a JSON {root.ValueKind}, not an object.");
            }

            var reader = new Reader(eventName);
            var action = reader.String(root, "action") ?? "";
            var repository = root.TryGetProperty("repository", out var repo) && repo.ValueKind == JsonValueKind.Object
                ? reader.String(repo, "full_name")
                : null;
            var sender = root.TryGetProperty("sender", out var s) && s.ValueKind == JsonValueKind.Object ? reader.String(s, "login") : null;

            return eventName switch
            {
                "ping" => new GitHubPingEvent(reader.String(root, "zen"), reader.OptionalLong(root, "hook_id"), repository, sender),
                "issues" => new GitHubIssuesEvent(
                    reader.Required(action, "action"),
                    reader.Issue(reader.Object(root, "issue"), "issue", isPullRequest: false),
                    LabelName(reader, root),
                    repository,
                    sender),
                "issue_comment" => CommentEvent(reader, root, action, repository, sender),
                "pull_request" => new GitHubPullRequestEvent(
                    reader.Required(action, "action"),
                    reader.Issue(reader.Object(root, "pull_request"), "pull_request", isPullRequest: true),
                    LabelName(reader, root),
                    repository,
                    sender),
                "pull_request_review" => new GitHubPullRequestReviewEvent(
                    reader.Required(action, "action"),
                    reader.RequiredInt(reader.Object(root, "pull_request"), "number", "pull_request.number"),
                    reader.Review(reader.Object(root, "review")),
                    repository,
                    sender),
                "release" => new GitHubReleaseEvent(
                    reader.Required(action, "action"), reader.Release(reader.Object(root, "release")), repository, sender),
                "label" => new GitHubLabelEvent(
                    reader.Required(action, "action"),
                    reader.Required(reader.String(reader.Object(root, "label"), "name"), "label.name"),
                    PreviousLabelName(reader, root),
                    repository,
                    sender),
                _ => new GitHubUnknownEvent(eventName, action, repository, sender),
            };
        }
    }

    private static GitHubIssueCommentEvent CommentEvent(Reader reader, JsonElement root, string action, string? repository, string? sender)
    {
        var issue = reader.Issue(reader.Object(root, "issue"), "issue", isPullRequest: false);
        var comment = reader.Object(root, "comment");
        var record = new GitHubCommentRecord(
            reader.RequiredLong(comment, "id", "comment.id"),
            issue.Number,
            reader.Login(comment),
            reader.String(comment, "body") ?? "",
            reader.RequiredDate(comment, "created_at", "comment.created_at"),
            reader.Date(comment, "updated_at") ?? reader.RequiredDate(comment, "created_at", "comment.created_at"),
            reader.String(comment, "html_url") ?? "");
        return new GitHubIssueCommentEvent(reader.Required(action, "action"), issue, record, repository, sender);
    }

    private static string? LabelName(Reader reader, JsonElement root) =>
        root.TryGetProperty("label", out var label) && label.ValueKind == JsonValueKind.Object ? reader.String(label, "name") : null;

    private static string? PreviousLabelName(Reader reader, JsonElement root) =>
        root.TryGetProperty("changes", out var changes) && changes.ValueKind == JsonValueKind.Object
        && changes.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.Object
            ? reader.String(name, "from")
            : null;

    /// <summary>Field readers that name the event and the field in every complaint.</summary>
    private sealed class Reader(string eventName)
    {
        public JsonElement Object(JsonElement parent, string name) =>
            parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
                ? value
                : throw Fail($"has no '{name}' object");

        public string Required(string? value, string path) =>
            string.IsNullOrEmpty(value) ? throw Fail($"has no '{path}'") : value;

        public string? String(JsonElement parent, string name)
        {
            if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Fail($"field '{name}' is a {value.ValueKind}, not a string");
        }

        public long? OptionalLong(JsonElement parent, string name)
        {
            if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var result)
                ? result
                : throw Fail($"field '{name}' is not a whole number");
        }

        public long RequiredLong(JsonElement parent, string name, string path) =>
            OptionalLong(parent, name) ?? throw Fail($"has no '{path}'");

        public int RequiredInt(JsonElement parent, string name, string path)
        {
            var value = RequiredLong(parent, name, path);
            return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw Fail($"field '{path}' is out of range");
        }

        public int Int(JsonElement parent, string name) =>
            parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var result) ? result : 0;

        public bool Bool(JsonElement parent, string name) =>
            parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

        public DateTime? Date(JsonElement parent, string name)
        {
            if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return parsed.UtcDateTime;
            }

            // Some payloads (push events' repository) carry Unix seconds instead of ISO 8601.
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds)
                && seconds >= 0 && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            {
                return DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime;
            }

            throw Fail($"field '{name}' is not a date");
        }

        public DateTime RequiredDate(JsonElement parent, string name, string path) => Date(parent, name) ?? throw Fail($"has no '{path}'");

        public string Login(JsonElement parent) =>
            parent.TryGetProperty("user", out var user) && user.ValueKind == JsonValueKind.Object
                ? GitHubWire.LoginOf(String(user, "login"))
                : GitHubWire.Ghost;

        public GitHubIssueRecord Issue(JsonElement issue, string path, bool isPullRequest)
        {
            var created = RequiredDate(issue, "created_at", path + ".created_at");
            var reactions = issue.TryGetProperty("reactions", out var r) && r.ValueKind == JsonValueKind.Object ? r : default;
            return new GitHubIssueRecord(
                RequiredLong(issue, "id", path + ".id"),
                RequiredInt(issue, "number", path + ".number"),
                String(issue, "title") ?? "",
                String(issue, "body"),
                String(issue, "state") ?? "open",
                String(issue, "state_reason"),
                Login(issue),
                isPullRequest || (issue.TryGetProperty("pull_request", out var pr) && pr.ValueKind == JsonValueKind.Object),
                Names(issue, "labels", "name"),
                Names(issue, "assignees", "login"),
                Int(issue, "comments"),
                reactions.ValueKind == JsonValueKind.Object ? Int(reactions, "total_count") : 0,
                reactions.ValueKind == JsonValueKind.Object ? Int(reactions, "+1") : 0,
                created,
                Date(issue, "updated_at") ?? created,
                Date(issue, "closed_at"),
                String(issue, "html_url") ?? "",
                String(issue, "author_association") ?? "NONE");
        }

        public GitHubReviewRecord Review(JsonElement review) => new(
            RequiredLong(review, "id", "review.id"),
            Login(review),
            (String(review, "state") ?? "").ToUpperInvariant(),
            Date(review, "submitted_at"));

        public GitHubReleaseRecord Release(JsonElement release) => new(
            RequiredLong(release, "id", "release.id"),
            Required(String(release, "tag_name"), "release.tag_name"),
            String(release, "name") is { Length: > 0 } name ? name : null,
            String(release, "html_url") ?? "",
            Date(release, "published_at"),
            Bool(release, "draft"),
            Bool(release, "prerelease"));

        private List<string> Names(JsonElement parent, string arrayName, string field)
        {
            if (!parent.TryGetProperty(arrayName, out var array) || array.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            return [.. array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).Select(e => String(e, field)).OfType<string>()];
        }

        private GitHubPayloadException Fail(string what) => new($"The GitHub '{eventName}' webhook payload {what}.");
    }
}
