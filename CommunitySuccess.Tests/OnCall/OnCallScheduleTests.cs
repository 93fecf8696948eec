using CommunitySuccess.Core.OnCall;
using Microsoft.Extensions.Time.Testing;

namespace CommunitySuccess.Tests.OnCall;

public sealed class OnCallScheduleTests
{
    private const int Ana = 1;
    private const int Ben = 2;
    private const int Chloe = 3;
    private const int Daniel = 4;

    private static readonly HashSet<DayOfWeek> Weekdays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    // Monday 2 March 2026 starts the rotation: Ana, Ben, Chloe.
    private static readonly DateOnly Start = new(2026, 3, 2);

    [Theory]
    [InlineData("2026-03-02", Ana)] // Mon
    [InlineData("2026-03-03", Ben)] // Tue
    [InlineData("2026-03-04", Chloe)] // Wed
    [InlineData("2026-03-05", Ana)] // Thu
    [InlineData("2026-03-06", Ben)] // Fri
    [InlineData("2026-03-07", null)] // Sat: day off
    [InlineData("2026-03-08", null)] // Sun: day off
    [InlineData("2026-03-09", Chloe)] // Mon: the weekend did not count
    [InlineData("2026-03-10", null)] // Tue: holiday
    [InlineData("2026-03-11", Ana)] // Wed: the holiday did not count either
    public void Day_WeekendsAndHolidays_AreSkippedAndDoNotCount(string date, int? expected)
    {
        var schedule = Schedule(holidays: [new DateOnly(2026, 3, 10)]);

        var day = schedule.Day(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, day.MemberId);
        Assert.Equal(expected is not null, day.IsWorkingDay);
    }

    [Fact]
    public void Day_HolidayAndWeekend_AreMarkedAsDaysOff()
    {
        var schedule = Schedule(holidays: [new DateOnly(2026, 3, 10)]);

        Assert.True(schedule.Day(new DateOnly(2026, 3, 10)).IsHoliday);
        Assert.False(schedule.Day(new DateOnly(2026, 3, 7)).IsHoliday);
        Assert.False(schedule.Day(new DateOnly(2026, 3, 7)).IsWorkingDay);
    }

    [Fact]
    public void Day_BeforeTheFirstVersion_NobodyIsScheduled()
    {
        var schedule = Schedule();

        var day = schedule.Day(Start.AddDays(-3));

        Assert.True(day.IsWorkingDay);
        Assert.Null(day.MemberId);
    }

    [Fact]
    public void At_BeforeHandoff_PreviousWorkingDaysPersonIsStillOnCall()
    {
        var schedule = Schedule(zone: "Europe/Berlin", handoff: new TimeOnly(9, 0));
        // Monday 9 March, 08:30 Berlin (CET, UTC+1): Friday's Ben is still on call; Chloe takes over at 09:00.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 9, 7, 30, 0, TimeSpan.Zero));

        var before = schedule.At(time.GetUtcNow());
        time.Advance(TimeSpan.FromMinutes(30));
        var after = schedule.At(time.GetUtcNow());

        Assert.Equal(Ben, before.Current?.Day.MemberId);
        Assert.Equal(new DateOnly(2026, 3, 6), before.Current?.Day.Date);
        Assert.Equal(Chloe, before.Next?.Day.MemberId);
        Assert.Equal(Chloe, after.Current?.Day.MemberId);
        Assert.Equal(Ana, after.Next?.Day.MemberId);
    }

    [Fact]
    public void At_Weekend_NobodyIsOnCallAndMondaysPersonIsNext()
    {
        var schedule = Schedule();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 7, 15, 0, 0, TimeSpan.Zero));

        var moment = schedule.At(time.GetUtcNow());

        Assert.True(moment.IsDayOff);
        Assert.Null(moment.Current);
        Assert.Equal(new DateOnly(2026, 3, 9), moment.Next?.Day.Date);
        Assert.Equal(Chloe, moment.Next?.Day.MemberId);
    }

    [Fact]
    public void Day_ApprovedSubstitution_WinsOverTheRotation()
    {
        var schedule = Schedule(substitutions:
        [
            new ScheduleSubstitution(1, new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 4), Daniel, null, SubstitutionReason.Vacation, SubstitutionStatus.Approved),
        ]);

        var tuesday = schedule.Day(new DateOnly(2026, 3, 3));

        Assert.Equal(Daniel, tuesday.MemberId);
        Assert.Equal(Ben, tuesday.RotationMemberId);
        Assert.True(tuesday.IsSubstituted);
        Assert.Equal(Daniel, schedule.Day(new DateOnly(2026, 3, 4)).MemberId);
        Assert.Equal(Ana, schedule.Day(new DateOnly(2026, 3, 5)).MemberId);
    }

    [Theory]
    [InlineData(SubstitutionStatus.Proposed)]
    [InlineData(SubstitutionStatus.Declined)]
    [InlineData(SubstitutionStatus.Cancelled)]
    public void Day_SubstitutionNotApproved_ChangesNothing(SubstitutionStatus status)
    {
        var schedule = Schedule(substitutions:
        [
            new ScheduleSubstitution(1, new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 3), Daniel, null, SubstitutionReason.Sick, status),
        ]);

        Assert.Equal(Ben, schedule.Day(new DateOnly(2026, 3, 3)).MemberId);
    }

    [Fact]
    public void Day_SubstitutionForOneMember_CoversOnlyTheirDays()
    {
        // Ana is away Mon 2 to Fri 6 March: Daniel covers her Monday and Thursday, not Ben's or Chloe's days.
        var schedule = Schedule(substitutions:
        [
            new ScheduleSubstitution(1, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 6), Daniel, Ana, SubstitutionReason.Vacation, SubstitutionStatus.Approved),
        ]);

        var week = schedule.Days(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 6)).Select(d => d.MemberId).ToList();

        Assert.Equal([Daniel, Ben, Chloe, Daniel, Ben], week);
    }

    [Fact]
    public void Day_OverlappingSubstitutions_TheLatestWins()
    {
        var schedule = Schedule(substitutions:
        [
            new ScheduleSubstitution(7, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 6), Chloe, null, SubstitutionReason.Vacation, SubstitutionStatus.Approved),
            new ScheduleSubstitution(9, new DateOnly(2026, 3, 4), new DateOnly(2026, 3, 4), Daniel, null, SubstitutionReason.Swap, SubstitutionStatus.Approved),
        ]);

        Assert.Equal(Chloe, schedule.Day(new DateOnly(2026, 3, 3)).MemberId);
        Assert.Equal(Daniel, schedule.Day(new DateOnly(2026, 3, 4)).MemberId);
    }

    [Fact]
    public void Day_SubstitutionOnADayOff_NobodyIsOnCall()
    {
        var schedule = Schedule(substitutions:
        [
            new ScheduleSubstitution(1, new DateOnly(2026, 3, 7), new DateOnly(2026, 3, 8), Daniel, null, SubstitutionReason.Swap, SubstitutionStatus.Approved),
        ]);

        Assert.Null(schedule.Day(new DateOnly(2026, 3, 7)).MemberId);
    }

    [Fact]
    public void Day_MemberRemovedMidRotation_DisappearsFromTheLaterVersionOnly()
    {
        // From Thursday 5 March Ben is out; the cycle carries on with Ana and Chloe.
        var before = Schedule();
        var removal = new DateOnly(2026, 3, 5);
        var order = before.ContinuationOrder(removal, [Ana, Chloe]);
        var after = Schedule(extraVersions: [new RotationVersion(removal, order, Weekdays)]);

        var days = after.Days(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 13)).Where(d => d.IsWorkingDay).Select(d => d.MemberId).ToList();

        // Mon–Wed unchanged (Ana, Ben, Chloe); Thursday was Ana's turn and stays hers; Ben never again.
        Assert.Equal([Ana, Ben, Chloe, Ana, Chloe, Ana, Chloe, Ana, Chloe, Ana], days);
    }

    [Fact]
    public void Day_OrderChangedFromAFutureDate_LeavesThePastIntact()
    {
        var original = Schedule();
        var change = new DateOnly(2026, 3, 16);
        var changed = Schedule(extraVersions: [new RotationVersion(change, [Chloe, Ben, Ana], Weekdays)]);

        var pastOriginal = original.Days(Start, change.AddDays(-1)).Select(d => d.MemberId);
        var pastChanged = changed.Days(Start, change.AddDays(-1)).Select(d => d.MemberId);

        Assert.Equal(pastOriginal, pastChanged);
        Assert.Equal([Chloe, Ben, Ana, Chloe], changed.Days(change, change.AddDays(3)).Select(d => d.MemberId));
    }

    [Fact]
    public void ContinuationOrder_SameMembers_KeepsTheCycleGoing()
    {
        var schedule = Schedule();
        var date = new DateOnly(2026, 3, 11);

        var order = schedule.ContinuationOrder(date, [Ana, Ben, Chloe]);
        var continued = Schedule(extraVersions: [new RotationVersion(date, order, Weekdays)]);

        Assert.Equal(
            schedule.Days(date, date.AddDays(20)).Select(d => d.MemberId),
            continued.Days(date, date.AddDays(20)).Select(d => d.MemberId));
    }

    [Fact]
    public void Day_VersionWithOtherWorkingDays_AppliesItsOwnDays()
    {
        var change = new DateOnly(2026, 3, 9);
        var schedule = Schedule(extraVersions: [new RotationVersion(change, [Ana, Ben], new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Wednesday })]);

        Assert.True(schedule.IsWorkingDay(new DateOnly(2026, 3, 3)));
        Assert.False(schedule.IsWorkingDay(new DateOnly(2026, 3, 10)));
        Assert.Equal([Ana, Ben, Ana], schedule.Days(change, change.AddDays(7)).Where(d => d.IsWorkingDay).Select(d => d.MemberId));
    }

    [Fact]
    public void HandoffAt_SpringForwardWeekend_MondayHandoffStaysAtNineLocal()
    {
        // Europe/Berlin leaves CET for CEST on Sunday 29 March 2026.
        var schedule = Schedule(zone: "Europe/Berlin", handoff: new TimeOnly(9, 0));

        Assert.Equal(new DateTimeOffset(2026, 3, 27, 8, 0, 0, TimeSpan.Zero), schedule.HandoffAt(new DateOnly(2026, 3, 27)).ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 7, 0, 0, TimeSpan.Zero), schedule.HandoffAt(new DateOnly(2026, 3, 30)).ToUniversalTime());
    }

    [Fact]
    public void At_MondayAfterSpringForward_HandsOffAtNineSummerTime()
    {
        var schedule = Schedule(zone: "Europe/Berlin", handoff: new TimeOnly(9, 0));
        var friday = schedule.Day(new DateOnly(2026, 3, 27)).MemberId;
        var monday = schedule.Day(new DateOnly(2026, 3, 30)).MemberId;
        // 06:59 UTC is 08:59 CEST: still Friday's person. 07:00 UTC is 09:00 CEST: Monday's (it would be 08:00 in winter).
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 30, 6, 59, 0, TimeSpan.Zero));

        var before = schedule.At(time.GetUtcNow());
        time.Advance(TimeSpan.FromMinutes(1));
        var after = schedule.At(time.GetUtcNow());

        Assert.NotEqual(friday, monday);
        Assert.Equal(friday, before.Current?.Day.MemberId);
        Assert.Equal(monday, after.Current?.Day.MemberId);
    }

    [Fact]
    public void At_MondayAfterFallBack_HandsOffAtNineWinterTime()
    {
        // CEST ends on Sunday 25 October 2026: Monday's 09:00 is 08:00 UTC (07:00 UTC the week before).
        var schedule = Schedule(zone: "Europe/Berlin", handoff: new TimeOnly(9, 0));
        var monday = new DateOnly(2026, 10, 26);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 10, 26, 7, 30, 0, TimeSpan.Zero));

        var before = schedule.At(time.GetUtcNow());
        time.Advance(TimeSpan.FromMinutes(30));
        var after = schedule.At(time.GetUtcNow());

        Assert.Equal(new DateTimeOffset(2026, 10, 26, 8, 0, 0, TimeSpan.Zero), schedule.HandoffAt(monday).ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2026, 10, 19, 7, 0, 0, TimeSpan.Zero), schedule.HandoffAt(new DateOnly(2026, 10, 19)).ToUniversalTime());
        Assert.Equal(new DateOnly(2026, 10, 23), before.Current?.Day.Date);
        Assert.Equal(monday, after.Current?.Day.Date);
    }

    [Fact]
    public void HandoffAt_TimeSkippedBySpringForward_HappensWhenTheClockResumes()
    {
        // On Sunday 29 March 2026 Berlin's clocks jump from 02:00 to 03:00: a 02:30 hand-off happens at 03:00 CEST.
        var schedule = Schedule(zone: "Europe/Berlin", handoff: new TimeOnly(2, 30), workingDays: [.. Enum.GetValues<DayOfWeek>()]);

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), schedule.HandoffAt(new DateOnly(2026, 3, 29)).ToUniversalTime());
    }

    [Fact]
    public void HandoffAt_RepeatedTimeOnFallBack_HappensAtTheFirstOccurrence()
    {
        // On Sunday 25 October 2026 Berlin's 02:30 happens twice; the hand-off is the first (CEST, 00:30 UTC).
        var schedule = Schedule(zone: "Europe/Berlin", handoff: new TimeOnly(2, 30), workingDays: [.. Enum.GetValues<DayOfWeek>()]);
        var date = new DateOnly(2026, 10, 25);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 10, 25, 1, 10, 0, TimeSpan.Zero)); // 02:10 CET, after the first 02:30

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), schedule.HandoffAt(date).ToUniversalTime());
        Assert.Equal(date, schedule.At(time.GetUtcNow()).Current?.Day.Date);
    }

    private static OnCallSchedule Schedule(
        string zone = "UTC",
        TimeOnly? handoff = null,
        IReadOnlyCollection<DateOnly>? holidays = null,
        IReadOnlyCollection<ScheduleSubstitution>? substitutions = null,
        IReadOnlyCollection<RotationVersion>? extraVersions = null,
        HashSet<DayOfWeek>? workingDays = null)
    {
        var days = workingDays ?? Weekdays;
        var clock = new ScheduleClock(TimeZoneInfo.FindSystemTimeZoneById(zone), handoff ?? new TimeOnly(9, 0), (holidays ?? []).ToHashSet());
        RotationVersion[] versions = [new RotationVersion(Start, [Ana, Ben, Chloe], days), .. extraVersions ?? []];
        return new OnCallSchedule(clock, versions, substitutions ?? [], days);
    }
}
