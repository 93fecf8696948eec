using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CommunitySuccess.Core.Data;

/// <summary>How a context is built for each provider: in one place for the app, the tests and <c>dotnet ef</c>.</summary>
public static class AppDatabaseOptions
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.IsPostgres)
        {
            options.UseNpgsql(settings.ConnectionString);
        }
        else
        {
            options.UseSqlite(settings.ConnectionString).AddInterceptors(new SqlitePragmaInterceptor());
        }

        return options.ReplaceService<IMigrationsAssembly, ProviderMigrationsAssembly>();
    }
}
