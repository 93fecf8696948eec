namespace CommunitySuccess.Core.Inbox;

/// <summary>
/// The status table of PRODUCT.md ("How a thread's status moves"), as a pure function of the current status
/// and one fact seen for the first time:
/// <code>
/// fact                         Open          In Progress   On Hold                 Closed
/// user message                 —             —             stays, "new activity"   → Open
/// team message (incl. our bot) → In Progress —             —                       —
/// team 👀                      → In Progress —             —                       —
/// team ✅                      → Closed      → Closed      → Closed                —
/// reaction removed, user's     —             —             —                       —
/// set On Hold in app (+ note)  → On Hold     → On Hold     —                       → On Hold
/// </code>
/// Setting Open, In Progress or Closed in the app works from any status; a sent follow-up closes the thread.
/// </summary>
public static class ThreadStatusRules
{
    public const string ReasonUserMessage = "user message";
    public const string ReasonTeamReply = "team reply";
    public const string ReasonTeamEyes = "team :eyes:";
    public const string ReasonTeamCheckmark = "team :white_check_mark:";
    public const string ReasonCheckmarkWhenFirstSeen = "team :white_check_mark: when first seen";
    public const string ReasonFollowUpSent = "follow-up sent";
    public const string ReasonSetInAppPrefix = "set in app: ";

    public const string RefusalOnHoldNeedsNote = "On Hold needs a note with the reason.";
    public const string RefusalOnHoldThroughSetStatus = "On Hold needs a note with the reason: put the thread On Hold with a note.";

    /// <summary>Decides what one first-seen fact does to a thread in status <paramref name="current"/>.</summary>
    /// <returns>A decision; refused (with <see cref="ThreadStatusDecision.Refusal"/>) for On Hold without a note
    /// or an unknown status. Never throws for a known fact.</returns>
    public static ThreadStatusDecision Decide(ThreadStatus current, ThreadFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        return fact switch
        {
            ThreadFact.UserMessage => UserMessage(current),
            ThreadFact.TeamMessage => current switch
            {
                ThreadStatus.Open => ThreadStatusDecision.MoveTo(ThreadStatus.InProgress, ReasonTeamReply),
                // The team answered what the user added while On Hold; a new answer restarts the follow-up clock.
                ThreadStatus.OnHold => new ThreadStatusDecision { NewActivity = NewActivityMark.Clear, ClearsFollowUp = true },
                _ => new ThreadStatusDecision { ClearsFollowUp = true },
            },
            ThreadFact.TeamReaction { Name: StatusReactions.Eyes } => current switch
            {
                ThreadStatus.Open => ThreadStatusDecision.MoveTo(ThreadStatus.InProgress, ReasonTeamEyes),
                // 👀 means "seen": the new activity has been looked at.
                ThreadStatus.OnHold => new ThreadStatusDecision { NewActivity = NewActivityMark.Clear },
                _ => ThreadStatusDecision.NoChange,
            },
            ThreadFact.TeamReaction { Name: StatusReactions.WhiteCheckMark } => Close(current, ReasonTeamCheckmark),
            ThreadFact.FirstSeenWithTeamCheckmark => Close(current, ReasonCheckmarkWhenFirstSeen),
            ThreadFact.TeamReaction or ThreadFact.UserReaction or ThreadFact.ReactionRemoved => ThreadStatusDecision.NoChange,
            ThreadFact.SetOnHoldInApp onHold => SetOnHold(current, onHold.Note),
            ThreadFact.SetStatusInApp set => SetStatus(current, set.Status),
            ThreadFact.FollowUpSent => Close(current, ReasonFollowUpSent),
            _ => throw new ArgumentOutOfRangeException(nameof(fact), fact, "Unknown thread fact."),
        };
    }

    private static ThreadStatusDecision UserMessage(ThreadStatus current) => current switch
    {
        ThreadStatus.Closed => ThreadStatusDecision.MoveTo(ThreadStatus.Open, ReasonUserMessage),
        ThreadStatus.OnHold => new ThreadStatusDecision { NewActivity = NewActivityMark.Set, ClearsFollowUp = true },
        _ => new ThreadStatusDecision { ClearsFollowUp = true },
    };

    private static ThreadStatusDecision Close(ThreadStatus current, string reason) =>
        current == ThreadStatus.Closed ? ThreadStatusDecision.NoChange : ThreadStatusDecision.MoveTo(ThreadStatus.Closed, reason);

    private static ThreadStatusDecision SetOnHold(ThreadStatus current, string? note)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            return ThreadStatusDecision.Refused(RefusalOnHoldNeedsNote);
        }

        // Already On Hold: the new note is a fresh reason, and whoever wrote it has seen the new activity.
        return current == ThreadStatus.OnHold
            ? new ThreadStatusDecision { NewActivity = NewActivityMark.Clear }
            : ThreadStatusDecision.MoveTo(ThreadStatus.OnHold, ReasonSetInAppPrefix + ThreadStatus.OnHold.ToDisplayName());
    }

    private static ThreadStatusDecision SetStatus(ThreadStatus current, ThreadStatus wanted)
    {
        if (!Enum.IsDefined(wanted))
        {
            return ThreadStatusDecision.Refused($"Unknown status {(int)wanted}.");
        }

        if (wanted == ThreadStatus.OnHold)
        {
            return ThreadStatusDecision.Refused(RefusalOnHoldThroughSetStatus);
        }

        return wanted == current
            ? ThreadStatusDecision.NoChange
            : ThreadStatusDecision.MoveTo(wanted, ReasonSetInAppPrefix + wanted.ToDisplayName());
    }
}
