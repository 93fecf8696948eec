using System.Net;

namespace CommunitySuccess.Core.GitHub;

/// <summary>
/// A GitHub REST call failed. The only exception <see cref="IGitHubGateway"/> throws (besides argument errors and
/// cancellation): Octokit's own exception types never leave the gateway.
/// </summary>
/// <remarks>
/// <see cref="IsRetryable"/> is true for rate limits, 5xx, time-outs and network failures: the same call may succeed
/// later (after <see cref="RetryAfter"/> when GitHub said how long). A write that failed this way may still have been
/// carried out by GitHub (a time-out after GitHub acted): the outbox looks for its tag before sending again.
/// </remarks>
public class GitHubGatewayException : Exception
{
    public GitHubGatewayException()
        : this("unknown", "The GitHub call failed.")
    {
    }

    public GitHubGatewayException(string message)
        : this("unknown", message)
    {
    }

    public GitHubGatewayException(string message, Exception innerException)
        : this("unknown", message, innerException: innerException)
    {
    }

    public GitHubGatewayException(
        string operation,
        string message,
        HttpStatusCode? statusCode = null,
        string? gitHubMessage = null,
        bool isRetryable = false,
        TimeSpan? retryAfter = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Operation = operation;
        StatusCode = statusCode;
        GitHubMessage = gitHubMessage;
        IsRetryable = isRetryable;
        RetryAfter = retryAfter;
    }

    /// <summary>What was attempted, e.g. <c>RemoveLabel octocat/Hello-World#12</c>; never holds a token.</summary>
    public string Operation { get; }

    /// <summary>The HTTP status, when GitHub answered.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>GitHub's <c>message</c> (with its validation details), when it sent one.</summary>
    public string? GitHubMessage { get; }

    /// <summary>Whether the same call may succeed later (rate limit, 5xx, time-out, network).</summary>
    public bool IsRetryable { get; }

    /// <summary>How long GitHub asked us to wait (<c>Retry-After</c>, or until <c>X-RateLimit-Reset</c>), when it said.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>GitHub refused for a rate limit (primary or secondary): GitHub did not carry the call out.</summary>
    public bool IsRateLimited { get; init; }

    /// <summary>A secondary rate limit (not the hourly quota): repeated ones call for growing waits.</summary>
    public bool IsSecondaryRateLimit { get; init; }

    /// <summary>
    /// The token permission the call needed and lacked, in the words of GitHub's token settings ("Issues: Read and
    /// write"), when GitHub said so (403 "Resource not accessible by personal access token",
    /// <c>X-Accepted-GitHub-Permissions</c>).
    /// </summary>
    public string? MissingPermission { get; init; }

    /// <summary>410 Gone: the issue was deleted (or issues were turned off for the repository); retrying cannot help.</summary>
    public bool IsGone => StatusCode == HttpStatusCode.Gone;
}
