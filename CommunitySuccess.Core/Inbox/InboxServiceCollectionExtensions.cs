using CommunitySuccess.Core.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySuccess.Core.Inbox;

public static class InboxServiceCollectionExtensions
{
    /// <summary>Threads: the upsert, the app's actions, the follow-up rule, Slack profiles.</summary>
    public static IServiceCollection AddInbox(this IServiceCollection services)
    {
        // The shared services the inbox needs, for compositions that did not add them (tests, tools).
        services.AddShared();
        services.AddSingleton<ThreadIngestService>();
        services.AddSingleton<SlackUserProfileService>();
        services.AddSingleton<InboxActionsService>();
        services.AddSingleton<FollowUpService>();
        services.AddSingleton<InboxItemLookup>();
        services.AddSingleton<GitHubAuthorLinkService>();
        return services;
    }
}
