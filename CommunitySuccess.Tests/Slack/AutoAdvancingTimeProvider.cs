using Microsoft.Extensions.Time.Testing;

namespace CommunitySuccess.Tests.Slack;

/// <summary>
/// Simulated time for long paced runs: whenever code starts waiting on a timer, the <see cref="FakeTimeProvider"/>
/// jumps to the timer's due time, so an hour of Slack-paced calls runs in seconds while the app and the sandbox still
/// agree on every instant. Only for hosts with no periodic background loops on the clock (tests run no job server).
/// </summary>
internal sealed class AutoAdvancingTimeProvider(FakeTimeProvider inner) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = inner.CreateTimer(callback, state, dueTime, period);
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            var due = inner.GetUtcNow() + dueTime;

            // Advanced off the caller's stack: the timer's owner finishes setting up before its callback runs.
            ThreadPool.QueueUserWorkItem(_ =>
            {
                var wait = due - inner.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    inner.Advance(wait);
                }
            });
        }

        return timer;
    }
}
