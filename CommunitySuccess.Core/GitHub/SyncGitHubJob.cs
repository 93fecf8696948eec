namespace CommunitySuccess.Core.GitHub;

/// <summary>The recurring GitHub poll (<c>Sync:GitHubCron</c>, and once at start-up).</summary>
public sealed class SyncGitHubJob(GitHubSyncService sync)
{
    public const string RecurringJobId = "github-sync";

    public Task RunAsync(CancellationToken cancellationToken) => sync.SyncAllAsync(cancellationToken);
}
