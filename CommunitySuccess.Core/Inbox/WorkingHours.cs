namespace CommunitySuccess.Core.Inbox;

/// <summary>
/// A user's working hours: 09:00–18:00 in their own time zone, Monday to Friday. The inbox puts users inside them
/// first; a user whose time zone is unknown counts as awake, so nobody waits behind a missing profile field.
/// </summary>
public static class WorkingHours
{
    public static readonly TimeOnly Start = new(9, 0);
    public static readonly TimeOnly End = new(18, 0);

    /// <summary>The user's wall-clock time now; null when the zone is unknown or not a zone this machine knows.</summary>
    public static DateTime? LocalTime(string? timeZone, DateTime utcNow) =>
        Find(timeZone) is { } zone ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc), zone) : null;

    /// <summary>True inside 09:00–18:00 Monday–Friday local time, and for an unknown zone.</summary>
    public static bool IsAwake(string? timeZone, DateTime utcNow) => LocalTime(timeZone, utcNow) is not { } local || IsInside(local);

    /// <summary>True when a wall-clock time is inside working hours.</summary>
    public static bool IsInside(DateTime local)
    {
        var time = TimeOnly.FromDateTime(local);
        return local.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && time >= Start && time < End;
    }

    /// <summary>Of the given zones, those where it is working hours now. Unknown zone ids count as awake too.</summary>
    public static IReadOnlyList<string> AwakeZones(IEnumerable<string> timeZones, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(timeZones);
        return timeZones.Where(tz => IsAwake(tz, utcNow)).Distinct(StringComparer.Ordinal).ToList();
    }

    private static TimeZoneInfo? Find(string? timeZone) =>
        !string.IsNullOrWhiteSpace(timeZone) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? zone : null;
}
