using CommunitySuccess.Core.Accounts;
using CommunitySuccess.Core.Configuration;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Insights;
using CommunitySuccess.Core.OnCall;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Core.Team;
using CommunitySuccess.Web.DemoMode;

namespace CommunitySuccess.Web.Hosting;

public static class ConfigurationServiceCollectionExtensions
{
    /// <summary>Every section of ours, bound and validated at start-up (a bad or unknown key stops the app, naming it).</summary>
    public static IServiceCollection AddAppOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AdminOptions, AdminOptionsValidator>(configuration, AdminOptions.SectionName);
        services.AddValidatedOptions<AppOptions, AppOptionsValidator>(configuration, AppOptions.SectionName);
        services.AddValidatedOptions<DatabaseOptions, DatabaseOptionsValidator>(configuration, DatabaseOptions.SectionName);
        services.AddValidatedOptions<SlackOptions, SlackOptionsValidator>(configuration, SlackOptions.SectionName);
        services.AddValidatedOptions<GitHubOptions, GitHubOptionsValidator>(configuration, GitHubOptions.SectionName);
        services.AddValidatedOptions<InboxOptions, InboxOptionsValidator>(configuration, InboxOptions.SectionName);
        services.AddValidatedOptions<SyncOptions, SyncOptionsValidator>(configuration, SyncOptions.SectionName);
        services.AddValidatedOptions<TeamOptions, TeamOptionsValidator>(configuration, TeamOptions.SectionName);
        services.AddValidatedOptions<OnCallOptions, OnCallOptionsValidator>(configuration, OnCallOptions.SectionName);
        services.AddValidatedOptions<InsightsOptions, InsightsOptionsValidator>(configuration, InsightsOptions.SectionName);
        services.AddValidatedOptions<SandboxOptions>(configuration, SandboxOptions.SectionName);
        return services;
    }
}
