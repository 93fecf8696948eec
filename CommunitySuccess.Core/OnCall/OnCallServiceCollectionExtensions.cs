using CommunitySuccess.Core.Slack.SocketMode;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CommunitySuccess.Core.OnCall;

public static class OnCallServiceCollectionExtensions
{
    /// <summary>The schedule service, the calendar feed, the hand-off and direct-message jobs and their scheduler.</summary>
    public static IServiceCollection AddOnCall(this IServiceCollection services)
    {
        services.AddSingleton<OnCallService>();
        services.AddSingleton<OnCallCalendarFeed>();
        services.AddSingleton<ISlackSlashCommandHandler, OnCallSlashCommand>();
        services.AddSingleton<OnCallJobScheduler>();
        services.TryAddSingleton<IHandoffIssueCounts, UnknownHandoffIssueCounts>();
        services.AddTransient<OnCallHandoffJob>();
        services.AddTransient<OnCallDirectMessageJob>();
        return services;
    }
}
