using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CommunitySuccess.Sandbox.GitHub;

/// <summary>One REST request as a handler sees it (handlers run under the state's lock).</summary>
internal sealed class GitHubApiCall(GitHubState state, HttpContext http, GhUser? user, string? rawBody, DateTimeOffset now)
{
    public GitHubState State { get; } = state;

    public HttpContext Http { get; } = http;

    /// <summary>The token's account, or null for an unauthenticated request.</summary>
    public GhUser? User { get; } = user;

    public DateTimeOffset Now { get; } = now;

    public GitHubJson Json { get; } = state.Json();

    public string? Query(string name)
    {
        var values = Http.Request.Query[name];
        return values.Count == 0 ? null : values[^1];
    }

    public string Route(string name) => Convert.ToString(Http.Request.RouteValues[name], CultureInfo.InvariantCulture) ?? "";

    public int RouteInt(string name) => int.Parse(Route(name), CultureInfo.InvariantCulture);

    public long RouteLong(string name) => long.Parse(Route(name), CultureInfo.InvariantCulture);

    /// <summary>The repository named by <c>/repos/{owner}/{repo}</c> or <c>/repositories/{id}</c>; 404 when unknown.</summary>
    public GhRepository Repo(string doc)
    {
        var repo = Http.Request.RouteValues.ContainsKey("repositoryId")
            ? State.FindRepo(RouteLong("repositoryId"))
            : State.FindRepo(Route("owner"), Route("repo"));
        return repo ?? throw GitHubApiException.NotFound(doc);
    }

    public GhIssue Issue(GhRepository repo, string doc) =>
        repo.IssuesByNumber.TryGetValue(RouteInt("number"), out var issue) ? issue : throw GitHubApiException.NotFound(doc);

    /// <summary>The acting account for a write (the pipeline already refused anonymous writes).</summary>
    public GhUser Actor => User ?? throw new InvalidOperationException("Writes are authenticated.");

    /// <summary>The request body as JSON: 400 "Problems parsing JSON" when it is not JSON.</summary>
    public JsonNode? Body(string doc)
    {
        if (string.IsNullOrWhiteSpace(rawBody))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(rawBody);
        }
        catch (JsonException)
        {
            throw new GitHubApiException(StatusCodes.Status400BadRequest, "Problems parsing JSON", doc);
        }
    }

    /// <summary>The body as a JSON object: 400 "Body should be a JSON object" for any other JSON value.</summary>
    public JsonObject BodyObject(string doc) => Body(doc) switch
    {
        null => [],
        JsonObject o => o,
        _ => throw new GitHubApiException(StatusCodes.Status400BadRequest, "Body should be a JSON object", doc),
    };
}

/// <summary>What a handler answers; the pipeline adds headers, ETag and rate-limit accounting.</summary>
internal sealed record GitHubApiResult(int Status, JsonNode? Body)
{
    /// <summary>Headers particular to this answer (e.g. <c>X-Accepted-GitHub-Permissions</c>).</summary>
    public Dictionary<string, string> Headers { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public string? Link { get; init; }

    public DateTimeOffset? LastModified { get; init; }

    public string? Location { get; init; }
}

/// <summary>An error answer in GitHub's shape: <c>{"message","documentation_url","status"}</c>, plus <c>errors</c> for 422s.</summary>
internal sealed class GitHubApiException : Exception
{
    public GitHubApiException(int status, string message, string doc, JsonArray? errors = null)
        : base(message)
    {
        Status = status;
        var body = new JsonObject { ["message"] = message };
        if (errors is not null)
        {
            body["errors"] = errors;
        }

        body["documentation_url"] = doc;
        body["status"] = status.ToString(CultureInfo.InvariantCulture);
        Body = body;
    }

    public int Status { get; }

    public JsonObject Body { get; }

    public static GitHubApiException NotFound(string doc) => new(StatusCodes.Status404NotFound, "Not Found", doc);

    /// <summary>422 "Validation Failed" with one error entry such as <c>{"resource":"Issue","field":"title","code":"missing_field"}</c>.</summary>
    public static GitHubApiException Validation(string doc, string resource, string field, string code, JsonNode? value = null, string? message = null)
    {
        var error = new JsonObject();
        if (value is not null)
        {
            error["value"] = value;
        }

        error["resource"] = resource;
        error["field"] = field;
        error["code"] = code;
        if (message is not null)
        {
            error["message"] = message;
        }

        return new GitHubApiException(StatusCodes.Status422UnprocessableEntity, "Validation Failed", doc, [error]);
    }

    /// <summary>422 from GitHub's schema check, e.g. "Invalid request.\n\nFor 'properties/title', 5 is not a string."</summary>
    public static GitHubApiException WrongType(string doc, string field, JsonNode? value, string expected) =>
        new(
            StatusCodes.Status422UnprocessableEntity,
            $"Invalid request.\n\nFor 'properties/{field}', {(value is null ? "nil" : GitHubJson.Serialize(value))} is not {expected}.",
            doc);
}
