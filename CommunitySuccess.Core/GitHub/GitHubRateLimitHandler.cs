using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.GitHub;

/// <summary>
/// Waits out GitHub's rate limits for reads and records the limit from every answer.
/// </summary>
/// <remarks>
/// A GET answered 403/429 as rate-limited waits as long as GitHub asked (see <see cref="GitHubRateLimitRules"/>; a
/// secondary limit without headers waits one minute, then two, then four), on the
/// injected <see cref="TimeProvider"/>, then tries again, at most <see cref="MaxRetries"/> times and never for longer than
/// <see cref="MaxWait"/> at once. Beyond that, and always for POST/PATCH/PUT/DELETE, the answer goes back unchanged and
/// the gateway turns it into a retryable <see cref="GitHubGatewayException"/> with its <c>RetryAfter</c>: a write
/// GitHub may have carried out is re-sent only by the outbox, after it looked for its tag.
/// Each attempt also gets <see cref="GitHubOptions.RequestTimeoutSeconds"/> (real time: it guards a socket, not a
/// schedule), because the waits here make the outer client's own time-out unusable.
/// </remarks>
public sealed partial class GitHubRateLimitHandler(
    TimeProvider timeProvider,
    GitHubRateLimitMonitor monitor,
    IOptions<GitHubOptions> options,
    ILogger<GitHubRateLimitHandler> logger) : DelegatingHandler
{
    /// <summary>The longest single wait; a later reset fails the call as retryable instead of holding a job.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(15);

    /// <summary>How often one read is retried after rate-limit waits.</summary>
    public const int MaxRetries = 3;

    /// <summary>The shortest wait, so a reset already in the past (clock skew) does not become a tight loop.</summary>
    private static readonly TimeSpan MinWait = TimeSpan.FromSeconds(1);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var callerToken = GitHubCallScope.Current?.CancellationToken ?? CancellationToken.None;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, callerToken);
        var token = linked.Token;

        for (var attempt = 0; ; attempt++)
        {
            var response = await SendAttemptAsync(request, token);
            monitor.Record(name => HeaderValue(response.Headers, name));

            var body = response.StatusCode == HttpStatusCode.Forbidden ? await ReadBodyAsync(response, token) : null;
            var wait = GitHubRateLimitRules.WaitFor(response.StatusCode, name => HeaderValue(response.Headers, name), body, timeProvider.GetUtcNow(), earlierLimits: attempt);
            if (wait is null || !IsIdempotent(request.Method) || attempt >= MaxRetries || wait.Value > MaxWait)
            {
                return response;
            }

            var delay = wait.Value < MinWait ? MinWait : wait.Value;
            LogWaiting(logger, (int)response.StatusCode, request.Method.Method, request.RequestUri?.AbsolutePath ?? "", delay.TotalSeconds, attempt + 1);
            response.Dispose();
            await Task.Delay(delay, timeProvider, token);
        }
    }

    internal static string? HeaderValue(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static bool IsIdempotent(HttpMethod method) => method == HttpMethod.Get || method == HttpMethod.Head;

    private async Task<HttpResponseMessage> SendAttemptAsync(HttpRequestMessage request, CancellationToken token)
    {
        var timeout = TimeSpan.FromSeconds(options.Value.RequestTimeoutSeconds);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(token);
        attempt.CancelAfter(timeout);
        try
        {
            return await base.SendAsync(request, attempt.Token);
        }
        catch (OperationCanceledException ex) when (!token.IsCancellationRequested && attempt.IsCancellationRequested)
        {
            throw new TimeoutException($"GitHub did not answer {request.Method} {request.RequestUri?.AbsolutePath} within {timeout.TotalSeconds:0} s.", ex);
        }
    }

    private static async Task<string?> ReadBodyAsync(HttpResponseMessage response, CancellationToken token)
    {
        // Buffered, so Octokit can still read the same body afterwards.
        await response.Content.LoadIntoBufferAsync(token);
        return await response.Content.ReadAsStringAsync(token);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "GitHub answered {Status} (rate limit) to {Method} {Path}; waiting {Seconds:0} s before attempt {Attempt}.")]
    private static partial void LogWaiting(ILogger logger, int status, string method, string path, double seconds, int attempt);
}
