using System.Globalization;
using System.Net;

namespace CommunitySuccess.Core.GitHub;

/// <summary>
/// Remembers the core rate limit from the latest GitHub answer (every answer carries <c>X-RateLimit-*</c>, a 304 too),
/// for the settings page. A singleton shared by every gateway and handler.
/// </summary>
public sealed class GitHubRateLimitMonitor
{
    private GitHubRateLimit? _current;

    /// <summary>The latest core rate limit seen, or null before the first answer.</summary>
    public GitHubRateLimit? Current => Volatile.Read(ref _current);

    /// <summary>Records the limit from an answer's headers; answers for another resource (search, graphql) are ignored.</summary>
    public void Record(Func<string, string?> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var resource = header("X-RateLimit-Resource");
        if (resource is not null && !string.Equals(resource, "core", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (GitHubRateLimitRules.TryReadInt(header("X-RateLimit-Limit"), out var limit)
            && GitHubRateLimitRules.TryReadInt(header("X-RateLimit-Remaining"), out var remaining)
            && GitHubRateLimitRules.TryReadEpoch(header("X-RateLimit-Reset"), out var reset))
        {
            Volatile.Write(ref _current, new GitHubRateLimit(limit, remaining, reset.UtcDateTime));
        }
    }
}

/// <summary>How GitHub says "slow down", per its REST documentation on rate limits.</summary>
internal static class GitHubRateLimitRules
{
    /// <summary>What to wait when GitHub signals a secondary rate limit without saying how long: "at least one minute".</summary>
    public static readonly TimeSpan SecondaryLimitWait = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Null when the answer is not a rate limit; otherwise how long GitHub asked us to wait: <c>Retry-After</c>
    /// first, then until <c>X-RateLimit-Reset</c> when <c>X-RateLimit-Remaining</c> is 0, else a minute for a 429 or a
    /// 403 whose body speaks of a rate limit (secondary limits).
    /// </summary>
    public static TimeSpan? WaitFor(HttpStatusCode status, Func<string, string?> header, string? body, DateTimeOffset now)
    {
        if (status is not HttpStatusCode.Forbidden and not HttpStatusCode.TooManyRequests)
        {
            return null;
        }

        var retryAfter = header("Retry-After");
        if (TryReadInt(retryAfter, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (DateTimeOffset.TryParse(retryAfter, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var retryAt))
        {
            return Max(retryAt - now, TimeSpan.Zero);
        }

        if (header("X-RateLimit-Remaining") == "0" && TryReadEpoch(header("X-RateLimit-Reset"), out var reset))
        {
            return Max(reset - now, TimeSpan.Zero);
        }

        if (status == HttpStatusCode.TooManyRequests
            || (body is not null && body.Contains("rate limit", StringComparison.OrdinalIgnoreCase)))
        {
            return SecondaryLimitWait;
        }

        return null;
    }

    public static bool TryReadInt(string? value, out int result) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out result);

    public static bool TryReadEpoch(string? value, out DateTimeOffset result)
    {
        result = default;
        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return false;
        }

        result = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
