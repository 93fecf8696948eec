namespace CommunitySuccess.Core.Inbox;

/// <summary>
/// Something that happened to a thread, seen for the first time: the only input that can move its status.
/// The caller guarantees "first time" (a new message row, a new reaction row, a click); re-reading old facts
/// must never reach <see cref="ThreadStatusRules"/>, so an old ✅ cannot re-close a re-opened thread.
/// </summary>
public abstract record ThreadFact
{
    // Closed set: the rules handle every kind, so no one else may add one.
    private ThreadFact()
    {
    }

    /// <summary>A message by the user (anyone not on the team).</summary>
    public sealed record UserMessage : ThreadFact;

    /// <summary>A message by a team member or by our own bot.</summary>
    public sealed record TeamMessage : ThreadFact;

    /// <summary>A reaction by a team member, first seen, on any message of the thread.</summary>
    public sealed record TeamReaction(string Name) : ThreadFact;

    /// <summary>A reaction by a user: moves nothing.</summary>
    public sealed record UserReaction(string Name) : ThreadFact;

    /// <summary>A reaction went away: moves nothing.</summary>
    public sealed record ReactionRemoved(string Name) : ThreadFact;

    /// <summary>The thread carried a team ✅ when our app first saw it (Slack gives reactions no time).</summary>
    public sealed record FirstSeenWithTeamCheckmark : ThreadFact;

    /// <summary>Someone put the thread On Hold in our app; the note (the reason) is required.</summary>
    public sealed record SetOnHoldInApp(string Note) : ThreadFact;

    /// <summary>Someone set Open, In Progress or Closed in our app (On Hold goes through <see cref="SetOnHoldInApp"/>).</summary>
    public sealed record SetStatusInApp(ThreadStatus Status) : ThreadFact;

    /// <summary>The follow-up message tagging the user was posted (by a person or automatically).</summary>
    public sealed record FollowUpSent : ThreadFact;
}
