using CommunitySuccess.Core.Configuration;
using Hangfire;
using Hangfire.Dashboard;

namespace CommunitySuccess.Web.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// Hangfire with in-memory storage: durability of outbound writes comes from our outbox table, not from job
    /// storage. Jobs take ids, not entities, and are safe to run twice.
    /// </summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<JobsOptions>(configuration, JobsOptions.SectionName);
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseInMemoryStorage());
        if (configuration.GetSection(JobsOptions.SectionName).Get<JobsOptions>()?.RunServer ?? true)
        {
            services.AddHangfireServer(options => options.WorkerCount = Math.Max(2, Environment.ProcessorCount));
        }

        return services;
    }

    /// <summary>The dashboard at <c>/hangfire</c>, for admins only: the endpoint's policy decides, not Hangfire's filters.</summary>
    public static IEndpointConventionBuilder MapJobsDashboard(this IEndpointRouteBuilder endpoints, string policy) =>
        endpoints.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = Array.Empty<IDashboardAuthorizationFilter>(),
            AsyncAuthorization = Array.Empty<IDashboardAsyncAuthorizationFilter>(),
            DisplayStorageConnectionString = false,
            AppPath = "/",
            DashboardTitle = "CommunitySuccess jobs",
        }).RequireAuthorization(policy);
}
