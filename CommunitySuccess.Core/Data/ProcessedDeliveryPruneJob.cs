using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Slack;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CommunitySuccess.Core.Data;

/// <summary>
/// Forgets processed Slack event ids and GitHub delivery keys once neither service can send them again, so the dedupe
/// tables stay small. Slack retries a failed event three times within about an hour; GitHub offers "Redeliver" for
/// deliveries of the past 3 days. Each is kept well past its window. Runs daily; safe to run twice.
/// </summary>
public sealed class ProcessedDeliveryPruneJob(IDbContextFactory<AppDbContext> dbFactory, TimeProvider time, ILogger<ProcessedDeliveryPruneJob> logger)
{
    public const string RecurringJobId = "prune-processed-deliveries";

    /// <summary>How long a Slack event id is kept: Slack's retries end within about an hour.</summary>
    public static readonly TimeSpan SlackKeep = TimeSpan.FromDays(2);

    /// <summary>How long a GitHub delivery key is kept: GitHub redelivers deliveries of the past 3 days.</summary>
    public static readonly TimeSpan GitHubKeep = TimeSpan.FromDays(7);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var slackBefore = now - SlackKeep;
        var gitHubBefore = now - GitHubKeep;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var slack = await db.Set<ProcessedSlackEvent>().Where(e => e.ReceivedAt < slackBefore).ExecuteDeleteAsync(cancellationToken);
        var gitHub = await db.Set<ProcessedGitHubDelivery>().Where(d => d.ReceivedAt < gitHubBefore).ExecuteDeleteAsync(cancellationToken);
        if (slack + gitHub > 0)
        {
            logger.LogInformation("Pruned {Slack} Slack event ids and {GitHub} GitHub delivery keys past their redelivery windows", slack, gitHub);
        }

        return slack + gitHub;
    }
}
