namespace CommunitySuccess.Core.Inbox;

/// <summary>The stored summary of a thread's messages (see <see cref="ThreadWaitingRules"/>).</summary>
/// <param name="MessageCount">Messages, the top-level one included, deleted ones excluded.</param>
/// <param name="LastMessageAt">The newest message; null when there is none.</param>
/// <param name="LastMessageByTeam">The team spoke last: the thread waits for the user.</param>
/// <param name="LastTeamMessageAt">The team's newest message; the follow-up rule counts from it.</param>
/// <param name="LastUserMessageAt">The user's newest message.</param>
/// <param name="UnansweredSince">The user's first message after the team's last one; null when the team spoke last.</param>
/// <param name="WaitingForTeamSince"><paramref name="UnansweredSince"/> when the status makes the thread wait for the team.</param>
public sealed record ThreadActivity(
    int MessageCount,
    DateTime? LastMessageAt,
    bool LastMessageByTeam,
    DateTime? LastTeamMessageAt,
    DateTime? LastUserMessageAt,
    DateTime? UnansweredSince,
    DateTime? WaitingForTeamSince);
