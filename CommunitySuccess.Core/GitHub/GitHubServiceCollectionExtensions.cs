using System.Net;
using CommunitySuccess.Core.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.GitHub;

/// <summary>Registers the GitHub gateway, its HTTP handler chain and the webhook verifier.</summary>
public static class GitHubServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IGitHubGateway"/> (<see cref="OctokitGitHubGateway"/>, transient) over the named HTTP client
    /// <see cref="OctokitGitHubGateway.HttpClientName"/>: <see cref="GitHubETagCacheHandler"/> outside,
    /// <see cref="GitHubRateLimitHandler"/> inside (so a retry after a wait stays one conditional request), plus the
    /// singletons <see cref="GitHubETagCache"/> and <see cref="GitHubRateLimitMonitor"/>, and
    /// <see cref="GitHubWebhookVerifier"/>. Expects <see cref="IOptionsMonitor{GitHubOptions}"/> and
    /// <see cref="TimeProvider"/> to be registered by the caller.
    /// </summary>
    /// <remarks>
    /// Deliberately no standard resilience handler: its retries would re-send writes GitHub may already have
    /// carried out, and its time-outs would cut the rate-limit waits. Reads wait in <see cref="GitHubRateLimitHandler"/>;
    /// writes are retried by the outbox.
    /// </remarks>
    public static IServiceCollection AddGitHubGateway(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddApiCallCounting();
        services.TryAddSingleton(_ => new GitHubETagCache());
        services.TryAddSingleton<GitHubRateLimitMonitor>();
        services.TryAddTransient<GitHubETagCacheHandler>();
        services.TryAddTransient<GitHubRateLimitHandler>();
        services.AddHttpClient(OctokitGitHubGateway.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // Octokit follows redirects itself (a renamed repository answers 301) and keeps the token on the
                // same host; the handler's own redirects would drop it.
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.All,
            })
            .AddHttpMessageHandler<GitHubETagCacheHandler>()
            .AddHttpMessageHandler<GitHubRateLimitHandler>();
        services.TryAddTransient<IGitHubGateway, OctokitGitHubGateway>();
        services.TryAddSingleton<GitHubWebhookVerifier>();
        return services;
    }
}

/// <summary>Registers the GitHub sync: the upsert, the polling service, webhooks and the outbox sender.</summary>
public static class GitHubSyncServiceCollectionExtensions
{
    public static IServiceCollection AddGitHubSync(this IServiceCollection services)
    {
        services.AddGitHubGateway();
        services.AddSingleton<GitHubTokenIdentity>();
        services.AddSingleton<GitHubIngestService>();
        services.AddSingleton<GitHubSyncService>();
        services.AddSingleton<GitHubContentPacer>();
        services.AddTransient<GitHubSetupCheck>();
        services.AddSingleton<GitHubWebhookProcessor>();
        services.AddSingleton<CommunitySuccess.Core.Outbox.IOutboxSender, GitHubOutboxSender>();
        services.AddTransient<SyncGitHubJob>();
        services.AddGitHubDesk();
        return services;
    }
}
