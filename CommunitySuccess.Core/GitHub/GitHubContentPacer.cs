namespace CommunitySuccess.Core.GitHub;

/// <summary>
/// Keeps the outbox's content-creating writes (comments, new issues) under GitHub's secondary limits for content
/// creation: "no more than 80 content-generating requests per minute and no more than 500 per hour" (REST API docs,
/// "About secondary rate limits"). A singleton; sliding windows on the injected <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>In memory: after a restart it starts counting afresh, which GitHub's own limit then still backs up.</remarks>
public sealed class GitHubContentPacer(TimeProvider time)
{
    /// <summary>GitHub's per-minute limit for content creation.</summary>
    public const int PerMinute = 80;

    /// <summary>GitHub's per-hour limit for content creation.</summary>
    public const int PerHour = 500;

    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private readonly Queue<DateTimeOffset> _sent = new();
    private readonly Lock _gate = new();

    /// <summary>Takes a slot for one content-creating request now; or, when both windows are full, says how long to wait.</summary>
    public TimeSpan? TryReserve()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            while (_sent.Count > 0 && now - _sent.Peek() >= Hour)
            {
                _sent.Dequeue();
            }

            if (_sent.Count >= PerHour)
            {
                return _sent.Peek() + Hour - now;
            }

            var lastMinute = _sent.Where(t => now - t < Minute).ToList();
            if (lastMinute.Count >= PerMinute)
            {
                return lastMinute[0] + Minute - now;
            }

            _sent.Enqueue(now);
            return null;
        }
    }
}
