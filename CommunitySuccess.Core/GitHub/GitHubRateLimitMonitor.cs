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

    /// <summary>The longest wait a secondary limit without headers grows to.</summary>
    public static readonly TimeSpan MaxSecondaryLimitWait = TimeSpan.FromMinutes(32);

    /// <summary>
    /// Null when the answer is not a rate limit; otherwise how long GitHub asked us to wait: <c>Retry-After</c>
    /// first, then until <c>X-RateLimit-Reset</c> when <c>X-RateLimit-Remaining</c> is 0, else, for a 429 or a 403
    /// whose body speaks of a rate limit (secondary limits), "at least one minute", doubled for each earlier
    /// secondary limit the same call met (<paramref name="earlierLimits"/>): GitHub's documented advice.
    /// </summary>
    public static TimeSpan? WaitFor(HttpStatusCode status, Func<string, string?> header, string? body, DateTimeOffset now, int earlierLimits = 0)
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
            return Growing(earlierLimits);
        }

        return null;
    }

    /// <summary>One minute, doubled per earlier limit, capped at <see cref="MaxSecondaryLimitWait"/>.</summary>
    public static TimeSpan Growing(int earlierLimits) =>
        TimeSpan.FromMinutes(Math.Min(MaxSecondaryLimitWait.TotalMinutes, SecondaryLimitWait.TotalMinutes * Math.Pow(2, Math.Clamp(earlierLimits, 0, 10))));

    /// <summary>
    /// "Issues: Read and write" for <c>X-Accepted-GitHub-Permissions: issues=write</c> (GitHub sends it with a 403 to a
    /// fine-grained token); the first alternative GitHub lists when it names several.
    /// </summary>
    public static string? PermissionName(string? acceptedPermissions)
    {
        var first = acceptedPermissions?.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        var pair = first?.Split(',', StringSplitOptions.TrimEntries)[0].Split('=', 2, StringSplitOptions.TrimEntries);
        if (pair is not [{ Length: > 0 } name, { Length: > 0 } level])
        {
            return null;
        }

        var words = name.Split('_');
        var title = string.Join(' ', words.Select((w, i) => i == 0 && w.Length > 0 ? char.ToUpperInvariant(w[0]) + w[1..] : w));
        var access = level switch
        {
            "write" => "Read and write",
            "read" => "Read-only",
            "admin" => "Admin",
            _ => level,
        };
        return $"{title}: {access}";
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
