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
}
