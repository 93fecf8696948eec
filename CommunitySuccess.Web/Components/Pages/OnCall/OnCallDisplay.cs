using System.Globalization;
using CommunitySuccess.Core.OnCall;

namespace CommunitySuccess.Web.Components.Pages.OnCall;

/// <summary>How the on-call pages draw people and dates: a stable colour per member, initials, short dates.</summary>
public static class OnCallDisplay
{
    private static readonly string[] Palette =
    [
        "#3949ab", "#00897b", "#8e24aa", "#f4511e", "#039be5", "#7cb342", "#c0ca33", "#e53935", "#5e35b1", "#00acc1", "#6d4c41", "#d81b60",
    ];

    public static string ColorOf(int memberId) => Palette[Math.Abs(memberId) % Palette.Length];

    public static string Initials(string name)
    {
        var parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length switch
        {
            0 => "?",
            1 => parts[0][..1].ToUpperInvariant(),
            _ => string.Concat(parts[0][..1], parts[^1][..1]).ToUpperInvariant(),
        };
    }

    /// <summary>"Chloé" of "Chloé Dubois": calendar cells are narrow (the full name is in the tooltip).</summary>
    public static string FirstName(string name) => name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? name;

    /// <summary>"Tue 2 Dec".</summary>
    public static string Short(DateOnly date) => OnCallText.ShortDate(date);

    /// <summary>"Tuesday 2 December 2026".</summary>
    public static string Long(DateOnly date) => date.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"Tue 2 Dec, 09:00" in the schedule's time zone.</summary>
    public static string LocalTime(OnCallSchedule schedule, DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var local = TimeZoneInfo.ConvertTime(instant, schedule.Clock.TimeZone);
        return local.ToString("ddd d MMM, HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>"Mon–Fri", or the days listed.</summary>
    public static string WorkingDays(IEnumerable<DayOfWeek> days)
    {
        var set = days.ToHashSet();
        DayOfWeek[] weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];
        if (set.SetEquals(weekdays))
        {
            return "Mon–Fri";
        }

        if (set.Count == 7)
        {
            return "every day";
        }

        return string.Join(", ", WeekOrder.Where(set.Contains).Select(DayName));
    }

    /// <summary>Monday first, as the calendar shows weeks.</summary>
    public static readonly IReadOnlyList<DayOfWeek> WeekOrder =
    [
        DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday,
    ];

    public static string DayName(DayOfWeek day) => CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedDayName(day);

    public static string ReasonIcon(SubstitutionReason reason) => reason switch
    {
        SubstitutionReason.Vacation => MudBlazor.Icons.Material.Filled.BeachAccess,
        SubstitutionReason.Sick => MudBlazor.Icons.Material.Filled.Sick,
        _ => MudBlazor.Icons.Material.Filled.SwapHoriz,
    };

    public static MudBlazor.Color StatusColor(SubstitutionStatus status) => status switch
    {
        SubstitutionStatus.Approved => MudBlazor.Color.Success,
        SubstitutionStatus.Proposed => MudBlazor.Color.Warning,
        SubstitutionStatus.Declined => MudBlazor.Color.Error,
        _ => MudBlazor.Color.Default,
    };
}
