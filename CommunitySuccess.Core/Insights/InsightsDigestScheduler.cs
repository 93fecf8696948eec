using CommunitySuccess.Core.OnCall;
using CommunitySuccess.Core.Slack;
using Hangfire;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.Insights;

/// <summary>
/// Registers the Monday digest as a Hangfire recurring job at the on-call hand-off time in the schedule's time zone
/// (Monday morning for the team), or removes it when <c>Insights:WeeklyDigest</c> is off or Slack has no triage channel.
/// </summary>
public sealed class InsightsDigestScheduler(
    IRecurringJobManager recurringJobs,
    OnCallService onCall,
    IOptionsMonitor<InsightsOptions> options,
    IOptionsMonitor<SlackOptions> slack)
{
    /// <summary>Call at start-up.</summary>
    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        if (!options.CurrentValue.WeeklyDigest || slack.CurrentValue.BotToken.Length == 0 || slack.CurrentValue.TriageChannel.Length == 0)
        {
            recurringJobs.RemoveIfExists(InsightsDigestJob.RecurringJobId);
            return;
        }

        var clock = (await onCall.GetSnapshotAsync(cancellationToken)).Schedule.Clock;
        recurringJobs.AddOrUpdate<InsightsDigestJob>(
            InsightsDigestJob.RecurringJobId,
            job => job.RunAsync(CancellationToken.None),
            OnCallJobScheduler.HandoffCron(clock.HandoffTime, [DayOfWeek.Monday]),
            new RecurringJobOptions { TimeZone = clock.TimeZone });
    }
}
