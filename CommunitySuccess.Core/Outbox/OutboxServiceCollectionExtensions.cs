using Microsoft.Extensions.DependencyInjection;

namespace CommunitySuccess.Core.Outbox;

public static class OutboxServiceCollectionExtensions
{
    /// <summary>The outbox table's service, its dispatcher and the background worker that sends.</summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services, bool runWorker)
    {
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxService>();
        services.AddSingleton<OutboxDispatcher>();
        if (runWorker)
        {
            services.AddHostedService<OutboxWorker>();
        }

        return services;
    }
}
