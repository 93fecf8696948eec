using CommunitySuccess.Core.Accounts;
using CommunitySuccess.Core.Configuration;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Insights;
using CommunitySuccess.Core.OnCall;
using CommunitySuccess.Core.Search;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Core.Team;
using Hangfire;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Web.Hosting;

/// <summary>
/// Runs before the server takes requests (hosted services start before Kestrel, after options validation):
/// migrations, the roles and the configured first admin, the team seed, the recurring syncs and a first sync, the
/// on-call jobs and the insights digest.
/// </summary>
public sealed class StartupInitializer(
    DatabaseInitializer database,
    ISearchIndex search,
    AdminBootstrapper admin,
    TeamService team,
    OnCallJobScheduler onCallJobs,
    InsightsDigestScheduler insightsDigest,
    IRecurringJobManager recurringJobs,
    IBackgroundJobClient jobs,
    IOptions<SlackOptions> slack,
    IOptions<GitHubOptions> gitHub,
    IOptions<SyncOptions> sync) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Several instances may start at once (PostgreSQL): one does this work while the others wait, then find it done.
        await using (await database.LockStartupAsync(cancellationToken))
        {
            await database.InitializeAsync(cancellationToken);
            await search.EnsureCreatedAsync(cancellationToken);
            await admin.RunAsync(cancellationToken);
            await team.SeedFromConfigurationAsync(cancellationToken);
        }

        if (slack.Value.BotToken.Length > 0 && slack.Value.SupportChannels.Count > 0)
        {
            recurringJobs.AddOrUpdate<SyncSlackJob>(SyncSlackJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), sync.Value.SlackCron);
            jobs.Enqueue<SyncSlackJob>(job => job.RunAsync(CancellationToken.None));
        }
        else
        {
            recurringJobs.RemoveIfExists(SyncSlackJob.RecurringJobId);
        }

        if (gitHub.Value.Token.Length > 0 && gitHub.Value.Repositories.Count > 0)
        {
            recurringJobs.AddOrUpdate<SyncGitHubJob>(SyncGitHubJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), sync.Value.GitHubCron);
            jobs.Enqueue<SyncGitHubJob>(job => job.RunAsync(CancellationToken.None));
        }
        else
        {
            recurringJobs.RemoveIfExists(SyncGitHubJob.RecurringJobId);
        }

        recurringJobs.AddOrUpdate<ProcessedDeliveryPruneJob>(
            ProcessedDeliveryPruneJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), Cron.Daily());
        await onCallJobs.ApplyAsync(cancellationToken);
        await insightsDigest.ApplyAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
