namespace CommunitySuccess.Core.OnCall;

/// <summary>Why someone else covers a day.</summary>
public enum SubstitutionReason
{
    Vacation,
    Sick,
    Swap,
}

/// <summary>Where a substitution stands; only <see cref="Approved"/> ones change the schedule.</summary>
public enum SubstitutionStatus
{
    Proposed,
    Approved,
    Declined,
    Cancelled,
}

/// <summary>The schedule's clock: its time zone, the local hand-off time, and the days nobody is on call.</summary>
/// <param name="TimeZone">The schedule's time zone; dates and the hand-off time are local to it.</param>
/// <param name="HandoffTime">Local time when the next person takes over.</param>
/// <param name="Holidays">Dates nobody is on call, whatever the weekday.</param>
public sealed record ScheduleClock(TimeZoneInfo TimeZone, TimeOnly HandoffTime, IReadOnlySet<DateOnly> Holidays);

/// <summary>
/// One version of the rotation: from <paramref name="EffectiveFrom"/> on (until the next version), one person per
/// working day, cycling through <paramref name="MemberIds"/> in order. Versions are only ever added from a chosen
/// date, so the days before it keep the person they had.
/// </summary>
public sealed record RotationVersion(DateOnly EffectiveFrom, IReadOnlyList<int> MemberIds, IReadOnlySet<DayOfWeek> WorkingDays);

/// <summary>
/// Someone covers the working days from <paramref name="StartDate"/> to <paramref name="EndDate"/> (inclusive): every
/// such day, or only the days the rotation gives to <paramref name="ReplacedMemberId"/> when it is set.
/// </summary>
public sealed record ScheduleSubstitution(
    int Id,
    DateOnly StartDate,
    DateOnly EndDate,
    int SubstituteId,
    int? ReplacedMemberId,
    SubstitutionReason Reason,
    SubstitutionStatus Status);

/// <summary>One date of the final schedule.</summary>
/// <param name="Date">The schedule-local date.</param>
/// <param name="IsWorkingDay">False on weekends (days outside the rotation's working days) and holidays: nobody is on call.</param>
/// <param name="IsHoliday">One of the schedule's holidays.</param>
/// <param name="RotationMemberId">Who the rotation alone gives the day to.</param>
/// <param name="MemberId">Who is on call after substitutions; null on days off or with no rotation.</param>
/// <param name="Substitution">The approved substitution that decided <see cref="MemberId"/>, if any.</param>
public sealed record ScheduledDay(
    DateOnly Date,
    bool IsWorkingDay,
    bool IsHoliday,
    int? RotationMemberId,
    int? MemberId,
    ScheduleSubstitution? Substitution)
{
    public bool IsSubstituted => Substitution is not null;
}

/// <summary>A working day's shift: from its hand-off until the next working day's hand-off (nobody on days off in between).</summary>
public sealed record OnCallShift(ScheduledDay Day, DateTimeOffset StartsAt, DateTimeOffset? HandsOffAt);

/// <summary>Who is on call at one instant, and who comes next.</summary>
/// <param name="At">The instant asked about.</param>
/// <param name="LocalDate">Its date in the schedule's time zone.</param>
/// <param name="IsDayOff">The local date is a weekend day or a holiday: nobody is on call.</param>
/// <param name="Current">The shift under way (before the hand-off, the previous working day's); null on a day off.</param>
/// <param name="Next">The next shift to start after <paramref name="At"/>.</param>
public sealed record OnCallMoment(DateTimeOffset At, DateOnly LocalDate, bool IsDayOff, OnCallShift? Current, OnCallShift? Next);

/// <summary>
/// The on-call calculator: pure, no I/O, no clock. Given the rotation versions, the substitutions and the schedule's
/// clock, it says who is on call on any date and at any instant. Rules (PRODUCT.md, "On-call"):
/// <list type="bullet">
/// <item>One person per working day, cycling through a version's members from its start date, counting working days only.</item>
/// <item>Days outside the working days and holidays are days off: nobody is on call.</item>
/// <item>Before the hand-off time the previous working day's person is still on call.</item>
/// <item>An approved substitution overrides the rotation; when several apply, the most recent (highest id) wins.</item>
/// </list>
/// Hand-off instants come from the schedule's <see cref="TimeZoneInfo"/>, so they stay at the same local time across
/// daylight-saving changes.
/// </summary>
public sealed class OnCallSchedule
{
    /// <summary>How far the calculator looks for a previous or next working day before giving up.</summary>
    private const int MaxSearchDays = 400;

    private readonly List<RotationVersion> _versions;
    private readonly List<ScheduleSubstitution> _substitutions;
    private readonly IReadOnlySet<DayOfWeek> _defaultWorkingDays;

    /// <param name="clock">Time zone, hand-off time and holidays.</param>
    /// <param name="versions">Rotation versions in any order; at most one per date.</param>
    /// <param name="substitutions">Substitutions in any status; only approved ones apply.</param>
    /// <param name="defaultWorkingDays">Working days before the first version (and when there is none).</param>
    public OnCallSchedule(
        ScheduleClock clock,
        IEnumerable<RotationVersion> versions,
        IEnumerable<ScheduleSubstitution> substitutions,
        IReadOnlySet<DayOfWeek> defaultWorkingDays)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Clock = clock;
        _versions = versions.OrderBy(v => v.EffectiveFrom).ToList();
        _substitutions = substitutions.Where(s => s.Status == SubstitutionStatus.Approved).OrderByDescending(s => s.Id).ToList();
        _defaultWorkingDays = defaultWorkingDays;
    }

    public ScheduleClock Clock { get; }

    public IReadOnlyList<RotationVersion> Versions => _versions;

    /// <summary>The version in force on <paramref name="date"/>, or null before the first one.</summary>
    public RotationVersion? VersionOn(DateOnly date)
    {
        RotationVersion? found = null;
        foreach (var version in _versions)
        {
            if (version.EffectiveFrom > date)
            {
                break;
            }

            found = version;
        }

        return found;
    }

    /// <summary>The working days that apply on <paramref name="date"/> (its version's, or the default ones).</summary>
    public IReadOnlySet<DayOfWeek> WorkingDaysOn(DateOnly date) => VersionOn(date)?.WorkingDays ?? _defaultWorkingDays;

    public bool IsHoliday(DateOnly date) => Clock.Holidays.Contains(date);

    /// <summary>A working weekday that is not a holiday.</summary>
    public bool IsWorkingDay(DateOnly date) => WorkingDaysOn(date).Contains(date.DayOfWeek) && !IsHoliday(date);

    /// <summary>The final schedule for one date.</summary>
    public ScheduledDay Day(DateOnly date)
    {
        var isHoliday = IsHoliday(date);
        if (!IsWorkingDay(date))
        {
            return new ScheduledDay(date, false, isHoliday, null, null, null);
        }

        var rotationMember = RotationMemberOn(date);
        var substitution = _substitutions.FirstOrDefault(s =>
            s.StartDate <= date && date <= s.EndDate && (s.ReplacedMemberId is null || s.ReplacedMemberId == rotationMember));
        return new ScheduledDay(date, true, false, rotationMember, substitution?.SubstituteId ?? rotationMember, substitution);
    }

    /// <summary>The final schedule for every date from <paramref name="from"/> to <paramref name="to"/>, inclusive.</summary>
    public IReadOnlyList<ScheduledDay> Days(DateOnly from, DateOnly to)
    {
        var days = new List<ScheduledDay>(Math.Max(0, to.DayNumber - from.DayNumber + 1));
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            days.Add(Day(date));
        }

        return days;
    }

    /// <summary>Who the rotation alone (no substitutions) gives a working day to; null before any version or with no members.</summary>
    public int? RotationMemberOn(DateOnly date)
    {
        var version = VersionOn(date);
        if (version is null || version.MemberIds.Count == 0 || !IsWorkingDay(date))
        {
            return null;
        }

        var index = CountWorkingDays(version, version.EffectiveFrom, date);
        return version.MemberIds[(int)(index % version.MemberIds.Count)];
    }

    /// <summary>The schedule-local date of an instant.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Clock.TimeZone).DateTime);

    /// <summary>
    /// The instant of the hand-off on <paramref name="date"/>. A hand-off time skipped by a spring-forward change happens
    /// when the clock resumes (02:30 becomes 03:00); a repeated one happens at its first occurrence.
    /// </summary>
    public DateTimeOffset HandoffAt(DateOnly date) => LocalInstant(date, Clock.HandoffTime);

    /// <summary>The start of a local date (midnight, or the first valid minute after it on a change at midnight).</summary>
    public DateTimeOffset StartOfDay(DateOnly date) => LocalInstant(date, TimeOnly.MinValue);

    /// <summary>The last working day strictly before <paramref name="date"/>, within a year.</summary>
    public DateOnly? PreviousWorkingDay(DateOnly date)
    {
        for (var i = 1; i <= MaxSearchDays; i++)
        {
            var candidate = date.AddDays(-i);
            if (IsWorkingDay(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The first working day strictly after <paramref name="date"/>, within a year.</summary>
    public DateOnly? NextWorkingDay(DateOnly date)
    {
        for (var i = 1; i <= MaxSearchDays; i++)
        {
            var candidate = date.AddDays(i);
            if (IsWorkingDay(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The shift of a working day, with its start and the next working day's hand-off.</summary>
    public OnCallShift Shift(DateOnly workingDay)
    {
        var next = NextWorkingDay(workingDay);
        return new OnCallShift(Day(workingDay), HandoffAt(workingDay), next is { } n ? HandoffAt(n) : null);
    }

    /// <summary>Who is on call at <paramref name="instant"/> and whose shift comes next.</summary>
    public OnCallMoment At(DateTimeOffset instant)
    {
        var today = LocalDate(instant);
        if (!IsWorkingDay(today))
        {
            var nextDay = NextWorkingDay(today);
            return new OnCallMoment(instant, today, true, null, nextDay is { } n ? Shift(n) : null);
        }

        DateOnly? currentDay = instant >= HandoffAt(today) ? today : PreviousWorkingDay(today);
        DateOnly? nextShiftDay = currentDay == today ? NextWorkingDay(today) : today;
        return new OnCallMoment(
            instant,
            today,
            false,
            currentDay is { } c ? Shift(c) : null,
            nextShiftDay is { } s ? Shift(s) : null);
    }

    /// <summary>
    /// The order a new version starting on <paramref name="date"/> should have so that the cycle carries on: the
    /// members of <paramref name="members"/>, starting with whoever the current rotation gives that date to (or the
    /// next one of them in the current cycle when that person is not among them).
    /// </summary>
    public IReadOnlyList<int> ContinuationOrder(DateOnly date, IReadOnlyList<int> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var version = VersionOn(date);
        if (version is null || version.MemberIds.Count == 0 || members.Count == 0)
        {
            return members;
        }

        var day = IsWorkingDay(date) ? date : NextWorkingDay(date) ?? date;
        var index = (int)(CountWorkingDays(version, version.EffectiveFrom, day) % version.MemberIds.Count);
        for (var step = 0; step < version.MemberIds.Count; step++)
        {
            var candidate = version.MemberIds[(index + step) % version.MemberIds.Count];
            var position = members.ToList().IndexOf(candidate);
            if (position >= 0)
            {
                return [.. members.Skip(position), .. members.Take(position)];
            }
        }

        return members;
    }

    /// <summary>Working days in [<paramref name="from"/>, <paramref name="to"/>) under one version's weekdays and the holidays.</summary>
    private long CountWorkingDays(RotationVersion version, DateOnly from, DateOnly to)
    {
        var total = to.DayNumber - from.DayNumber;
        if (total <= 0)
        {
            return 0;
        }

        long count = (total / 7) * version.WorkingDays.Count;
        for (var i = total - (total % 7); i < total; i++)
        {
            if (version.WorkingDays.Contains(from.AddDays(i).DayOfWeek))
            {
                count++;
            }
        }

        count -= Clock.Holidays.Count(h => h >= from && h < to && version.WorkingDays.Contains(h.DayOfWeek));
        return count;
    }

    private DateTimeOffset LocalInstant(DateOnly date, TimeOnly time)
    {
        var zone = Clock.TimeZone;
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            // Skipped by a spring-forward change: the first minute the clock shows again.
            local = local.AddMinutes(1);
        }

        // For a repeated (ambiguous) time, the larger offset is the first occurrence (daylight time, before falling back).
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
