using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.OnCall;

namespace CommunitySuccess.Core.Insights;

/// <summary>
/// The team's working time, from the on-call calendar: on each working day (its working weekdays, not a holiday) from
/// the hand-off time for <see cref="DayLength"/> (as long as a user's working day, <see cref="WorkingHours"/>), in the
/// schedule's time zone. Pure: instants come from <see cref="OnCallSchedule.HandoffAt"/>, so a window stays at the
/// same local time across daylight-saving changes.
/// </summary>
public sealed class WorkingCalendar(OnCallSchedule schedule)
{
    /// <summary>How long the team's working day lasts after the hand-off.</summary>
    public static readonly TimeSpan DayLength = WorkingHours.End - WorkingHours.Start;

    /// <summary>Working time between two UTC instants (zero when <paramref name="toUtc"/> is not after <paramref name="fromUtc"/>).</summary>
    public TimeSpan Between(DateTime fromUtc, DateTime toUtc)
    {
        if (toUtc <= fromUtc)
        {
            return TimeSpan.Zero;
        }

        var from = new DateTimeOffset(DateTime.SpecifyKind(fromUtc, DateTimeKind.Utc));
        var to = new DateTimeOffset(DateTime.SpecifyKind(toUtc, DateTimeKind.Utc));
        var total = TimeSpan.Zero;
        // The day before too: a window that starts late in the evening can reach past local midnight.
        for (var date = schedule.LocalDate(from).AddDays(-1); date <= schedule.LocalDate(to); date = date.AddDays(1))
        {
            if (!schedule.IsWorkingDay(date))
            {
                continue;
            }

            var start = schedule.HandoffAt(date);
            var end = start + DayLength;
            var overlapStart = start > from ? start : from;
            var overlapEnd = end < to ? end : to;
            if (overlapEnd > overlapStart)
            {
                total += overlapEnd - overlapStart;
            }
        }

        return total;
    }
}
