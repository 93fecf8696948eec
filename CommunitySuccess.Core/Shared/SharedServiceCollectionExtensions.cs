using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CommunitySuccess.Core.Shared;

public static class SharedServiceCollectionExtensions
{
    /// <summary>
    /// What every feature shares: the change notifier pages listen to, the app's start clock, and who "me" is
    /// (<see cref="CurrentUserResolver"/>) and what their account may do now (<see cref="AccountAccess"/>). Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddShared(this IServiceCollection services)
    {
        services.TryAddSingleton<ChangeNotifier>();
        services.TryAddSingleton<AppClock>();
        services.TryAddSingleton<CurrentUserResolver>();
        services.TryAddSingleton<AccountAccess>();
        return services;
    }
}
