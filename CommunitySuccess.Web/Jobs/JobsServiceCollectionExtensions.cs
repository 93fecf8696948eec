using CommunitySuccess.Core.Configuration;
using Hangfire;
using CommunitySuccess.Core.Data;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Npgsql;

namespace CommunitySuccess.Web.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>The advisory lock held while one instance creates or upgrades Hangfire's schema.</summary>
    private const long SchemaLockKey = 0x43530002;

    /// <summary>
    /// Hangfire with in-memory storage on SQLite: durability of outbound writes comes from our outbox table, not from
    /// job storage. On PostgreSQL, <c>Hangfire.PostgreSql</c> in its own schema, so several instances share one
    /// schedule and its distributed locks run each recurring sync once per schedule, not once per instance.
    /// Jobs take ids, not entities, and are safe to run twice.
    /// </summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration, DatabaseSettings database)
    {
        ArgumentNullException.ThrowIfNull(database);
        services.AddValidatedOptions<JobsOptions>(configuration, JobsOptions.SectionName);
        var options = configuration.GetSection(JobsOptions.SectionName).Get<JobsOptions>() ?? new JobsOptions();
        var inDatabase = database.IsPostgres && options.Storage == JobStorageKind.Database;
        services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (inDatabase)
            {
                UsePostgres(config, database.ConnectionString);
            }
            else
            {
                config.UseInMemoryStorage();
            }
        });
        if (options.RunServer)
        {
            services.AddHangfireServer(options => options.WorkerCount = Math.Max(2, Environment.ProcessorCount));
        }

        return services;
    }

    private static void UsePostgres(IGlobalConfiguration config, string connectionString)
    {
        // The storage installs its schema when created: two instances starting together take turns.
        using var schemaLock = new NpgsqlConnection(connectionString);
        schemaLock.Open();
        Execute(schemaLock, $"SELECT pg_advisory_lock({SchemaLockKey})");
        try
        {
            config.UsePostgreSqlStorage(
                bootstrap => bootstrap.UseNpgsqlConnection(connectionString),
                // Long polling: a job enqueued by one instance is picked up at once (LISTEN/NOTIFY), not at the next poll.
                new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true, EnableLongPolling = true });
        }
        finally
        {
            Execute(schemaLock, $"SELECT pg_advisory_unlock({SchemaLockKey})");
        }
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
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
