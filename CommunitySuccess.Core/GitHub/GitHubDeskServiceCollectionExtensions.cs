using Microsoft.Extensions.DependencyInjection;

namespace CommunitySuccess.Core.GitHub;

/// <summary>Registers the GitHub desk: queues, issue actions, thread links and "fixed in" notifications.</summary>
public static class GitHubDeskServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="GitHubQueueService"/>, <see cref="GitHubIssueActionsService"/>, <see cref="ThreadIssueLinkService"/>
    /// and <see cref="ReleaseNotificationService"/> (singletons over the context factory). Called by
    /// <see cref="GitHubSyncServiceCollectionExtensions.AddGitHubSync"/>; expects the inbox, outbox, team and Slack
    /// services to be registered too.
    /// </summary>
    public static IServiceCollection AddGitHubDesk(this IServiceCollection services)
    {
        services.AddSingleton<GitHubQueueService>();
        services.AddSingleton<GitHubIssueActionsService>();
        services.AddSingleton<IssueItemActionsService>();
        services.AddSingleton<ThreadIssueLinkService>();
        services.AddSingleton<ReleaseNotificationService>();
        // The daily hand-off counts Triage issues and threads ready to notify (replaces the on-call feature's "unknown").
        services.AddSingleton<CommunitySuccess.Core.OnCall.IHandoffIssueCounts, GitHubHandoffIssueCounts>();
        services.AddSingleton<CommunitySuccess.Core.Insights.IFixedInNotificationLog, GitHubFixedInNotificationLog>();
        return services;
    }
}
