using CommunitySuccess.Core.Notifications;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>The application name every instance shares, so they protect and read each other's cookies.</summary>
    public const string DataProtectionApplicationName = "CommunitySuccess";

    /// <summary>Registers the SQLite database at <paramref name="connectionString"/> (tests and tools).</summary>
    public static IServiceCollection AddAppDatabase(this IServiceCollection services, string connectionString) =>
        services.AddAppDatabase(new DatabaseSettings(DatabaseProvider.Sqlite, connectionString));

    /// <summary>
    /// Registers the database: a context factory for services, a scoped context for Identity's stores. On PostgreSQL
    /// also the Data Protection key store in the database and the relay of change notifications between instances.
    /// </summary>
    public static IServiceCollection AddAppDatabase(this IServiceCollection services, DatabaseSettings settings)
    {
        services.AddSingleton(settings);
        services.AddDbContextFactory<AppDbContext>(options => AppDatabaseOptions.Configure(options, settings), ServiceLifetime.Singleton);
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
        services.AddSingleton<DatabaseInitializer>();
        services.AddTransient<ProcessedDeliveryPruneJob>();
        if (settings.IsPostgres)
        {
            services.AddDataProtection().SetApplicationName(DataProtectionApplicationName);
            services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
                new ConfigureOptions<KeyManagementOptions>(options => options.XmlRepository = new PostgresXmlRepository(settings)));
            services.AddHostedService<PostgresChangeRelay>();
        }

        return services;
    }
}
