using CommunitySuccess.Core.Observability;
using CommunitySuccess.Core.Slack.SocketMode;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.Slack;

/// <summary>Registers the Slack Web API client and the request-signature verifier.</summary>
public static class SlackServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ISlackApi"/> as a typed <see cref="HttpClient"/> (<see cref="SlackApiClient"/>) and
    /// <see cref="SlackSignatureVerifier"/>. Expects <see cref="IOptionsMonitor{SlackOptions}"/> and
    /// <see cref="TimeProvider"/> to be registered by the caller.
    /// </summary>
    /// <remarks>
    /// Deliberately no standard resilience handler: its retries and attempt time-outs would re-send
    /// <c>chat.postMessage</c> and other writes that Slack may already have carried out. The client waits out 429s
    /// on reads itself; writes are retried by the outbox, which first looks for its own tag.
    /// </remarks>
    public static IServiceCollection AddSlackClient(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddHttpClient<ISlackApi, SlackApiClient>((provider, client) =>
        {
            // Requests carry absolute URLs built from the current options; the base address is for logs and tools.
            var baseUrl = provider.GetRequiredService<IOptionsMonitor<SlackOptions>>().CurrentValue.ApiBaseUrl;
            if (Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri))
            {
                client.BaseAddress = uri;
            }

            client.Timeout = TimeSpan.FromSeconds(30);
        });
        services.TryAddSingleton<SlackSignatureVerifier>();
        services.AddApiCallCounting();
        services.TryAddSingleton<SlackRateBudget>();
        return services;
    }
}

/// <summary>Registers the Slack sync: the polling service, the Events API processor and the outbox sender.</summary>
public static class SlackSyncServiceCollectionExtensions
{
    /// <summary>
    /// Slack threads in the inbox: the ingest that maps Slack messages into the inbox's records, profiles, channel names
    /// and permalinks (the inbox's <see cref="CommunitySuccess.Core.Inbox.IChannelDirectory"/>), and the thread workflows
    /// that write to Slack (triage post, edit or delete a reply). Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddSlackThreads(this IServiceCollection services)
    {
        services.AddSlackClient();
        services.TryAddSingleton<ThreadIngestService>();
        services.TryAddSingleton<SlackUserProfileService>();
        services.TryAddSingleton<SlackLookupService>();
        services.TryAddSingleton<CommunitySuccess.Core.Inbox.IChannelDirectory>(sp => sp.GetRequiredService<SlackLookupService>());
        services.TryAddSingleton<InboxWorkflowService>();
        return services;
    }

    public static IServiceCollection AddSlackSync(this IServiceCollection services)
    {
        services.AddSlackThreads();
        services.AddSingleton<SlackSyncService>();
        services.AddSingleton<SlackEventProcessor>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackEventProcessor>());
        services.AddSlackSocketMode();
        services.AddSingleton<CommunitySuccess.Core.Outbox.IOutboxSender, SlackOutboxSender>();
        services.AddTransient<SyncSlackJob>();
        services.AddSingleton<CommunitySuccess.Core.Setup.ISetupCheck, SlackSetupCheck>();
        return services;
    }
}
