using CommunitySuccess.Core.Accounts;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Team;

namespace CommunitySuccess.Core.Shared;

/// <summary>
/// The signed-in person, as every action sees them at the moment it runs: their account id (what "mine" is decided by),
/// the name actions are signed with, their roles, and the team member their email links them to (if any).
/// </summary>
public sealed record CurrentUser(string? UserId, string Name, string? Email, IReadOnlyList<string> Roles, TeamMember? Member)
{
    /// <summary>Nobody signed in.</summary>
    public static readonly CurrentUser Nobody = new(null, "Someone", null, [], null);

    public bool IsSignedIn => UserId is not null;

    public bool IsInRole(string role) => Roles.Contains(role, StringComparer.Ordinal);

    /// <summary>Who acts, for services that sign and attribute what they write.</summary>
    public AppActor Actor => new(Name, Email) { UserId = UserId };

    /// <summary>Who asks for a team or schedule change; the service checks <see cref="TeamActor.IsAdmin"/> itself.</summary>
    public TeamActor TeamActor => new(Name, Email, IsInRole(Accounts.Roles.Admin));

    /// <summary>The inbox's view of "me".</summary>
    public InboxMe InboxMe => new(Actor, Member);
}
