namespace CommunitySuccess.Core.Inbox;

/// <summary>When this process started watching: auto follow-up acts only on deadlines that pass after it.</summary>
public sealed class AppClock(TimeProvider time)
{
    public DateTime StartedAtUtc { get; } = time.GetUtcNow().UtcDateTime;
}
