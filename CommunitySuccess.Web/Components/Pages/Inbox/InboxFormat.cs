using System.Globalization;
using CommunitySuccess.Core.Inbox;
using MudBlazor;

namespace CommunitySuccess.Web.Components.Pages.Inbox;

/// <summary>How the inbox writes times, durations and statuses.</summary>
public static class InboxFormat
{
    /// <summary>A compact duration: "now", "12m", "5h", "3d", "6w".</summary>
    public static string Short(TimeSpan span) => span switch
    {
        { TotalMinutes: < 1 } => "now",
        { TotalHours: < 1 } => $"{(int)span.TotalMinutes}m",
        { TotalDays: < 2 } => $"{(int)span.TotalHours}h",
        { TotalDays: < 28 } => $"{(int)span.TotalDays}d",
        _ => $"{(int)(span.TotalDays / 7)}w",
    };

    /// <summary>A duration in words: "12 minutes", "5 hours", "3 days".</summary>
    public static string Long(TimeSpan span) => span switch
    {
        { TotalMinutes: < 1 } => "less than a minute",
        { TotalHours: < 1 } => Plural((int)span.TotalMinutes, "minute"),
        { TotalDays: < 2 } => Plural((int)span.TotalHours, "hour"),
        _ => Plural((int)span.TotalDays, "day"),
    };

    /// <summary>"14:05 Tue" in the user's own clock.</summary>
    public static string Clock(DateTime local) => local.ToString("HH:mm ddd", CultureInfo.InvariantCulture);

    /// <summary>A UTC time in the viewer's zone (their team profile's), else UTC, e.g. "Mar 3, 14:05".</summary>
    public static string When(DateTime utc, string? viewerTimeZone) =>
        WorkingHours.LocalTime(viewerTimeZone, utc) is { } local
            ? local.ToString("MMM d, HH:mm", CultureInfo.InvariantCulture)
            : utc.ToString("MMM d, HH:mm", CultureInfo.InvariantCulture) + " UTC";

    public static Color StatusColor(ThreadStatus status) => status switch
    {
        ThreadStatus.Open => Color.Error,
        ThreadStatus.InProgress => Color.Info,
        ThreadStatus.OnHold => Color.Warning,
        ThreadStatus.Closed => Color.Success,
        _ => Color.Default,
    };

    public static string StatusIcon(ThreadStatus status) => status switch
    {
        ThreadStatus.Open => Icons.Material.Outlined.MarkChatUnread,
        ThreadStatus.InProgress => Icons.Material.Outlined.Visibility,
        ThreadStatus.OnHold => Icons.Material.Outlined.PauseCircle,
        ThreadStatus.Closed => Icons.Material.Outlined.CheckCircle,
        _ => Icons.Material.Outlined.Circle,
    };

    /// <summary>Up to two initials for an avatar without a picture.</summary>
    public static string Initials(string name)
    {
        var parts = (name ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length switch
        {
            0 => "?",
            1 => parts[0][..1].ToUpperInvariant(),
            _ => (parts[0][..1] + parts[^1][..1]).ToUpperInvariant(),
        };
    }

    private static string Plural(int count, string unit) => count == 1 ? $"1 {unit}" : $"{count} {unit}s";
}
