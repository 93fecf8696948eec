using CommunitySuccess.Core.Backlog;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySuccess.Core.Review;

public static class ReviewServiceCollectionExtensions
{
    /// <summary>The Monday review board and the community backlog.</summary>
    public static IServiceCollection AddReviewAndBacklog(this IServiceCollection services)
    {
        services.AddSingleton<ReviewService>();
        services.AddSingleton<BacklogService>();
        return services;
    }
}
