namespace CommunitySuccess.Core.Inbox;

/// <summary>What the follow-up rule reads of a thread (<see cref="SupportThread.ToFollowUpCandidate"/>).</summary>
public sealed record FollowUpCandidate(
    ThreadStatus Status,
    bool IsNotSupport,
    bool LastMessageByTeam,
    DateTime? LastTeamMessageAt,
    DateTime FirstSeenAt,
    DateTime StatusChangedAt);
