using CommunitySuccess.Core.Inbox;

namespace CommunitySuccess.Core.Insights;

/// <summary>What the insights page asks for: UTC dates (both inclusive) and the source filter.</summary>
public sealed record InsightsQuery(DateOnly From, DateOnly To, InboxSourceFilter Source)
{
    /// <summary>The longest range the page offers (a custom range beyond it is refused, not truncated).</summary>
    public const int MaxDays = 366;

    /// <summary>Start of <see cref="From"/>, 00:00 UTC.</summary>
    public DateTime Start => From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>The end of <see cref="To"/> (the next day's 00:00 UTC), exclusive.</summary>
    public DateTime End => To.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>The last <paramref name="days"/> days up to and including <paramref name="today"/>.</summary>
    public static InsightsQuery LastDays(DateOnly today, int days, InboxSourceFilter source) => new(today.AddDays(1 - days), today, source);

    /// <summary>Why the range cannot be shown, or null when it can.</summary>
    public string? Problem => To < From
        ? "The range ends before it starts."
        : To.DayNumber - From.DayNumber + 1 > MaxDays ? $"Choose at most {MaxDays} days." : null;
}

/// <summary>One move in an item's status history, whatever its source.</summary>
/// <param name="By">Slack user id, GitHub login or app account that caused it; null when unknown.</param>
/// <param name="Note">The On Hold reason when the move carries one (GitHub items).</param>
public sealed record StatusMove(DateTime At, ThreadStatus From, ThreadStatus To, string Reason, string? By = null, string? Note = null);

/// <summary>A stretch of time an item spent in one status.</summary>
public sealed record StatusSpell(ThreadStatus Status, DateTime Start, DateTime End);

/// <summary>An inbox item and its status history in time order: the input of every rule in <see cref="InsightsRules"/>.</summary>
public sealed record ItemHistory(
    long ItemId,
    InboxSource Source,
    string SourceKey,
    string Location,
    string AuthorId,
    string? AuthorTimeZone,
    DateTime CreatedAt,
    IReadOnlyList<StatusMove> Moves,
    string Preview = "");

/// <summary>
/// One item's figures up to the end of the range (<see cref="InsightsRules.Measure"/>). Durations count only the time the
/// item waited for the team (see the README's "Insights"); "Working" ones count only the on-call calendar's working time.
/// </summary>
public sealed record ItemMeasure(
    ItemHistory Item,
    DateTime? FirstResponseAt,
    string? FirstResponseBy,
    TimeSpan? FirstResponse,
    TimeSpan? FirstResponseWorking,
    DateTime? ClosedAt,
    TimeSpan? TimeToClose,
    TimeSpan? TimeToCloseWorking,
    TimeSpan Waiting,
    TimeSpan WaitingWorking,
    TimeSpan InProgress,
    TimeSpan OnHold,
    int Reopens,
    int FollowUpsSent,
    int FollowUpsAnswered,
    DateTime? TriagedAt);

/// <summary>Did the first response meet the target: met, missed, or not decided yet (no answer, and still inside the target).</summary>
public enum TargetOutcome
{
    Undecided,
    Met,
    Missed,
}

/// <summary>Median and 90th percentile in hours of <see cref="Count"/> values; null when there are none.</summary>
public sealed record HoursStat(double? MedianHours, double? P90Hours, int Count)
{
    public static readonly HoursStat None = new(null, null, 0);
}

/// <summary>The figures of one week (Monday 00:00 UTC) of created items.</summary>
public sealed record WeekFigures(
    DateTime WeekStart,
    IReadOnlyList<long> ItemIds,
    HoursStat FirstResponse,
    HoursStat FirstResponseWorking,
    HoursStat TimeToClose,
    HoursStat TimeToCloseWorking,
    double InProgressHours,
    double OnHoldHours,
    IReadOnlyList<long> ReopenedIds,
    IReadOnlyList<long> FollowedUpIds,
    IReadOnlyList<long> AnsweredIds,
    HoursStat TriageAge,
    IReadOnlyList<long> TriagedIds,
    IReadOnlyList<long> MetIds,
    int Decided)
{
    /// <summary>Share of decided items that met the first-response target; null when none is decided.</summary>
    public double? TargetMetShare => Decided == 0 ? null : (double)MetIds.Count / Decided;
}

/// <summary>A word of the On Hold notes and the items whose note uses it.</summary>
public sealed record ReasonWord(string Word, IReadOnlyList<long> ItemIds);

/// <summary>A labelled count and the items behind it (a bar).</summary>
public sealed record LabelledItems(string Label, IReadOnlyList<long> ItemIds);

/// <summary>Items created on one UTC day, per channel or repository (same order as <see cref="InsightsReport.Locations"/>).</summary>
public sealed record DayCounts(DateOnly Day, IReadOnlyList<IReadOnlyList<long>> ItemIdsByLocation);

/// <summary>Items created in one hour of one weekday (UTC).</summary>
public sealed record HeatCell(DayOfWeek Day, int Hour, IReadOnlyList<long> ItemIds);

/// <summary>Product review decisions of one Monday's week.</summary>
public sealed record ReviewMonday(DateTime WeekStart, int Sprint, int CommunityBacklog, int OpenToContribution, int Total);

/// <summary>
/// One on-call person's load in the range: items that arrived during their shifts, first responses they gave,
/// their hand-offs that left open items to the next person, and the target share of the items of their shifts.
/// </summary>
public sealed record OnCallLoad(
    string Person,
    IReadOnlyList<long> ArrivedIds,
    IReadOnlyList<long> RespondedIds,
    int Handoffs,
    int HandoffsWithOpenItems,
    IReadOnlyList<long> HandedOverIds,
    IReadOnlyList<long> MetIds,
    int Decided)
{
    public double? TargetMetShare => Decided == 0 ? null : (double)MetIds.Count / Decided;
}

/// <summary>"Fixed in" release notifications sent to Slack threads in one week.</summary>
public sealed record WeekCount(DateTime WeekStart, int Count);

/// <summary>One item as the drill-down list and the CSV export show it.</summary>
public sealed record InsightsItemRow(
    long Id,
    InboxSource Source,
    string Key,
    string Location,
    string Asker,
    DateTime Created,
    DateTime? FirstResponse,
    DateTime? Closed,
    double WaitingHours,
    double WaitingWorkingHours,
    int Reopens,
    string Preview);

/// <summary>Everything the insights page draws for one query.</summary>
public sealed record InsightsReport(
    InsightsQuery Query,
    int FirstResponseTargetHours,
    IReadOnlyList<InsightsItemRow> Items,
    IReadOnlyList<WeekFigures> Weeks,
    IReadOnlyList<ReasonWord> OnHoldReasons,
    IReadOnlyList<string> Locations,
    IReadOnlyList<DayCounts> Days,
    IReadOnlyList<LabelledItems> AskerTimeZones,
    IReadOnlyList<HeatCell> HeatMap,
    IReadOnlyList<ReviewMonday> ReviewDecisions,
    IReadOnlyList<OnCallLoad> OnCallLoad,
    IReadOnlyList<WeekCount> FixedIn)
{
    private Dictionary<long, InsightsItemRow>? _byId;

    /// <summary>The rows behind a chart point, in creation order.</summary>
    public IReadOnlyList<InsightsItemRow> RowsFor(IEnumerable<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        _byId ??= Items.ToDictionary(i => i.Id);
        return ids.Select(id => _byId.GetValueOrDefault(id)).OfType<InsightsItemRow>().OrderBy(r => r.Created).ToList();
    }
}
