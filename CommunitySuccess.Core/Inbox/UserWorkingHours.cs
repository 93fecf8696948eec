namespace CommunitySuccess.Core.Inbox;

/// <summary>"Prioritise by the user's time zone": 09:00–18:00 their time, Monday to Friday.</summary>
public static class UserWorkingHours
{
    public static readonly TimeOnly Start = new(9, 0);
    public static readonly TimeOnly End = new(18, 0);

    /// <summary>True when <paramref name="utcNow"/> is inside working hours in the IANA zone; an unknown zone counts as awake.</summary>
    public static bool IsWithin(string? timeZone, DateTime utcNow)
    {
        if (timeZone is null || !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone))
        {
            return true;
        }

        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc), zone);
        var time = TimeOnly.FromDateTime(local);
        return local.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && time >= Start && time < End;
    }
}
