using Microsoft.Extensions.Time.Testing;

namespace CommunitySuccess.Tests.Slack;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also tells when code starts waiting on it, so a test advances the clock
/// only once the wait exists (advancing earlier would leave the wait hanging).
/// </summary>
internal sealed class TimerWatchingTimeProvider(FakeTimeProvider inner) : TimeProvider
{
    /// <summary>Released once per timer created.</summary>
    public SemaphoreSlim TimerCreated { get; } = new(0);

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = inner.CreateTimer(callback, state, dueTime, period);
        TimerCreated.Release();
        return timer;
    }
}
