using CommunitySuccess.Core.OnCall;

namespace CommunitySuccess.Core.GitHub;

/// <summary>The daily hand-off's GitHub numbers: issues waiting in Triage, linked threads ready to be told "fixed in".</summary>
public sealed class GitHubHandoffIssueCounts(GitHubQueueService queues, ReleaseNotificationService releases) : IHandoffIssueCounts
{
    public async Task<HandoffIssueCounts> GetAsync(CancellationToken cancellationToken)
    {
        var counts = await queues.GetCountsAsync(cancellationToken);
        return new HandoffIssueCounts(counts.Triage, await releases.CountReadyAsync(cancellationToken));
    }
}
