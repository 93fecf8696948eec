namespace CommunitySuccess.Sandbox.Slack;

/// <summary>
/// Slack's published Web API rate limits (docs.slack.dev/apis/web-api/rate-limits), applied "per API method per
/// workspace per app": Tier 1 1+/min, Tier 2 20+/min, Tier 3 50+/min, Tier 4 100+/min, each tolerating bursts; the
/// special tier of <c>chat.postMessage</c> allows about one message per second per channel with short bursts.
/// Strict by default. Demo mode and tests may make the sandbox faster (<see cref="Scaled"/>), never turn it off.
/// </summary>
public sealed record SlackRateLimits
{
    /// <summary>The limits a Marketplace or internal app meets (the default).</summary>
    public static SlackRateLimits Published { get; } = new();

    /// <summary>
    /// Slack's 2025 limits for commercially distributed apps not approved for the Marketplace: <c>conversations.history</c>
    /// and <c>conversations.replies</c> answer 1 request a minute, and their <c>limit</c> is at most (and by default) 15.
    /// </summary>
    public static SlackRateLimits NonMarketplaceApp { get; } = new() { NonMarketplace = true };

    /// <summary>True for <see cref="NonMarketplaceApp"/>.</summary>
    public bool NonMarketplace { get; init; }

    /// <summary>
    /// How many times faster than real Slack every allowance refills (and how many times larger each burst is).
    /// 1 is Slack's pace; a test with thousands of calls uses, say, 100. Never infinite: limits still answer 429.
    /// </summary>
    public double Scale { get; init; } = 1;

    /// <summary>The same limits, <paramref name="factor"/> times faster (for demo mode and tests).</summary>
    public SlackRateLimits Scaled(double factor)
    {
        if (!(factor >= 1) || double.IsInfinity(factor))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "A scale makes limits faster (>= 1) and stays finite: limits are never turned off.");
        }

        return this with { Scale = Scale * factor };
    }

    /// <summary>The <c>limit</c> ceiling for history and replies in non-Marketplace mode.</summary>
    public const int NonMarketplacePageLimit = 15;

    /// <summary>Requests a minute and burst size for a method, at Slack's pace (before <see cref="Scale"/>).</summary>
    public SlackMethodLimit LimitOf(string method) => method switch
    {
        "conversations.history" or "conversations.replies" when NonMarketplace => new SlackMethodLimit("1 per minute (non-Marketplace app)", 1, 1, PerChannel: false),
        "chat.postMessage" => new SlackMethodLimit("special: 1 per second per channel", 60, 5, PerChannel: true),
        _ => TierOf(method) switch
        {
            1 => new SlackMethodLimit("Tier 1", 1, 1, PerChannel: false),
            2 => new SlackMethodLimit("Tier 2", 20, 20, PerChannel: false),
            3 => new SlackMethodLimit("Tier 3", 50, 50, PerChannel: false),
            _ => new SlackMethodLimit("Tier 4", 100, 100, PerChannel: false),
        },
    };

    /// <summary>The tier each method's reference page names.</summary>
    public static int TierOf(string method) => method switch
    {
        "reactions.remove" or "usergroups.users.update" or "conversations.list" or "users.list" => 2,
        "conversations.history" or "conversations.replies" or "conversations.info" or "conversations.join" or
            "conversations.open" or "team.info" or "chat.update" or "chat.delete" or "reactions.add" => 3,
        _ => 4,
    };
}

/// <summary>One method's allowance: <paramref name="PerMinute"/> requests a minute, at most <paramref name="Burst"/> at once.</summary>
public sealed record SlackMethodLimit(string Name, double PerMinute, double Burst, bool PerChannel);

/// <summary>Token buckets per method (and per channel for posts), on the workspace's clock.</summary>
internal sealed class SlackRateLimiter(SlackRateLimits limits, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    public SlackRateLimits Limits { get; } = limits;

    /// <summary>Takes one request from the method's allowance; returns the whole seconds to wait when there is none.</summary>
    public int? TryTake(string method, string? channel)
    {
        var limit = Limits.LimitOf(method);
        var key = limit.PerChannel ? $"{method}/{channel}" : method;
        var perSecond = limit.PerMinute / 60.0 * Limits.Scale;
        var capacity = Math.Max(1, limit.Burst * Limits.Scale);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_buckets.TryGetValue(key, out var bucket))
            {
                bucket = new Bucket(capacity, now);
                _buckets[key] = bucket;
            }

            var elapsed = (now - bucket.At).TotalSeconds;
            if (elapsed > 0)
            {
                bucket.Tokens = Math.Min(capacity, bucket.Tokens + (elapsed * perSecond));
                bucket.At = now;
            }

            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                return null;
            }

            // Slack's Retry-After is whole seconds, never zero.
            return Math.Max(1, (int)Math.Ceiling((1 - bucket.Tokens) / perSecond));
        }
    }

    private sealed class Bucket(double tokens, DateTimeOffset at)
    {
        public double Tokens { get; set; } = tokens;
        public DateTimeOffset At { get; set; } = at;
    }
}
