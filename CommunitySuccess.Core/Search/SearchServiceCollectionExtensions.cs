using Microsoft.Extensions.DependencyInjection;

namespace CommunitySuccess.Core.Search;

public static class SearchServiceCollectionExtensions
{
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddSingleton<ISearchIndex, SqliteSearchIndex>();
        services.AddSingleton<SearchService>();
        return services;
    }
}
