namespace CommunitySuccess.Core.Inbox;

/// <summary>Who did something in our app: a signed-in person, or the app itself (automatic follow-up).</summary>
public sealed record AppActor(string DisplayName, string? Email = null)
{
    public static readonly AppActor Automatic = new("CommunitySuccess (automatic)");
}

/// <summary>The outcome of an action in the inbox: done, or refused with a message to show.</summary>
public sealed record InboxActionResult(bool Succeeded, string? Error = null, long? OutboxId = null)
{
    public static InboxActionResult Ok(long? outboxId = null) => new(true, null, outboxId);

    public static InboxActionResult Refused(string error) => new(false, error);
}
