using CommunitySuccess.Core.Team;

namespace CommunitySuccess.Core.Inbox;

/// <summary>The signed-in person as the inbox sees them: who acts, and the team member they are (if any).</summary>
public sealed record InboxMe(AppActor Actor, TeamMember? Member)
{
    /// <summary>The key drafts are kept under.</summary>
    public string DraftOwner => Actor.UserId ?? Actor.Email ?? Actor.DisplayName;
}

/// <summary>Who did something in our app: a signed-in person, or the app itself (automatic follow-up).</summary>
public sealed record AppActor(string DisplayName, string? Email = null)
{
    /// <summary>The signed-in account's id: what decides "my reply"; null for the app itself.</summary>
    public string? UserId { get; init; }

    public static readonly AppActor Automatic = new("CommunitySuccess (automatic)");

    /// <summary>Nobody signed in (a page whose user is gone): every writing service refuses it.</summary>
    public static readonly AppActor Nobody = new("Someone");

    /// <summary>
    /// Whether this person asked for a write our app sent (a reply, a comment): by account id when both are known, else
    /// by the name it was signed with (rows from before ids were kept). Decides who may edit or delete it.
    /// </summary>
    public bool Wrote(string? postedByUserId, string? postedBy) =>
        postedByUserId is not null && UserId is not null
            ? string.Equals(postedByUserId, UserId, StringComparison.Ordinal)
            : postedBy is not null && string.Equals(postedBy, DisplayName, StringComparison.Ordinal);
}
