using System.Net;

namespace CommunitySuccess.Core.Slack;

/// <summary>
/// A Slack Web API call failed. <see cref="Error"/> is Slack's own code (<c>channel_not_found</c>,
/// <c>not_authed</c>, …) when Slack gave one; otherwise one of ours: <c>http_&lt;status&gt;</c>,
/// <c>invalid_response</c>, <c>request_failed</c> or <c>timeout</c>.
/// </summary>
public class SlackApiException : Exception
{
    public SlackApiException()
        : this("unknown", "unknown_error", "The Slack API call failed.")
    {
    }

    public SlackApiException(string message)
        : this("unknown", "unknown_error", message)
    {
    }

    public SlackApiException(string message, Exception innerException)
        : this("unknown", "unknown_error", message, statusCode: null, innerException)
    {
    }

    public SlackApiException(string method, string error, string message, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Method = method;
        Error = error;
        StatusCode = statusCode;
    }

    /// <summary>The Web API method, e.g. <c>conversations.history</c>.</summary>
    public string Method { get; }

    /// <summary>Slack's error code, or ours when Slack gave none (see the class remarks).</summary>
    public string Error { get; }

    /// <summary>The HTTP status, when a response came back.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>For <c>missing_scope</c>: the scope Slack said the method needs.</summary>
    public string? NeededScope { get; init; }
}

/// <summary>
/// Slack answered 429. Writes never retry by themselves (the outbox decides when to try again, after
/// <see cref="RetryAfter"/>); reads throw this only after their bounded retries are spent.
/// </summary>
public sealed class SlackRateLimitedException : SlackApiException
{
    public SlackRateLimitedException()
        : this("unknown", TimeSpan.Zero)
    {
    }

    public SlackRateLimitedException(string message)
        : base(message)
    {
    }

    public SlackRateLimitedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SlackRateLimitedException(string method, TimeSpan retryAfter)
        : base(method, "ratelimited", $"Slack API {method} is rate limited; retry after {retryAfter.TotalSeconds:0} s.", HttpStatusCode.TooManyRequests)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>How long Slack asked us to wait (its <c>Retry-After</c> header).</summary>
    public TimeSpan RetryAfter { get; }
}
