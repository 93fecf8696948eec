using System.Globalization;
using CommunitySuccess.Core.Configuration;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Insights;
using CommunitySuccess.Core.OnCall;
using Microsoft.Extensions.Configuration;

namespace CommunitySuccess.Tests.Insights;

public sealed class InsightsRulesTests
{
    private static readonly HashSet<DayOfWeek> Weekdays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    // Monday 2 March 2026 (no daylight-saving change in UTC).
    private static readonly DateTime Monday = new(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc);

    private static readonly WorkingCalendar Utc = Calendar("UTC");

    private static readonly WorkingCalendar Berlin = Calendar("Europe/Berlin");

    [Theory]
    // Berlin moves to summer time on Sunday 29 March 2026: 09:00–18:00 local is 08:00–17:00 UTC before, 07:00–16:00 after.
    [InlineData("2026-03-23T08:00:00Z", "2026-03-23T17:00:00Z", 9)] // a whole winter-time Monday
    [InlineData("2026-03-30T07:00:00Z", "2026-03-30T16:00:00Z", 9)] // a whole summer-time Monday
    [InlineData("2026-03-27T16:00:00Z", "2026-03-30T08:00:00Z", 2)] // Fri 17:00 CET → Mon 10:00 CEST: 1 h + 1 h
    [InlineData("2026-03-28T06:00:00Z", "2026-03-29T20:00:00Z", 0)] // the weekend of the change
    [InlineData("2026-03-30T05:00:00Z", "2026-03-30T07:30:00Z", 0.5)] // before 09:00 local does not count
    [InlineData("2026-03-30T08:00:00Z", "2026-03-30T07:00:00Z", 0)] // reversed
    public void WorkingCalendarBetween_AcrossDaylightSavingChange_CountsLocalWorkingHours(string from, string to, double hours)
    {
        Assert.Equal(TimeSpan.FromHours(hours), Berlin.Between(Parse(from), Parse(to)));
    }

    [Fact]
    public void WorkingCalendarBetween_Holiday_CountsNothing()
    {
        var calendar = Calendar("UTC", holidays: new HashSet<DateOnly> { DateOnly.FromDateTime(Monday) });

        Assert.Equal(TimeSpan.Zero, calendar.Between(Monday, Monday.AddDays(1)));
        Assert.Equal(TimeSpan.FromHours(9), calendar.Between(Monday, Monday.AddDays(2)));
    }

    [Fact]
    public void Measure_AnsweredThenClosed_FirstResponseAndTimeToClose()
    {
        var item = Item(Monday.AddHours(10),
            Move(Monday.AddHours(12), ThreadStatus.Open, ThreadStatus.InProgress, ThreadStatusRules.ReasonTeamReply, "U_ANA"),
            Move(Monday.AddHours(15), ThreadStatus.InProgress, ThreadStatus.Closed, ThreadStatusRules.ReasonTeamCheckmark));

        var m = InsightsRules.Measure(item, Monday.AddDays(7), Utc);

        Assert.Equal(TimeSpan.FromHours(2), m.FirstResponse);
        Assert.Equal(TimeSpan.FromHours(2), m.FirstResponseWorking);
        Assert.Equal("U_ANA", m.FirstResponseBy);
        Assert.Equal(Monday.AddHours(15), m.ClosedAt);
        Assert.Equal(TimeSpan.FromHours(5), m.TimeToClose);
        Assert.Equal(TimeSpan.FromHours(2), m.Waiting);
        Assert.Equal(TimeSpan.FromHours(3), m.InProgress);
        Assert.Equal(0, m.Reopens);
        Assert.Equal(TargetOutcome.Met, InsightsRules.Target(m, TimeSpan.FromHours(4)));
    }

    [Fact]
    public void Measure_FridayEveningQuestionAnsweredMondayAcrossDaylightSaving_WorkingHoursSkipTheWeekend()
    {
        // Fri 27 March 17:00 CET → Mon 30 March 10:00 CEST: 64 hours on the clock, 2 of them working hours.
        var item = Item(Parse("2026-03-27T16:00:00Z"),
            Move(Parse("2026-03-30T08:00:00Z"), ThreadStatus.Open, ThreadStatus.InProgress, ThreadStatusRules.ReasonTeamReply));

        var m = InsightsRules.Measure(item, Parse("2026-04-06T00:00:00Z"), Berlin);

        Assert.Equal(TimeSpan.FromHours(64), m.FirstResponse);
        Assert.Equal(TimeSpan.FromHours(2), m.FirstResponseWorking);
        Assert.Null(m.ClosedAt);
        Assert.Null(m.TimeToClose);
        Assert.Equal(TargetOutcome.Met, InsightsRules.Target(m, TimeSpan.FromHours(2)));
        Assert.Equal(TargetOutcome.Missed, InsightsRules.Target(m, TimeSpan.FromHours(1)));
    }

    [Theory]
    [InlineData(0, TargetOutcome.Undecided)] // Mon 11:00: waited 2 + 2 working hours = the target, not more
    [InlineData(1, TargetOutcome.Missed)] // a minute later it has waited longer than the target
    public void Measure_StillOpenAtRangeEnd_WaitsUntilTheEndAndDecidesTheTargetOnlyWhenPassed(int extraMinutes, TargetOutcome expected)
    {
        var friday = Monday.AddDays(4);
        var item = Item(friday.AddHours(16));
        var end = Monday.AddDays(7).AddHours(11).AddMinutes(extraMinutes);

        var m = InsightsRules.Measure(item, end, Utc);

        Assert.Null(m.FirstResponse);
        Assert.Null(m.TimeToClose);
        Assert.Equal(end - friday.AddHours(16), m.Waiting);
        Assert.Equal(TimeSpan.FromHours(4) + TimeSpan.FromMinutes(extraMinutes), m.WaitingWorking);
        Assert.Equal(expected, InsightsRules.Target(m, TimeSpan.FromHours(4)));
    }

    [Fact]
    public void Measure_ClosedAfterTheRangeEnd_IsStillOpenAtTheEnd()
    {
        var item = Item(Monday.AddHours(10),
            Move(Monday.AddHours(11), ThreadStatus.Open, ThreadStatus.InProgress, ThreadStatusRules.ReasonTeamReply),
            Move(Monday.AddDays(3), ThreadStatus.InProgress, ThreadStatus.Closed, ThreadStatusRules.ReasonTeamCheckmark));

        var m = InsightsRules.Measure(item, Monday.AddDays(2), Utc);

        Assert.Null(m.ClosedAt);
        Assert.Equal(Monday.AddDays(2) - Monday.AddHours(11), m.InProgress);
        Assert.Equal(ThreadStatus.InProgress, InsightsRules.StatusAt(item, Monday.AddDays(2)));
        Assert.Equal(ThreadStatus.Closed, InsightsRules.StatusAt(item, Monday.AddDays(4)));
        Assert.Null(InsightsRules.StatusAt(item, Monday));
    }

    [Fact]
    public void Measure_OnHoldAndReopen_TimeToCloseLeavesOutOnHoldAndClosedSpells()
    {
        var item = Item(Monday.AddHours(10),
            Move(Monday.AddHours(11), ThreadStatus.Open, ThreadStatus.OnHold, ThreadStatusRules.ReasonSetInAppPrefix + "On Hold"),
            Move(Monday.AddHours(15), ThreadStatus.OnHold, ThreadStatus.InProgress, ThreadStatusRules.ReasonSetInAppPrefix + "In Progress"),
            Move(Monday.AddHours(16), ThreadStatus.InProgress, ThreadStatus.Closed, ThreadStatusRules.ReasonTeamCheckmark),
            Move(Monday.AddDays(1).AddHours(10), ThreadStatus.Closed, ThreadStatus.Open, ThreadStatusRules.ReasonUserMessage),
            Move(Monday.AddDays(1).AddHours(13), ThreadStatus.Open, ThreadStatus.Closed, ThreadStatusRules.ReasonTeamCheckmark));

        var m = InsightsRules.Measure(item, Monday.AddDays(7), Utc);

        Assert.Equal(TimeSpan.FromHours(1), m.FirstResponse);
        Assert.Equal(TimeSpan.FromHours(4), m.OnHold);
        Assert.Equal(1, m.Reopens);
        Assert.Equal(TimeSpan.FromHours(1 + 1 + 3), m.TimeToClose);
        Assert.Equal(TimeSpan.FromHours(1 + 3), m.Waiting);
        Assert.Equal(Monday.AddDays(1).AddHours(13), m.ClosedAt);
    }

    [Theory]
    [InlineData(ThreadStatusRules.ReasonUserMessage, 1)]
    [InlineData(IssueStatusRules.ReasonOutsideComment, 1)]
    [InlineData(ThreadStatusRules.ReasonSetInAppPrefix + "Open", 0)] // re-opened by the team: not an answer
    public void Measure_FollowUpThenReopen_CountsAnAnswerOnlyFromTheAsker(string reopenReason, int answered)
    {
        var item = Item(Monday.AddHours(10),
            Move(Monday.AddHours(11), ThreadStatus.Open, ThreadStatus.InProgress, ThreadStatusRules.ReasonTeamReply),
            Move(Monday.AddDays(3), ThreadStatus.InProgress, ThreadStatus.Closed, ThreadStatusRules.ReasonFollowUpSent),
            Move(Monday.AddDays(3).AddHours(2), ThreadStatus.Closed, ThreadStatus.Open, reopenReason));

        var m = InsightsRules.Measure(item, Monday.AddDays(7), Utc);

        Assert.Equal(1, m.FollowUpsSent);
        Assert.Equal(answered, m.FollowUpsAnswered);
    }

    [Fact]
    public void Measure_TriagedIssue_TriagedAtIsTheFirstTriageMove()
    {
        var item = Item(Monday.AddHours(10),
            Move(Monday.AddHours(14), ThreadStatus.Open, ThreadStatus.Closed, IssueStatusRules.ReasonTriagedPrefix + "Product review")) with { Source = InboxSource.GitHub };

        Assert.Equal(Monday.AddHours(14), InsightsRules.Measure(item, Monday.AddDays(7), Utc).TriagedAt);
    }

    [Theory]
    [InlineData(new[] { 1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 5, 9)]
    [InlineData(new[] { 3.0, 1, 2 }, 2, 3)]
    [InlineData(new[] { 7.0 }, 7, 7)]
    public void Stat_Values_MedianAndP90ByNearestRank(double[] hours, double median, double p90)
    {
        var stat = InsightsRules.Stat(hours.Select(TimeSpan.FromHours));

        Assert.Equal((median, p90, hours.Length), (stat.MedianHours, stat.P90Hours, stat.Count));
    }

    [Fact]
    public void Stat_NoValues_IsEmpty() => Assert.Equal(HoursStat.None, InsightsRules.Stat([]));

    [Fact]
    public void ReasonWords_Notes_GroupedByWordMostItemsFirst()
    {
        var words = InsightsRules.ReasonWords(
            [(1, "Waiting for logs from the user"), (2, "Logs requested; debugging call booked"), (3, "Debugging call on Friday"), (3, "call again")],
            top: 3);

        Assert.Equal(["call", "debugging", "logs"], words.Select(w => w.Word));
        Assert.Equal([2, 3], words[0].ItemIds);
        Assert.Equal([1, 2], words[2].ItemIds);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("acme/widgets#12", "acme/widgets#12")]
    [InlineData("", "")]
    public void CsvCell_FormulaOrSeparator_IsNeutralisedAndQuoted(string value, string expected) =>
        Assert.Equal(expected, InsightsRules.CsvCell(value));

    [Fact]
    public void WeekStart_Sunday_IsThePreviousMonday() =>
        Assert.Equal(Monday, InsightsRules.WeekStart(Monday.AddDays(6).AddHours(23)));

    [Theory]
    [InlineData(0, true)]
    [InlineData(46, true)]
    [InlineData(4, false)]
    public void OptionsValidator_TargetOutOfRange_NamesTheKey(int hours, bool fails)
    {
        var result = new InsightsOptionsValidator().Validate(null, new InsightsOptions { FirstResponseTargetHours = hours });

        Assert.Equal(fails, result.Failed);
        if (fails)
        {
            Assert.StartsWith("Insights:FirstResponseTargetHours must be between 1 and 45", Assert.Single(result.Failures!), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void OptionsValidator_UnknownKey_IsRefusedByName()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Insights:FirstResponseTargetHour"] = "3",
            ["Insights:WeeklyDigest"] = "true",
        }).Build();

        var result = new UnknownKeyValidator<InsightsOptions>(configuration, InsightsOptions.SectionName).Validate(null, new InsightsOptions());

        Assert.Equal("Insights:FirstResponseTargetHour is not a known setting.", Assert.Single(result.Failures!));
    }

    [Fact]
    public void QueryProblem_ReversedOrTooLong_IsExplained()
    {
        var today = DateOnly.FromDateTime(Monday);

        Assert.Null(InsightsQuery.LastDays(today, 90, InboxSourceFilter.All).Problem);
        Assert.Equal("The range ends before it starts.", new InsightsQuery(today, today.AddDays(-1), InboxSourceFilter.All).Problem);
        Assert.Equal("Choose at most 366 days.", new InsightsQuery(today.AddDays(-400), today, InboxSourceFilter.All).Problem);
    }

    private static WorkingCalendar Calendar(string zone, IReadOnlySet<DateOnly>? holidays = null) =>
        new(new OnCallSchedule(
            new ScheduleClock(TimeZoneInfo.FindSystemTimeZoneById(zone), new TimeOnly(9, 0), holidays ?? new HashSet<DateOnly>()),
            [],
            [],
            Weekdays));

    private static ItemHistory Item(DateTime created, params StatusMove[] moves) =>
        new(1, InboxSource.Slack, "C1/1.0", "C1", "U_ASKER", null, created, moves);

    private static StatusMove Move(DateTime at, ThreadStatus from, ThreadStatus to, string reason, string? by = null) => new(at, from, to, reason, by);

    private static DateTime Parse(string iso) =>
        DateTime.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
