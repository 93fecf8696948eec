namespace CommunitySuccess.Core.Inbox;

/// <summary>
/// The GitHub item table of PRODUCT.md ("How a GitHub item's status moves"), as a pure function of the current
/// status and one fact seen for the first time:
/// <code>
/// fact                                 Open          In Progress   On Hold                 Closed
/// comment by someone outside the team  —             —             stays, "new activity"   → Open
/// comment or review by the team        → In Progress —             —                       —
/// team 👀 on the issue                 → In Progress —             —                       —
/// Triage label removed or replaced     → Closed      → Closed      → Closed                —
/// closed or merged on GitHub           → Closed      → Closed      → Closed                —
/// approved by the team (contrib. PR)   → Closed      → Closed      → Closed                —
/// re-opened on GitHub                  —             —             —                       → Open
/// set In Progress in app               → In Progress —             → In Progress           → In Progress
/// set On Hold in app (+ note)          → On Hold     → On Hold     —                       → On Hold
/// set Closed in app (a choice)         → Closed      → Closed      → Closed                —
/// follow-up sent                       → Closed      → Closed      —                       —
/// </code>
/// The decisions are <see cref="ThreadStatusDecision"/>s: one status model for threads and issues.
/// </summary>
public static class IssueStatusRules
{
    public const string ReasonOutsideComment = "comment from outside the team";
    public const string ReasonTeamComment = "team comment";
    public const string ReasonTeamEyes = "team :eyes:";
    public const string ReasonClosedOnGitHub = "closed on GitHub";
    public const string ReasonMergedOnGitHub = "merged on GitHub";
    public const string ReasonReopenedOnGitHub = "re-opened on GitHub";
    public const string ReasonApprovedByTeam = "approved by the team";
    public const string ReasonFollowUpSent = "follow-up sent";
    public const string ReasonTriagedPrefix = "triaged: ";
    public const string ReasonTriageLabelRemoved = "triaged: Triage label removed";

    /// <summary>Decides what one first-seen fact does to a GitHub item in status <paramref name="current"/>.</summary>
    /// <returns>A decision; refused (with <see cref="ThreadStatusDecision.Refusal"/>) for On Hold without a note.
    /// Never throws for a known fact.</returns>
    public static ThreadStatusDecision Decide(ThreadStatus current, IssueFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        return fact switch
        {
            IssueFact.OutsideComment => current switch
            {
                ThreadStatus.Closed => ThreadStatusDecision.MoveTo(ThreadStatus.Open, ReasonOutsideComment),
                ThreadStatus.OnHold => new ThreadStatusDecision { NewActivity = NewActivityMark.Set, ClearsFollowUp = true },
                _ => new ThreadStatusDecision { ClearsFollowUp = true },
            },
            IssueFact.TeamComment => current switch
            {
                ThreadStatus.Open => ThreadStatusDecision.MoveTo(ThreadStatus.InProgress, ReasonTeamComment),
                ThreadStatus.OnHold => new ThreadStatusDecision { NewActivity = NewActivityMark.Clear, ClearsFollowUp = true },
                _ => new ThreadStatusDecision { ClearsFollowUp = true },
            },
            IssueFact.TeamEyes => current switch
            {
                ThreadStatus.Open => ThreadStatusDecision.MoveTo(ThreadStatus.InProgress, ReasonTeamEyes),
                ThreadStatus.OnHold => new ThreadStatusDecision { NewActivity = NewActivityMark.Clear },
                _ => ThreadStatusDecision.NoChange,
            },
            IssueFact.TriageLabelRemoved removed => Close(current, string.IsNullOrWhiteSpace(removed.Replacement)
                ? ReasonTriageLabelRemoved
                : ReasonTriagedPrefix + removed.Replacement),
            IssueFact.ClosedOnGitHub closed => Close(current, closed.Merged ? ReasonMergedOnGitHub : ReasonClosedOnGitHub),
            IssueFact.ApprovedByTeam => Close(current, ReasonApprovedByTeam),
            IssueFact.ReopenedOnGitHub => current == ThreadStatus.Closed
                ? ThreadStatusDecision.MoveTo(ThreadStatus.Open, ReasonReopenedOnGitHub)
                : ThreadStatusDecision.NoChange,
            IssueFact.SetInProgressInApp => current == ThreadStatus.InProgress
                ? ThreadStatusDecision.NoChange
                : ThreadStatusDecision.MoveTo(ThreadStatus.InProgress, ThreadStatusRules.ReasonSetInAppPrefix + ThreadStatus.InProgress.ToDisplayName()),
            IssueFact.SetOnHoldInApp onHold => SetOnHold(current, onHold.Note),
            IssueFact.CloseInApp close => Enum.IsDefined(close.Choice)
                ? Close(current, ThreadStatusRules.ReasonSetInAppPrefix + close.Choice.ToDisplayName())
                : ThreadStatusDecision.Refused($"Unknown way to close {(int)close.Choice}."),
            IssueFact.FollowUpSent => current is ThreadStatus.Open or ThreadStatus.InProgress
                ? ThreadStatusDecision.MoveTo(ThreadStatus.Closed, ReasonFollowUpSent)
                : ThreadStatusDecision.NoChange,
            _ => throw new ArgumentOutOfRangeException(nameof(fact), fact, "Unknown issue fact."),
        };
    }

    private static ThreadStatusDecision Close(ThreadStatus current, string reason) =>
        current == ThreadStatus.Closed ? ThreadStatusDecision.NoChange : ThreadStatusDecision.MoveTo(ThreadStatus.Closed, reason);

    private static ThreadStatusDecision SetOnHold(ThreadStatus current, string? note)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            return ThreadStatusDecision.Refused(ThreadStatusRules.RefusalOnHoldNeedsNote);
        }

        return current == ThreadStatus.OnHold
            ? new ThreadStatusDecision { NewActivity = NewActivityMark.Clear }
            : ThreadStatusDecision.MoveTo(ThreadStatus.OnHold, ThreadStatusRules.ReasonSetInAppPrefix + ThreadStatus.OnHold.ToDisplayName());
    }
}
