using Microsoft.Extensions.DependencyInjection;

namespace CommunitySuccess.Core.Slack.SocketMode;

/// <summary>Registers Socket Mode; the service stays idle unless <c>Slack:AppToken</c> is set.</summary>
public static class SlackSocketModeServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="SlackSocketModeConnector"/> (a typed <see cref="HttpClient"/>) and <see cref="SlackSocketModeService"/>
    /// as a singleton hosted service. Expects <see cref="SlackEventProcessor"/> to be registered.
    /// </summary>
    public static IServiceCollection AddSlackSocketMode(this IServiceCollection services)
    {
        services.AddHttpClient<SlackSocketModeConnector>(client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<SlackSocketModeService>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackSocketModeService>());
        return services;
    }
}
