using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Team;
using Microsoft.AspNetCore.Components.Authorization;

namespace CommunitySuccess.Web.Components.Pages.GitHub;

/// <summary>"Me" for the GitHub desk: the signed-in account (its user name is its email), named as its team member when it has one.</summary>
public static class CurrentActor
{
    public static async Task<AppActor> ResolveAsync(Task<AuthenticationState>? authenticationState, TeamService team, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        var user = authenticationState is null ? null : (await authenticationState).User;
        var email = user?.Identity?.Name;
        if (string.IsNullOrWhiteSpace(email))
        {
            return new AppActor("Someone");
        }

        var member = await team.FindByEmailAsync(email, cancellationToken);
        return new AppActor(member?.Name ?? email, email);
    }
}
