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
}

/// <summary>The outcome of an action in the inbox: done, or refused with a message to show.</summary>
public sealed record InboxActionResult(bool Succeeded, string? Error = null, long? OutboxId = null)
{
    public static InboxActionResult Ok(long? outboxId = null) => new(true, null, outboxId);

    public static InboxActionResult Refused(string error) => new(false, error);
}
