using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySuccess.Core.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>Registers the database: a context factory for services, a scoped context for Identity's stores.</summary>
    public static IServiceCollection AddAppDatabase(this IServiceCollection services, string connectionString)
    {
        services.AddDbContextFactory<AppDbContext>(
            options => options.UseSqlite(connectionString).AddInterceptors(new SqlitePragmaInterceptor()), ServiceLifetime.Singleton);
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
        services.AddSingleton<DatabaseInitializer>();
        services.AddTransient<ProcessedDeliveryPruneJob>();
        return services;
    }
}
