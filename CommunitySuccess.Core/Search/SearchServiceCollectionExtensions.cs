using CommunitySuccess.Core.Data;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySuccess.Core.Search;

public static class SearchServiceCollectionExtensions
{
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        // The provider's own full-text engine behind one contract: FTS5 on SQLite, tsvector + GIN on PostgreSQL.
        services.AddSingleton<ISearchIndex>(sp => sp.GetRequiredService<DatabaseSettings>().IsPostgres
            ? ActivatorUtilities.CreateInstance<PostgresSearchIndex>(sp)
            : ActivatorUtilities.CreateInstance<SqliteSearchIndex>(sp));
        services.AddSingleton<SearchService>();
        services.AddSingleton<SimilarItemsService>();
        return services;
    }
}
