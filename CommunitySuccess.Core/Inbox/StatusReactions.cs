namespace CommunitySuccess.Core.Inbox;

/// <summary>The Slack reaction names that move a thread when a team member adds them.</summary>
public static class StatusReactions
{
    /// <summary>👀: a team member is on it (→ In Progress).</summary>
    public const string Eyes = "eyes";

    /// <summary>✅: a team member closed it (→ Closed). Only this name: PRODUCT.md names no other check mark.</summary>
    public const string WhiteCheckMark = "white_check_mark";
}
