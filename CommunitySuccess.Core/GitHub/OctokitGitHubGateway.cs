using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;
using Octokit;
using Octokit.Internal;
using MediaTypeHeaderValue = System.Net.Http.Headers.MediaTypeHeaderValue;

namespace CommunitySuccess.Core.GitHub;

/// <summary>
/// <see cref="IGitHubGateway"/> on Octokit 14, over the <c>GitHub</c> HTTP client of
/// <see cref="GitHubServiceCollectionExtensions.AddGitHubGateway"/> (ETag cache, then rate-limit waits).
/// </summary>
/// <remarks>
/// Created per use (transient): it reads <see cref="GitHubOptions.ApiBaseUrl"/> when built, and the token on every
/// request, so a settings change applies to the next gateway without a restart. It owns nothing to dispose: its
/// handlers belong to the HTTP client factory. Where Octokit's models lack a field we need (see <c>GitHubWire</c>),
/// reads go through Octokit's <see cref="ApiConnection"/> into our own wire classes: same pagination, serializer
/// and errors.
/// </remarks>
public sealed class OctokitGitHubGateway : IGitHubGateway
{
    /// <summary>The name of the HTTP client whose handler chain Octokit sends through.</summary>
    public const string HttpClientName = "GitHub";

    /// <summary>What GitHub answers (404) when the label to remove is not on the issue.</summary>
    public const string LabelDoesNotExistMessage = "Label does not exist";

    private const int PageSize = 100;

    private static readonly ProductHeaderValue Product = new("CommunitySuccess");

    private readonly GitHubClient _client;
    private readonly ApiConnection _api;
    private readonly GitHubRateLimitMonitor _monitor;
    private readonly TimeProvider _timeProvider;

    public OctokitGitHubGateway(
        IHttpMessageHandlerFactory handlerFactory,
        IOptionsMonitor<GitHubOptions> options,
        GitHubRateLimitMonitor monitor,
        TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(handlerFactory);
        ArgumentNullException.ThrowIfNull(options);
        _monitor = monitor;
        _timeProvider = timeProvider;

        var adapter = new JsonLabellingHttpClientAdapter(() => handlerFactory.CreateHandler(HttpClientName));

        // GitHubRateLimitHandler may wait up to 15 minutes inside one send and bounds each attempt itself.
        adapter.SetRequestTimeout(Timeout.InfiniteTimeSpan);
        var connection = new Connection(
            Product,
            ApiRoot(options.CurrentValue.ApiBaseUrl),
            new OptionsCredentialStore(options),
            adapter,
            new SimpleJsonSerializer());
        _client = new GitHubClient(connection);
        _api = new ApiConnection(connection);
    }

    public GitHubRateLimit? LastRateLimit => _monitor.Current;

    /// <summary>
    /// The REST root Octokit should call: <c>https://api.github.com/</c> for github.com, otherwise
    /// <c>/api/v3/</c> on the configured host (GitHub Enterprise Server, and our sandbox). This is the rule Octokit's
    /// <see cref="GitHubClient"/> applies to a base address, which it skips when handed a ready <see cref="Connection"/>.
    /// </summary>
    public static Uri ApiRoot(string apiBaseUrl)
    {
        var uri = new Uri(apiBaseUrl, UriKind.Absolute);
        return uri.Host is "github.com" or "api.github.com"
            ? GitHubClient.GitHubApiUrl
            : new Uri(uri, "/api/v3/");
    }

    public Task<GitHubCurrentUser> GetCurrentUserAsync(CancellationToken cancellationToken = default) =>
        RunAsync("GetCurrentUser", async _ =>
        {
            var user = await _client.User.Current();
            return new GitHubCurrentUser(user.Login, _monitor.Current);
        }, cancellationToken);

    public Task<GitHubListResult<GitHubIssueRecord>> ListIssuesAsync(string owner, string repo, DateTime? sinceUtc, CancellationToken cancellationToken = default)
    {
        CheckRepository(owner, repo);
        var parameters = ListParameters(sinceUtc);
        parameters["state"] = "all";
        return RunAsync($"ListIssues {owner}/{repo}", async scope =>
        {
            var issues = await _api.GetAll<IssueWire>(ApiUrls.Issues(owner, repo), parameters);
            return new GitHubListResult<GitHubIssueRecord>([.. issues.Select(i => i.ToRecord())], scope.AllFromCache);
        }, cancellationToken);
    }

    public Task<GitHubIssueRecord> GetIssueAsync(string owner, string repo, int number, CancellationToken cancellationToken = default)
    {
        CheckRepository(owner, repo);
        return RunAsync($"GetIssue {owner}/{repo}#{number}", async _ =>
            (await _api.Get<IssueWire>(ApiUrls.Issue(owner, repo, number))).ToRecord(), cancellationToken);
    }

    public Task<GitHubListResult<GitHubCommentRecord>> ListCommentsAsync(string owner, string repo, DateTime? sinceUtc, CancellationToken cancellationToken = default)
    {
        CheckRepository(owner, repo);
        var parameters = ListParameters(sinceUtc);
        return RunAsync($"ListComments {owner}/{repo}", async scope =>
        {
            var comments = await _api.GetAll<CommentWire>(ApiUrls.IssueComments(owner, repo), parameters);
            return new GitHubListResult<GitHubCommentRecord>([.. comments.Select(c => c.ToRecord())], scope.AllFromCache);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<GitHubReviewRecord>> ListPullRequestReviewsAsync(string owner, string repo, int number, CancellationToken cancellationToken = default)
    {
        CheckRepository(owner, repo);
        return RunAsync<IReadOnlyList<GitHubReviewRecord>>($"ListPullRequestReviews {owner}/{repo}#{number}", async _ =>
        {
            var reviews = await _client.PullRequest.Review.GetAll(owner, repo, number, Pages());
            return
            [
                .. reviews.Select(r => new GitHubReviewRecord(
                    r.Id,
                    GitHubWire.LoginOf(r.User?.Login),
                    r.State.StringValue.ToUpperInvariant(),
                    r.SubmittedAt == default ? null : r.SubmittedAt.UtcDateTime)),
            ];
        }, cancellationToken);
    }

    public Task<IReadOnlyList<GitHubPullRequestRecord>> ListOpenPullRequestsAsync(string owner, string repo, CancellationToken cancellationToken = default)
    {
        CheckRepository(owner, repo);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["state"] = "open",
            ["per_page"] = PageSize.ToString(CultureInfo.InvariantCulture),
        };
        return RunAsync<IReadOnlyList<GitHubPullRequestRecord>>($"ListOpenPullRequests {owner}/{repo}", async _ =>
            [.. (await _api.GetAll<PullRequestWire>(ApiUrls.PullRequests(owner, repo), parameters)).Select(p => p.ToRecord())],
            cancellationToken);
    }

    public Task<IReadOnlyList<GitHubReleaseRecord>> ListReleasesAsync(string owner, string repo, CancellationToken cancellationToken = default)
    {
        CheckRepository(owner, repo);
        return RunAsync<IReadOnlyList<GitHubReleaseRecord>>($"ListReleases {owner}/{repo}", async _ =>
            [.. (await _client.Repository.Release.GetAll(owner, repo, Pages())).Select(ToRecord)],
            cancellationToken);
    }

    public Task<GitHubReleaseRecord> GetReleaseByTagAsync(string owner, string repo, string tag, CancellationToken cancellationToken = default)
    {
        CheckRepository(owner, repo);
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);

        // Octokit puts the tag into the path as it is: "release/1.0" would become two segments.
        return RunAsync($"GetReleaseByTag {owner}/{repo}@{tag}", async _ =>
            ToRecord(await _client.Repository.Release.Get(owner, repo, Uri.EscapeDataString(tag))), cancellationToken);
    }

    public Task<IReadOnlyList<GitHubLabelRecord>> ListLabelsAsync(string owner, string repo, CancellationToken cancellationToken = default)
    {
        CheckRepository(owner, repo);
        return RunAsync<IReadOnlyList<GitHubLabelRecord>>($"ListLabels {owner}/{repo}", async _ =>
            [.. (await _client.Issue.Labels.GetAllForRepository(owner, repo, Pages())).Select(ToRecord)],
            cancellationToken);
    }

    public Task<GitHubLabelRecord> CreateLabelAsync(string owner, string repo, string name, string color, string? description, CancellationToken cancellationToken = default)
    {
        CheckRepository(owner, repo);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(color);

        // Octokit checks the colour here (six hex digits): a caller's mistake, not GitHub's answer.
        var label = new NewLabel(name, color) { Description = description };
        return RunAsync($"CreateLabel {owner}/{repo}", async _ =>
            ToRecord(await _client.Issue.Labels.Create(owner, repo, label)), cancellationToken);
    }

    public Task<GitHubIssueRecord> CreateIssueAsync(string owner, string repo, string title, string? body, IReadOnlyCollection<string> labels, CancellationToken cancellationToken = default)
    {
        CheckRepository(owner, repo);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(labels);
        var request = new CreateIssueBody { Title = title, Body = body, Labels = [.. labels] };
        return RunAsync($"CreateIssue {owner}/{repo}", async _ =>
            (await _api.Post<IssueWire>(ApiUrls.Issues(owner, repo), request, cancellationToken)).ToRecord(), cancellationToken);
    }

    public async Task<string?> FindMissingIssuesWriteAsync(string owner, string repo, CancellationToken cancellationToken = default)
    {
        CheckRepository(owner, repo);
        try
        {
            // An issue without a title: GitHub checks the token's permission first (403), then the body (422), so a
            // 422 proves the write would be allowed, and nothing is created either way.
            await RunAsync($"CheckIssuesWrite {owner}/{repo}", async _ =>
                await _api.Post<IssueWire>(ApiUrls.Issues(owner, repo), new Dictionary<string, string>(), cancellationToken), cancellationToken);
            return null;
        }
        catch (GitHubGatewayException ex) when (ex.StatusCode == HttpStatusCode.UnprocessableEntity)
        {
            return null;
        }
        catch (GitHubGatewayException ex) when (ex.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound && !ex.IsRateLimited)
        {
            return ex.MissingPermission ?? "Issues: Read and write";
        }
    }

    public Task<GitHubCommentRecord> CreateCommentAsync(string owner, string repo, int number, string body, CancellationToken cancellationToken = default)
    {
        CheckRepository(owner, repo);
        ArgumentException.ThrowIfNullOrWhiteSpace(body);
        return RunAsync($"CreateComment {owner}/{repo}#{number}", async _ =>
            (await _api.Post<CommentWire>(ApiUrls.IssueComments(owner, repo, number), new CommentBody { Body = body }, cancellationToken)).ToRecord(),
            cancellationToken);
    }

    public Task<GitHubCommentRecord> UpdateCommentAsync(string owner, string repo, long commentId, string body, CancellationToken cancellationToken = default)
    {
        CheckRepository(owner, repo);
        ArgumentException.ThrowIfNullOrWhiteSpace(body);
        return RunAsync($"UpdateComment {owner}/{repo} {commentId}", async _ =>
            (await _api.Patch<CommentWire>(ApiUrls.IssueComment(owner, repo, commentId), new CommentBody { Body = body })).ToRecord(),
            cancellationToken);
    }

    public Task<bool> DeleteCommentAsync(string owner, string repo, long commentId, CancellationToken cancellationToken = default)
    {
        CheckRepository(owner, repo);
        return RunAsync($"DeleteComment {owner}/{repo} {commentId}", async _ =>
        {
            try
            {
                await _api.Delete(ApiUrls.IssueComment(owner, repo, commentId));
                return true;
            }
            catch (NotFoundException)
            {
                // Deleted by an earlier attempt whose answer was lost, or by someone on GitHub: the outcome wanted.
                return false;
            }
        }, cancellationToken);
    }

    public Task<IReadOnlyList<string>> AddLabelsAsync(string owner, string repo, int number, IReadOnlyCollection<string> labels, CancellationToken cancellationToken = default)
    {
        CheckRepository(owner, repo);
        ArgumentNullException.ThrowIfNull(labels);
        return RunAsync<IReadOnlyList<string>>($"AddLabels {owner}/{repo}#{number}", async _ =>
            [.. (await _client.Issue.Labels.AddToIssue(owner, repo, number, [.. labels])).Select(l => l.Name)],
            cancellationToken);
    }

    public Task AddIssueReactionAsync(string owner, string repo, int number, string content, CancellationToken cancellationToken = default)
    {
        CheckRepository(owner, repo);
        var type = content switch
        {
            "eyes" => ReactionType.Eyes,
            "+1" => ReactionType.Plus1,
            "heart" => ReactionType.Heart,
            "rocket" => ReactionType.Rocket,
            _ => throw new ArgumentException($"'{content}' is not a reaction the desk adds.", nameof(content)),
        };
        return RunAsync($"AddReaction {owner}/{repo}#{number}", async _ =>
        {
            await _client.Reaction.Issue.Create(owner, repo, number, new NewReaction(type));
            return true;
        }, cancellationToken);
    }

    public Task RemoveLabelAsync(string owner, string repo, int number, string label, CancellationToken cancellationToken = default)
    {
        CheckRepository(owner, repo);
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        return RunAsync($"RemoveLabel {owner}/{repo}#{number}", async _ =>
        {
            try
            {
                // Octokit puts the name into the path unescaped: a '/', '?' or '%' in a label name would change the URL.
                await _client.Issue.Labels.RemoveFromIssue(owner, repo, number, Uri.EscapeDataString(label));
            }
            catch (NotFoundException ex) when (ex.ApiError?.Message?.Contains(LabelDoesNotExistMessage, StringComparison.OrdinalIgnoreCase) == true)
            {
                // Already gone: the outcome the caller wanted.
            }

            return true;
        }, cancellationToken);
    }

    public Task<GitHubIssueRecord> CloseIssueAsync(string owner, string repo, int number, GitHubCloseReason reason, CancellationToken cancellationToken = default)
    {
        CheckRepository(owner, repo);
        var request = new CloseIssueBody
        {
            StateReason = reason switch
            {
                GitHubCloseReason.Completed => "completed",
                GitHubCloseReason.NotPlanned => "not_planned",
                _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown close reason."),
            },
        };
        return RunAsync($"CloseIssue {owner}/{repo}#{number}", async _ =>
            (await _api.Patch<IssueWire>(ApiUrls.Issue(owner, repo, number), request)).ToRecord(), cancellationToken);
    }

    public Task<GitHubIssueRecord> AssignAsync(string owner, string repo, int number, string login, CancellationToken cancellationToken = default)
    {
        CheckRepository(owner, repo);
        ArgumentException.ThrowIfNullOrWhiteSpace(login);
        return RunAsync($"Assign {owner}/{repo}#{number}", async _ =>
            (await _api.Post<IssueWire>(ApiUrls.IssueAssignees(owner, repo, number), new AssigneesUpdate([login]), cancellationToken)).ToRecord(),
            cancellationToken);
    }

    public Task<GitHubCommentRecord?> FindCommentWithTagAsync(string owner, string repo, int number, string tag, CancellationToken cancellationToken = default)
    {
        CheckRepository(owner, repo);
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["per_page"] = PageSize.ToString(CultureInfo.InvariantCulture) };
        return RunAsync($"FindCommentWithTag {owner}/{repo}#{number}", async _ =>
        {
            var comments = await _api.GetAll<CommentWire>(ApiUrls.IssueComments(owner, repo, number), parameters);
            return comments.FirstOrDefault(c => c.Body?.Contains(tag, StringComparison.Ordinal) == true)?.ToRecord();
        }, cancellationToken);
    }

    private static void CheckRepository(string owner, string repo)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentException.ThrowIfNullOrWhiteSpace(repo);
    }

    private static ApiOptions Pages() => new() { PageSize = PageSize };

    /// <summary><c>sort=updated&amp;direction=asc</c>, 100 a page, and <c>since</c> as GitHub's ISO 8601 UTC.</summary>
    private static Dictionary<string, string> ListParameters(DateTime? sinceUtc)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["sort"] = "updated",
            ["direction"] = "asc",
            ["per_page"] = PageSize.ToString(CultureInfo.InvariantCulture),
        };
        if (sinceUtc is { } since)
        {
            var utc = since.Kind == DateTimeKind.Local ? since.ToUniversalTime() : DateTime.SpecifyKind(since, DateTimeKind.Utc);
            parameters["since"] = utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }

        return parameters;
    }

    private static GitHubReleaseRecord ToRecord(Release release) => new(
        release.Id,
        release.TagName,
        string.IsNullOrEmpty(release.Name) ? null : release.Name,
        release.HtmlUrl,
        release.PublishedAt?.UtcDateTime,
        release.Draft,
        release.Prerelease);

    private static GitHubLabelRecord ToRecord(Label label) =>
        new(label.Id, label.Name, label.Color, string.IsNullOrEmpty(label.Description) ? null : label.Description);

    private async Task<T> RunAsync<T>(string operation, Func<GitHubCallScope, Task<T>> call, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // Inside this async method, so the scope ends when it returns.
        var scope = GitHubCallScope.Begin(cancellationToken);
        try
        {
            return await call(scope);
        }
        catch (Exception ex) when (ex is not GitHubGatewayException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw Translate(operation, ex);
        }
    }

    private GitHubGatewayException Translate(string operation, Exception ex)
    {
        switch (ex)
        {
            case ApiException api:
                return FromApiException(operation, api);
            case TimeoutException or OperationCanceledException:
                return new GitHubGatewayException(operation, $"GitHub {operation} timed out.", isRetryable: true, innerException: ex);
            case System.Runtime.Serialization.SerializationException or System.Text.Json.JsonException:
                // An answer cut short on the way: a write may well have happened, so it is retried like a time-out
                // (the outbox looks for its tag first), and a read is simply read again.
                return new GitHubGatewayException(
                    operation, $"GitHub {operation} answered with a body that could not be read (cut short?): {ex.Message}", isRetryable: true, innerException: ex);
            case HttpRequestException http:
                return new GitHubGatewayException(
                    operation, $"GitHub {operation} could not reach GitHub: {http.Message}", http.StatusCode, isRetryable: true, innerException: ex);
            default:
                return new GitHubGatewayException(
                    operation, $"GitHub {operation} failed with an unexpected answer: {ex.Message}", isRetryable: false, innerException: ex);
        }
    }

    private GitHubGatewayException FromApiException(string operation, ApiException api)
    {
        var status = api.StatusCode;
        var headers = api.HttpResponse?.Headers;
        string? Header(string name) =>
            headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

        var wait = GitHubRateLimitRules.WaitFor(status, Header, api.HttpResponse?.Body as string, _timeProvider.GetUtcNow());
        var retryable = wait is not null || (int)status >= 500 || status == HttpStatusCode.RequestTimeout;
        var gitHubMessage = DescribeApiError(api.ApiError);
        var missingPermission = wait is null ? MissingPermission(status, gitHubMessage, Header("X-Accepted-GitHub-Permissions")) : null;
        var what = wait is not null
            ? $"is rate limited; retry in {Math.Ceiling(wait.Value.TotalSeconds):0} s"
            : status == HttpStatusCode.Unauthorized
                ? "was refused: the token is missing, wrong or expired (GitHub:Token)"
                : missingPermission is not null
                    ? $"was refused: the token lacks the permission \"{missingPermission}\""
                    : status == HttpStatusCode.Gone
                        ? "failed: the issue was deleted on GitHub"
                        : status == HttpStatusCode.NotFound
                            ? "failed: not found, or the token cannot see it (a fine-grained token needs the repository under \"Repository access\")"
                            : "failed";
        var message = $"GitHub {operation} {what} ({(int)status}{(gitHubMessage is null ? "" : ": " + gitHubMessage)}).";
        return new GitHubGatewayException(operation, message, status, gitHubMessage, retryable, wait, api)
        {
            IsRateLimited = wait is not null,
            IsSecondaryRateLimit = wait is not null && Header("X-RateLimit-Remaining") != "0",
            MissingPermission = missingPermission,
        };
    }

    /// <summary>
    /// The permission a fine-grained token lacked: GitHub names it in <c>X-Accepted-GitHub-Permissions</c>; without the
    /// header, "Resource not accessible by …" still says a permission is missing, just not which.
    /// </summary>
    private static string? MissingPermission(HttpStatusCode status, string? gitHubMessage, string? acceptedPermissions)
    {
        if (status != HttpStatusCode.Forbidden)
        {
            return null;
        }

        if (GitHubRateLimitRules.PermissionName(acceptedPermissions) is { } named)
        {
            return named;
        }

        return gitHubMessage?.StartsWith("Resource not accessible by", StringComparison.OrdinalIgnoreCase) == true
            ? "the permission this call needs (see the token's settings)"
            : null;
    }

    private static string? DescribeApiError(ApiError? error)
    {
        if (error?.Message is not { Length: > 0 } message)
        {
            return null;
        }

        var details = (error.Errors ?? [])
            .Select(e => e.Message is { Length: > 0 } m ? m : $"{e.Resource}.{e.Field} {e.Code}".Trim())
            .Where(d => d.Length > 0 && d != ".")
            .ToList();
        return details.Count == 0 ? message : $"{message}: {string.Join("; ", details)}";
    }

    /// <summary>
    /// Octokit sends the JSON it serializes labelled with its default content type,
    /// <c>application/x-www-form-urlencoded</c>. GitHub reads it anyway; a stricter server (our sandbox, a proxy)
    /// should not have to, so JSON goes out as <c>application/json</c>.
    /// </summary>
    private sealed class JsonLabellingHttpClientAdapter(Func<HttpMessageHandler> getHandler) : HttpClientAdapter(getHandler)
    {
        protected override HttpRequestMessage BuildRequestMessage(IRequest request)
        {
            var message = base.BuildRequestMessage(request);
            if (message.Content?.Headers.ContentType?.MediaType == "application/x-www-form-urlencoded"
                && request.Body is string body
                && body.TrimStart() is ['{' or '[', ..])
            {
                message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            }

            return message;
        }
    }

    /// <summary>Reads the token on every request, so a changed <c>GitHub:Token</c> applies at once.</summary>
    private sealed class OptionsCredentialStore(IOptionsMonitor<GitHubOptions> options) : ICredentialStore
    {
        public Task<Credentials> GetCredentials()
        {
            var token = options.CurrentValue.Token;
            return Task.FromResult(string.IsNullOrEmpty(token) ? Credentials.Anonymous : new Credentials(token));
        }
    }
}
