using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Observability;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.Slack;

/// <summary>The recurring Slack poll (<c>Sync:SlackCron</c>, and once at start-up), then the follow-up rule.</summary>
public sealed class SyncSlackJob(
    SlackSyncService sync,
    FollowUpService followUp,
    IOptionsMonitor<SlackOptions> options,
    TimeProvider time,
    ILogger<SyncSlackJob> logger)
{
    public const string RecurringJobId = "slack-sync";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // One summary line per run instead of a line per request.
        var channels = options.CurrentValue.SupportChannels;
        using (var run = SyncRunLog.Start(logger, time, "Slack", channels.Count == 0 ? "no support channel" : string.Join(", ", channels)))
        {
            var summary = await sync.SyncAllAsync(cancellationToken);
            if (summary.Ran)
            {
                run.Completed(summary.ThreadsChanged, summary.Errors.Count);
            }
        }

        await followUp.EvaluateAsync(cancellationToken);
    }
}
