using System.Security.Claims;
using CommunitySuccess.Core.Accounts;

namespace CommunitySuccess.Core.Team;

/// <summary>
/// Who asks for a change to the team or the schedule, as the server knows them from their sign-in: services check
/// <see cref="IsAdmin"/> themselves, so a hidden button is never the only guard.
/// </summary>
/// <param name="DisplayName">For "created by" columns.</param>
/// <param name="Email">Links the account to its team member ("me").</param>
/// <param name="IsAdmin">Holds the Admin role.</param>
public sealed record TeamActor(string DisplayName, string? Email, bool IsAdmin)
{
    /// <summary>The app itself (jobs, seeding): allowed everything.</summary>
    public static readonly TeamActor System = new("CommunitySuccess (automatic)", null, true);

    /// <summary>The actor of a signed-in principal (cookie claims: name, email, roles).</summary>
    public static TeamActor From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var email = user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name;
        return new TeamActor(user.Identity?.Name ?? email ?? "unknown", email, user.IsInRole(Roles.Admin));
    }
}
