using System.Globalization;

namespace CommunitySuccess.Core.OnCall;

/// <summary>How "who is on call" reads in Slack and in plain text.</summary>
public static class OnCallText
{
    /// <summary>The Slack <c>/oncall</c> answer: "On call today: Ana Lima · Next: Ben Carter (Tue 2 Dec)".</summary>
    public static string SlashCommandAnswer(OnCallStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var today = status.Current is { } current
            ? current.Name + (status.CurrentIsSubstitute ? " (substituting)" : "")
            : status.CurrentLabel;
        var next = status.Next is { } person && status.Moment.Next is { } shift
            ? $"{person.Name} ({ShortDate(shift.Day.Date)})"
            : status.NextLabel;
        return $"On call today: {today} · Next: {next}";
    }

    /// <summary>"Tue 2 Dec".</summary>
    public static string ShortDate(DateOnly date) => date.ToString("ddd d MMM", CultureInfo.InvariantCulture);
}
