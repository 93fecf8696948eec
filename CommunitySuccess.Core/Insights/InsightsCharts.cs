using System.Globalization;

namespace CommunitySuccess.Core.Insights;

/// <summary>How a chart is drawn.</summary>
public enum InsightsChartKind
{
    Line,
    Bar,
    StackedBar,
    HeatMap,
}

/// <summary>One x-axis position: its label, one value per series (null = nothing to show), and the items behind it.</summary>
public sealed record InsightsPoint(string Label, IReadOnlyList<double?> Values, IReadOnlyList<long> ItemIds);

/// <summary>A chart as the page draws it (and as its table of numbers shows it).</summary>
/// <param name="Key">A stable id for tests and links (<c>first-response</c>, …).</param>
/// <param name="Unit">What the values are ("hours", "items", "%").</param>
public sealed record InsightsChart(
    string Key,
    string Title,
    string Description,
    InsightsChartKind Kind,
    IReadOnlyList<string> SeriesNames,
    IReadOnlyList<InsightsPoint> Points,
    string Unit)
{
    /// <summary>True when there is at least one value to draw.</summary>
    public bool HasData => Points.Any(p => p.Values.Any(v => v is > 0));
}

/// <summary>Turns an <see cref="InsightsReport"/> into the page's charts, in the order the page shows them.</summary>
public static class InsightsCharts
{
    private static readonly DayOfWeek[] MondayFirst =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static IReadOnlyList<InsightsChart> Build(InsightsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var weeks = report.Weeks;
        var target = report.FirstResponseTargetHours;
        return
        [
            new("first-response", "First response", "Hours from the question to the team's first answer, by the week the item arrived: on the clock, and in working hours only.",
                InsightsChartKind.Line, ["Median", "p90", "Median (working)", "p90 (working)"],
                weeks.Select(w => Point(Week(w.WeekStart), w.ItemIds, w.FirstResponse.MedianHours, w.FirstResponse.P90Hours, w.FirstResponseWorking.MedianHours, w.FirstResponseWorking.P90Hours)).ToList(),
                "hours"),
            new("time-to-close", "Time to close", "Hours the item waited for the team (Open and In Progress) until it was closed; On Hold and closed spells left out.",
                InsightsChartKind.Line, ["Median", "p90", "Median (working)", "p90 (working)"],
                weeks.Select(w => Point(Week(w.WeekStart), w.ItemIds, w.TimeToClose.MedianHours, w.TimeToClose.P90Hours, w.TimeToCloseWorking.MedianHours, w.TimeToCloseWorking.P90Hours)).ToList(),
                "hours"),
            new("target", $"First response within {target} working hours", "Share of items answered within the target (items still waiting count once they passed it).",
                InsightsChartKind.Bar, ["% met"],
                weeks.Select(w => Point(Week(w.WeekStart), w.ItemIds, w.TargetMetShare is { } s ? Math.Round(100 * s, 1) : null)).ToList(),
                "%"),
            new("status-time", "Time In Progress and On Hold", "Hours all items of the week spent In Progress and On Hold.",
                InsightsChartKind.Bar, ["In Progress", "On Hold"],
                weeks.Select(w => Point(Week(w.WeekStart), w.ItemIds, Math.Round(w.InProgressHours, 1), Math.Round(w.OnHoldHours, 1))).ToList(),
                "hours"),
            new("reopened", "Re-opened items", "Items closed and opened again (the asker wrote back, or the team re-opened).",
                InsightsChartKind.Bar, ["Re-opened"],
                weeks.Select(w => Point(Week(w.WeekStart), w.ReopenedIds, w.ReopenedIds.Count)).ToList(),
                "items"),
            new("onhold-reasons", "On Hold reasons", "The words of the On Hold notes, by how many items use them.",
                InsightsChartKind.Bar, ["Items"],
                report.OnHoldReasons.Select(r => Point(r.Word, r.ItemIds, r.ItemIds.Count)).ToList(),
                "items"),
            new("per-day", "Items per day", "New items each day (UTC) by channel or repository.",
                InsightsChartKind.StackedBar, report.Locations,
                report.Days.Select(d => new InsightsPoint(d.Day.ToString("MMM d", CultureInfo.InvariantCulture),
                    d.ItemIdsByLocation.Select(ids => (double?)ids.Count).ToList(), d.ItemIdsByLocation.SelectMany(ids => ids).ToList())).ToList(),
                "items"),
            new("heat-map", "When users ask", "New items by hour of day (UTC) and weekday.",
                InsightsChartKind.HeatMap, MondayFirst.Select(d => d.ToString()[..3]).ToList(),
                Enumerable.Range(0, 24).Select(hour =>
                {
                    var cells = MondayFirst.Select(day => report.HeatMap.First(c => c.Day == day && c.Hour == hour)).ToList();
                    return new InsightsPoint(hour.ToString("00", CultureInfo.InvariantCulture), cells.Select(c => (double?)c.ItemIds.Count).ToList(), cells.SelectMany(c => c.ItemIds).ToList());
                }).ToList(),
                "items"),
            new("time-zones", "Askers' time zones", "New items by the asker's time zone (unknown for GitHub authors not linked to a Slack user).",
                InsightsChartKind.Bar, ["Items"],
                report.AskerTimeZones.Select(z => Point(z.Label, z.ItemIds, z.ItemIds.Count)).ToList(),
                "items"),
            new("follow-ups", "Follow-ups", "Items that got a follow-up, and those whose asker answered after it.",
                InsightsChartKind.Bar, ["Sent", "Answered"],
                weeks.Select(w => Point(Week(w.WeekStart), w.FollowedUpIds, w.FollowedUpIds.Count, w.AnsweredIds.Count)).ToList(),
                "items"),
            new("triage-age", "GitHub triage age", "Hours new GitHub issues kept the Triage label (median and p90, by the week they were opened).",
                InsightsChartKind.Line, ["Median", "p90"],
                weeks.Select(w => Point(Week(w.WeekStart), w.TriagedIds, w.TriageAge.MedianHours, w.TriageAge.P90Hours)).ToList(),
                "hours"),
            new("review", "Product review decisions", "Decisions of each Monday's review.",
                InsightsChartKind.Bar, ["Sprint", "Community", "Contribution"],
                report.ReviewDecisions.Select(r => Point(Week(r.WeekStart), [], r.Sprint, r.CommunityBacklog, r.OpenToContribution)).ToList(),
                "issues"),
            new("oncall-load", "Load per on-call person", "Items that arrived on their shifts, first responses they gave, and their hand-offs that left open items.",
                InsightsChartKind.Bar, ["Arrived", "First responses", "Hand-offs with open items"],
                report.OnCallLoad.Select(l => Point(l.Person, l.ArrivedIds, l.ArrivedIds.Count, l.RespondedIds.Count, l.HandoffsWithOpenItems)).ToList(),
                "count"),
            new("oncall-target", $"Within {target} working hours, per on-call person", "Share of the items of each person's shifts answered within the target.",
                InsightsChartKind.Bar, ["% met"],
                report.OnCallLoad.Select(l => Point(l.Person, l.ArrivedIds, l.TargetMetShare is { } s ? Math.Round(100 * s, 1) : null)).ToList(),
                "%"),
            new("fixed-in", "\"Fixed in\" notifications", "Release notifications sent to Slack threads whose issue shipped.",
                InsightsChartKind.Bar, ["Sent"],
                report.FixedIn.Select(f => Point(Week(f.WeekStart), [], f.Count)).ToList(),
                "threads"),
        ];
    }

    private static string Week(DateTime weekStart) => weekStart.ToString("MMM d", CultureInfo.InvariantCulture);

    private static InsightsPoint Point(string label, IReadOnlyList<long> ids, params double?[] values) =>
        new(label, values.Select(v => v is { } x ? Math.Round(x, 2) : (double?)null).ToList(), ids);
}
