using CommunitySuccess.Core.Inbox;

namespace CommunitySuccess.Core.Slack;

/// <summary>The recurring Slack poll (<c>Sync:SlackCron</c>, and once at start-up), then the follow-up rule.</summary>
public sealed class SyncSlackJob(SlackSyncService sync, FollowUpService followUp)
{
    public const string RecurringJobId = "slack-sync";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await sync.SyncAllAsync(cancellationToken);
        await followUp.EvaluateAsync(cancellationToken);
    }
}
