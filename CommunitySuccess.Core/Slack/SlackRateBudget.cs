using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.Slack;

/// <summary>One Web API method's allowance: <paramref name="PerMinute"/> calls a minute, <paramref name="Burst"/> at once.</summary>
public sealed record SlackMethodBudget(string Tier, double PerMinute, double Burst, bool PerChannel);

/// <summary>
/// Paces every Slack Web API call under Slack's published per-method limits (docs.slack.dev/apis/web-api/rate-limits:
/// Tier 2 20/min, Tier 3 50/min, Tier 4 100/min, <c>chat.postMessage</c> about 1/s per channel; 1/min for history and
/// replies of a non-Marketplace app), so that a steady sync waits its turn instead of collecting 429s. A 429 that
/// still arrives pauses the method for its <c>Retry-After</c>, for every caller. Runs on the injected clock.
/// </summary>
public sealed class SlackRateBudget(IOptionsMonitor<SlackOptions> options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    /// <summary>The allowance of <paramref name="method"/> under the current options (before <see cref="SlackOptions.RateLimitScale"/>).</summary>
    public static SlackMethodBudget BudgetOf(string method, bool nonMarketplaceApp) => method switch
    {
        "conversations.history" or "conversations.replies" when nonMarketplaceApp => new SlackMethodBudget("1 per minute", 1, 1, PerChannel: false),
        "chat.postMessage" => new SlackMethodBudget("1 per second per channel", 60, 5, PerChannel: true),
        "reactions.remove" or "usergroups.users.update" or "conversations.list" or "users.list" => new SlackMethodBudget("Tier 2", 20, 20, PerChannel: false),
        "conversations.history" or "conversations.replies" or "conversations.info" or "conversations.join" or "conversations.open" or
            "team.info" or "chat.update" or "chat.delete" or "reactions.add" or "reactions.get" or "bots.info" => new SlackMethodBudget("Tier 3", 50, 50, PerChannel: false),
        _ => new SlackMethodBudget("Tier 4", 100, 100, PerChannel: false),
    };

    /// <summary>How long <paramref name="calls"/> more calls of <paramref name="method"/> take at its steady pace.</summary>
    public TimeSpan TimeFor(string method, int calls)
    {
        var current = options.CurrentValue;
        var budget = BudgetOf(method, current.NonMarketplaceApp);
        return TimeSpan.FromMinutes(Math.Max(0, calls) / (budget.PerMinute * current.RateLimitScale));
    }

    /// <summary>Waits until the method (for posts: the method in this channel) may be called, and takes that call.</summary>
    public Task WaitAsync(string method, string? channel, CancellationToken cancellationToken)
    {
        var wait = Reserve(method, channel);
        return wait <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(wait, time, cancellationToken);
    }

    /// <summary>
    /// Slack answered 429: its allowance is used up (after a restart, say, our count started full while Slack's was
    /// not). Nobody calls the method again before <paramref name="retryAfter"/> has passed, and then at the steady pace.
    /// </summary>
    public void Pause(string method, string? channel, TimeSpan retryAfter)
    {
        var (key, _, capacity) = KeyOf(method, channel);
        var until = time.GetUtcNow() + retryAfter;
        lock (_gate)
        {
            var bucket = BucketOf(key, capacity);
            // One call (the retry) when Retry-After has passed, then the steady pace.
            bucket.Tokens = 1;
            if (until > bucket.At)
            {
                bucket.At = until;
            }
        }
    }

    private TimeSpan Reserve(string method, string? channel)
    {
        var (key, perSecond, capacity) = KeyOf(method, channel);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var bucket = BucketOf(key, capacity);

            // While paused, At lies ahead and nothing refills until then.
            var elapsed = (now - bucket.At).TotalSeconds;
            if (elapsed > 0)
            {
                bucket.Tokens = Math.Min(capacity, bucket.Tokens + (elapsed * perSecond));
                bucket.At = now;
            }

            // Tokens may go below zero: each waiting caller holds a reservation, served in order.
            bucket.Tokens -= 1;
            var paused = bucket.At > now ? bucket.At - now : TimeSpan.Zero;
            return bucket.Tokens >= 0 ? paused : paused + TimeSpan.FromSeconds(-bucket.Tokens / perSecond);
        }
    }

    private (string Key, double PerSecond, double Capacity) KeyOf(string method, string? channel)
    {
        var current = options.CurrentValue;
        var budget = BudgetOf(method, current.NonMarketplaceApp);
        var scale = Math.Max(1, current.RateLimitScale);
        return (budget.PerChannel ? $"{method}/{channel}" : method, budget.PerMinute / 60.0 * scale, Math.Max(1, budget.Burst * scale));
    }

    private Bucket BucketOf(string key, double capacity)
    {
        if (!_buckets.TryGetValue(key, out var bucket))
        {
            bucket = new Bucket(capacity, time.GetUtcNow());
            _buckets[key] = bucket;
        }

        return bucket;
    }

    private sealed class Bucket(double tokens, DateTimeOffset at)
    {
        public double Tokens { get; set; } = tokens;
        public DateTimeOffset At { get; set; } = at;
    }
}
