using CommunitySuccess.Core.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySuccess.Core.Inbox;

public static class InboxServiceCollectionExtensions
{
    /// <summary>The inbox: the app's actions on threads, the follow-up rule, item look-ups (the Slack feature adds its ingest).</summary>
    public static IServiceCollection AddInbox(this IServiceCollection services)
    {
        // The shared services the inbox needs, for compositions that did not add them (tests, tools).
        services.AddShared();
        services.AddSingleton<InboxActionsService>();
        services.AddSingleton<FollowUpService>();
        services.AddSingleton<InboxItemLookup>();
        services.AddSingleton<GitHubAuthorLinkService>();
        return services;
    }
}
