using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CommunitySuccess.Core.Insights;

public static class InsightsServiceCollectionExtensions
{
    /// <summary>
    /// The insights service, its history reader and the Monday digest job and scheduler. Expects the inbox, team,
    /// on-call, review and outbox services; the GitHub desk offers the "fixed in" log (without it the chart is empty).
    /// </summary>
    public static IServiceCollection AddInsights(this IServiceCollection services)
    {
        services.AddSingleton<InsightsHistoryReader>();
        services.AddSingleton<InsightsService>();
        services.TryAddSingleton<IFixedInNotificationLog, NoFixedInNotificationLog>();
        services.AddSingleton<InsightsDigestScheduler>();
        services.AddTransient<InsightsDigestJob>();
        return services;
    }
}
