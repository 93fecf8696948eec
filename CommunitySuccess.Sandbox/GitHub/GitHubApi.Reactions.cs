using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CommunitySuccess.Sandbox.GitHub;

/// <summary>
/// <c>POST /repos/{owner}/{repo}/issues/{number}/reactions</c> as GitHub documents it
/// (https://docs.github.com/rest/reactions/reactions#create-reaction-for-an-issue): body <c>{"content":"eyes"}</c>;
/// 201 with the new reaction, or 200 with the existing one when this user already reacted so; 422 for an unknown content.
/// </summary>
public static partial class GitHubApi
{
    private const string ReactionsDoc = DocsRoot + "/reactions/reactions";

    private static readonly string[] ReactionContentNames = ["+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"];

    private static GitHubApiResult CreateIssueReaction(GitHubApiCall call)
    {
        const string doc = ReactionsDoc + "#create-reaction-for-an-issue";
        var repo = call.Repo(doc);
        var issue = call.Issue(repo, doc);
        var content = call.BodyObject(doc)["content"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        if (content is null || !ReactionContentNames.Contains(content))
        {
            throw GitHubApiException.Validation(doc, "Reaction", "content", content is null ? "missing_field" : "invalid", content);
        }

        var (reaction, created) = call.State.ReactCore(issue, call.Actor, content, call.Now);
        var body = new JsonObject
        {
            ["id"] = reaction.Id,
            ["node_id"] = "REA_" + reaction.Id.ToString(CultureInfo.InvariantCulture),
            ["user"] = call.Json.User(call.Actor),
            ["content"] = content,
            ["created_at"] = reaction.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        };
        return new GitHubApiResult(created ? StatusCodes.Status201Created : StatusCodes.Status200OK, body);
    }
}
