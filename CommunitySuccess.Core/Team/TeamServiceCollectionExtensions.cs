using Microsoft.Extensions.DependencyInjection;

namespace CommunitySuccess.Core.Team;

public static class TeamServiceCollectionExtensions
{
    public static IServiceCollection AddTeam(this IServiceCollection services) => services.AddSingleton<TeamService>();
}
