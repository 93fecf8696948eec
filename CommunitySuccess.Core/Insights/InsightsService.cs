using System.Text;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.OnCall;
using CommunitySuccess.Core.Review;
using CommunitySuccess.Core.Team;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.Insights;

/// <summary>
/// The insights page's figures: how long askers wait for a first answer and for a close, where items get stuck, when
/// people ask, how follow-ups, triage and the Monday review go, and how the load falls on the on-call people. Computed
/// from the status history of the items created in the range (read by <see cref="InsightsHistoryReader"/>) with the
/// pure rules of <see cref="InsightsRules"/>; other features are asked through what they offer (the on-call schedule,
/// the team, the review history, <see cref="IFixedInNotificationLog"/>). Items still open at the range end (or now,
/// whichever is first) are measured as they stood then.
/// </summary>
public sealed class InsightsService(
    InsightsHistoryReader reader,
    OnCallService onCall,
    TeamService team,
    ReviewService reviews,
    IFixedInNotificationLog fixedIn,
    IOptionsMonitor<InsightsOptions> options,
    TimeProvider time)
{
    /// <summary>Channels / repositories drawn separately on the per-day chart; the rest are added up as "other".</summary>
    public const int MaxLocations = 6;

    /// <summary>Words shown in the On Hold reasons chart.</summary>
    public const int MaxReasonWords = 12;

    /// <summary>Time zones shown in the askers' time zone chart.</summary>
    public const int MaxTimeZones = 8;

    /// <summary>Today's UTC date (the default range ends today).</summary>
    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>Every chart's figures for <paramref name="query"/>.</summary>
    /// <exception cref="ArgumentException">The range is reversed or longer than <see cref="InsightsQuery.MaxDays"/>.</exception>
    public async Task<InsightsReport> GetReportAsync(InsightsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Problem is { } problem)
        {
            throw new ArgumentException(problem, nameof(query));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var end = query.End < now ? query.End : now;
        var cohort = await reader.LoadAsync(Sources(query.Source), query.Start, end, cancellationToken);
        var snapshot = await onCall.GetSnapshotAsync(cancellationToken);
        var calendar = new WorkingCalendar(snapshot.Schedule);
        var target = TimeSpan.FromHours(options.CurrentValue.FirstResponseTargetHours);
        // Creation order everywhere: the lists behind every point read oldest first.
        var measures = cohort.Items.OrderBy(i => i.CreatedAt).ThenBy(i => i.ItemId).Select(i => InsightsRules.Measure(i, end, calendar)).ToList();

        var rows = measures.Select(m => new InsightsItemRow(
            m.Item.ItemId,
            m.Item.Source,
            m.Item.SourceKey,
            m.Item.Location,
            cohort.AskerNames.GetValueOrDefault(m.Item.AuthorId, m.Item.AuthorId),
            m.Item.CreatedAt,
            m.FirstResponseAt,
            m.ClosedAt,
            m.Waiting.TotalHours,
            m.WaitingWorking.TotalHours,
            m.Reopens,
            m.Item.Preview)).OrderBy(r => r.Created).ToList();

        var members = await team.ListAsync(cancellationToken);
        var reviewWeeks = await reviews.GetHistoryAsync(WeeksBack(query.Start, now), cancellationToken);
        var fixedInSent = await fixedIn.SentBetweenAsync(query.Start, end, cancellationToken);

        return new InsightsReport(
            query,
            options.CurrentValue.FirstResponseTargetHours,
            rows,
            Weeks(measures, target),
            InsightsRules.ReasonWords(cohort.OnHoldNotes, MaxReasonWords),
            Locations(measures, out var locationOf),
            Days(query, measures, locationOf),
            TimeZones(measures),
            HeatMap(measures),
            reviewWeeks.Where(w => w.WeekStart >= InsightsRules.WeekStart(query.Start) && w.WeekStart < end)
                .OrderBy(w => w.WeekStart)
                .Select(w => new ReviewMonday(w.WeekStart, w.Sprint, w.CommunityBacklog, w.OpenToContribution, w.Decisions.Count)).ToList(),
            Load(query, end, measures, snapshot, members, target),
            fixedInSent.GroupBy(InsightsRules.WeekStart).OrderBy(g => g.Key).Select(g => new WeekCount(g.Key, g.Count())).ToList());
    }

    /// <summary>
    /// The CSV export: one row per item created in the range (source, key, asker, created, first response, closed,
    /// waiting hours, waiting working hours, re-opens), cells guarded against spreadsheet formulas.
    /// </summary>
    public async Task<string> ExportCsvAsync(InsightsQuery query, CancellationToken cancellationToken)
    {
        var report = await GetReportAsync(query, cancellationToken);
        return ToCsv(report.Items);
    }

    /// <summary>The CSV text of <paramref name="rows"/> (header first, CRLF line ends as RFC 4180 has them).</summary>
    public static string ToCsv(IEnumerable<InsightsItemRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var csv = new StringBuilder("source,key,asker,created,first_response,closed,waiting_hours,waiting_working_hours,reopens\r\n");
        foreach (var row in rows)
        {
            csv.AppendJoin(',',
                InsightsRules.CsvCell(row.Source.ToString()),
                InsightsRules.CsvCell(row.Key),
                InsightsRules.CsvCell(row.Asker),
                InsightsRules.CsvCell(Iso(row.Created)),
                InsightsRules.CsvCell(row.FirstResponse is { } f ? Iso(f) : ""),
                InsightsRules.CsvCell(row.Closed is { } c ? Iso(c) : ""),
                InsightsRules.Hours(row.WaitingHours),
                InsightsRules.Hours(row.WaitingWorkingHours),
                row.Reopens.ToString(System.Globalization.CultureInfo.InvariantCulture));
            csv.Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static InboxSource[] Sources(InboxSourceFilter filter) => filter switch
    {
        InboxSourceFilter.Slack => [InboxSource.Slack],
        InboxSourceFilter.GitHub => [InboxSource.GitHub],
        _ => [InboxSource.Slack, InboxSource.GitHub],
    };

    private static int WeeksBack(DateTime start, DateTime now) => (int)Math.Ceiling((InsightsRules.WeekStart(now) - InsightsRules.WeekStart(start)).TotalDays / 7) + 1;

    private static List<WeekFigures> Weeks(IReadOnlyList<ItemMeasure> measures, TimeSpan target) =>
        measures.GroupBy(m => InsightsRules.WeekStart(m.Item.CreatedAt)).OrderBy(g => g.Key).Select(g =>
        {
            var week = g.ToList();
            var outcomes = week.Select(m => (m.Item.ItemId, Outcome: InsightsRules.Target(m, target))).ToList();
            var github = week.Where(m => m.Item.Source == InboxSource.GitHub).ToList();
            return new WeekFigures(
                g.Key,
                Ids(week),
                InsightsRules.Stat(week.Select(m => m.FirstResponse).OfType<TimeSpan>()),
                InsightsRules.Stat(week.Select(m => m.FirstResponseWorking).OfType<TimeSpan>()),
                InsightsRules.Stat(week.Select(m => m.TimeToClose).OfType<TimeSpan>()),
                InsightsRules.Stat(week.Select(m => m.TimeToCloseWorking).OfType<TimeSpan>()),
                week.Sum(m => m.InProgress.TotalHours),
                week.Sum(m => m.OnHold.TotalHours),
                Ids(week.Where(m => m.Reopens > 0)),
                Ids(week.Where(m => m.FollowUpsSent > 0)),
                Ids(week.Where(m => m.FollowUpsAnswered > 0)),
                InsightsRules.Stat(github.Where(m => m.TriagedAt is not null).Select(m => m.TriagedAt!.Value - m.Item.CreatedAt)),
                Ids(github.Where(m => m.TriagedAt is not null)),
                outcomes.Where(o => o.Outcome == TargetOutcome.Met).Select(o => o.ItemId).ToList(),
                outcomes.Count(o => o.Outcome != TargetOutcome.Undecided));
        }).ToList();

    private static List<string> Locations(IReadOnlyList<ItemMeasure> measures, out Func<ItemMeasure, int> locationOf)
    {
        var top = measures.GroupBy(m => m.Item.Location).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(MaxLocations).Select(g => g.Key).ToList();
        var hasOther = measures.Any(m => !top.Contains(m.Item.Location));
        var index = top.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        locationOf = m => index.TryGetValue(m.Item.Location, out var i) ? i : top.Count;
        return hasOther ? [.. top, "other"] : top;
    }

    private static List<DayCounts> Days(InsightsQuery query, IReadOnlyList<ItemMeasure> measures, Func<ItemMeasure, int> locationOf)
    {
        var locations = measures.Count == 0 ? 0 : measures.Max(locationOf) + 1;
        var byDay = measures.ToLookup(m => DateOnly.FromDateTime(m.Item.CreatedAt));
        var days = new List<DayCounts>();
        for (var day = query.From; day <= query.To; day = day.AddDays(1))
        {
            var perLocation = Enumerable.Range(0, locations).Select(_ => new List<long>()).ToList();
            foreach (var m in byDay[day])
            {
                perLocation[locationOf(m)].Add(m.Item.ItemId);
            }

            days.Add(new DayCounts(day, perLocation));
        }

        return days;
    }

    private static List<LabelledItems> TimeZones(IReadOnlyList<ItemMeasure> measures)
    {
        var groups = measures.GroupBy(m => m.Item.AuthorTimeZone ?? "unknown").OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        var shown = groups.Take(MaxTimeZones).Select(g => new LabelledItems(g.Key, Ids(g))).ToList();
        var rest = groups.Skip(MaxTimeZones).SelectMany(g => g).ToList();
        return rest.Count == 0 ? shown : [.. shown, new LabelledItems("other", Ids(rest))];
    }

    private static List<HeatCell> HeatMap(IReadOnlyList<ItemMeasure> measures)
    {
        var byCell = measures.ToLookup(m => (m.Item.CreatedAt.DayOfWeek, m.Item.CreatedAt.Hour));
        return Enum.GetValues<DayOfWeek>().SelectMany(day => Enumerable.Range(0, 24).Select(hour => new HeatCell(day, hour, Ids(byCell[(day, hour)])))).ToList();
    }

    private static List<OnCallLoad> Load(
        InsightsQuery query, DateTime end, IReadOnlyList<ItemMeasure> measures, OnCallSnapshot snapshot, IReadOnlyList<TeamMember> members, TimeSpan target)
    {
        var schedule = snapshot.Schedule;
        string? PersonAt(DateTime utc) => snapshot.StatusAt(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc))).Current?.Name;

        var byIdentity = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var member in members)
        {
            foreach (var key in new[] { member.SlackUserId, member.GitHubLogin, member.Email, member.Name })
            {
                if (!string.IsNullOrEmpty(key))
                {
                    byIdentity.TryAdd(key, member.Name);
                }
            }
        }

        var loads = new Dictionary<string, (List<long> Arrived, List<long> Responded, int Handoffs, int WithOpen, HashSet<long> HandedOver, List<long> Met, int Decided)>(StringComparer.Ordinal);
        (List<long> Arrived, List<long> Responded, int Handoffs, int WithOpen, HashSet<long> HandedOver, List<long> Met, int Decided) Of(string person) =>
            loads.TryGetValue(person, out var load) ? load : loads[person] = ([], [], 0, 0, [], [], 0);

        foreach (var m in measures)
        {
            if (PersonAt(m.Item.CreatedAt) is { } onDuty)
            {
                var load = Of(onDuty);
                load.Arrived.Add(m.Item.ItemId);
                var outcome = InsightsRules.Target(m, target);
                if (outcome == TargetOutcome.Met)
                {
                    load.Met.Add(m.Item.ItemId);
                }

                loads[onDuty] = load with { Decided = load.Decided + (outcome == TargetOutcome.Undecided ? 0 : 1) };
            }

            if (m.FirstResponseBy is { } by && byIdentity.TryGetValue(by, out var responder))
            {
                Of(responder).Responded.Add(m.Item.ItemId);
            }
        }

        // Each hand-off in the range: the outgoing person left the items then Open or In Progress to the next one.
        var handoffs = new List<(DateTime At, string Person)>();
        for (var day = query.From.AddDays(-1); day <= query.To.AddDays(1); day = day.AddDays(1))
        {
            var at = schedule.HandoffAt(day).UtcDateTime;
            if (!schedule.IsWorkingDay(day) || at < query.Start || at >= end)
            {
                continue;
            }

            if (schedule.PreviousWorkingDay(day) is { } previous && snapshot.Person(schedule.Day(previous).MemberId) is { } outgoing)
            {
                handoffs.Add((at, outgoing.Name));
            }
        }

        var handedOver = handoffs.Select(_ => new List<long>()).ToList();
        var instants = handoffs.Select(h => h.At).ToList();
        foreach (var m in measures)
        {
            foreach (var spell in InsightsRules.Spells(m.Item, end).Where(s => s.Status is ThreadStatus.Open or ThreadStatus.InProgress))
            {
                var first = instants.BinarySearch(spell.Start);
                for (var i = first < 0 ? ~first : first; i < instants.Count && instants[i] < spell.End; i++)
                {
                    handedOver[i].Add(m.Item.ItemId);
                }
            }
        }

        for (var i = 0; i < handoffs.Count; i++)
        {
            var load = Of(handoffs[i].Person);
            load.HandedOver.UnionWith(handedOver[i]);
            loads[handoffs[i].Person] = load with { Handoffs = load.Handoffs + 1, WithOpen = load.WithOpen + (handedOver[i].Count > 0 ? 1 : 0) };
        }

        return loads.OrderBy(l => l.Key, StringComparer.Ordinal)
            .Select(l => new OnCallLoad(l.Key, l.Value.Arrived, l.Value.Responded, l.Value.Handoffs, l.Value.WithOpen, [.. l.Value.HandedOver.Order()], l.Value.Met, l.Value.Decided))
            .ToList();
    }

    private static List<long> Ids(IEnumerable<ItemMeasure> measures) => measures.Select(m => m.Item.ItemId).ToList();
}
