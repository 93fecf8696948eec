using System.Globalization;
using CommunitySuccess.Core.Slack;
using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.OnCall;

/// <summary>
/// Keeps the on-call recurring jobs in step with the schedule: the hand-off at the hand-off time on working days,
/// in the schedule's time zone (Hangfire's <see cref="RecurringJobOptions.TimeZone"/>, so it follows daylight
/// saving), and "tell the on-call" every minute. Re-registers after every schedule change.
/// </summary>
public sealed class OnCallJobScheduler
{
    private readonly IRecurringJobManager _recurringJobs;
    private readonly OnCallService _onCall;
    private readonly IOptionsMonitor<SlackOptions> _slack;
    private readonly TimeProvider _time;
    private readonly ILogger<OnCallJobScheduler> _logger;
    private int _started;

    public OnCallJobScheduler(
        IRecurringJobManager recurringJobs,
        OnCallService onCall,
        IOptionsMonitor<SlackOptions> slack,
        TimeProvider time,
        ILogger<OnCallJobScheduler> logger)
    {
        _time = time;
        _recurringJobs = recurringJobs;
        _onCall = onCall;
        _slack = slack;
        _logger = logger;
        onCall.ScheduleChanged += OnScheduleChanged;
    }

    /// <summary>Registers (or removes, when Slack is not set up for them) the on-call jobs. Call at start-up.</summary>
    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _started, 1);
        var slack = _slack.CurrentValue;
        if (slack.BotToken.Length == 0)
        {
            _recurringJobs.RemoveIfExists(OnCallHandoffJob.RecurringJobId);
            _recurringJobs.RemoveIfExists(OnCallDirectMessageJob.RecurringJobId);
            return;
        }

        _recurringJobs.AddOrUpdate<OnCallDirectMessageJob>(
            OnCallDirectMessageJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), Cron.Minutely());

        if (slack.TriageChannel.Length == 0 && slack.OnCallUserGroup.Length == 0)
        {
            _recurringJobs.RemoveIfExists(OnCallHandoffJob.RecurringJobId);
            return;
        }

        var snapshot = await _onCall.GetSnapshotAsync(cancellationToken);
        var schedule = snapshot.Schedule;
        var today = schedule.LocalDate(_time.GetUtcNow());
        var days = schedule.Versions.Where(v => v.EffectiveFrom > today).SelectMany(v => v.WorkingDays)
            .Concat(schedule.WorkingDaysOn(today)).ToHashSet();
        _recurringJobs.AddOrUpdate<OnCallHandoffJob>(
            OnCallHandoffJob.RecurringJobId,
            job => job.RunAsync(CancellationToken.None),
            HandoffCron(schedule.Clock.HandoffTime, days),
            new RecurringJobOptions { TimeZone = schedule.Clock.TimeZone });
    }

    /// <summary>The cron expression for a hand-off at <paramref name="time"/> on <paramref name="days"/>, e.g. <c>0 9 * * 1,2,3,4,5</c>.</summary>
    public static string HandoffCron(TimeOnly time, IEnumerable<DayOfWeek> days)
    {
        var list = days.Distinct().Order().Select(d => ((int)d).ToString(CultureInfo.InvariantCulture)).ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{time.Minute} {time.Hour} * * {(list.Count == 0 ? "*" : string.Join(',', list))}");
    }

    private void OnScheduleChanged()
    {
        if (Volatile.Read(ref _started) == 0)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await ApplyAsync(CancellationToken.None);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Could not re-register the on-call jobs after a schedule change");
            }
        });
    }
}
