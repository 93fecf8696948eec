namespace CommunitySuccess.Core.Inbox;

/// <summary>The follow-up rule's answer for one thread at one moment.</summary>
/// <param name="NeedsFollowUp">The user has been silent longer than the configured hours after the team's last message.</param>
/// <param name="DueAt">When it is (or became) due, for any thread that qualifies; null when it does not qualify.</param>
/// <param name="DeadlinePassedWhileWatched">The deadline passed while the app ran, after it first saw the thread
/// and while the thread was In Progress; otherwise the thread is flagged for a person.</param>
/// <param name="MayAutoFollowUp">Auto follow-up is switched on and may post and close by itself.</param>
public sealed record FollowUpAssessment(
    bool NeedsFollowUp,
    DateTime? DueAt,
    bool DeadlinePassedWhileWatched,
    bool MayAutoFollowUp)
{
    /// <summary>The thread does not qualify (not In Progress, the user spoke last, or not a support thread).</summary>
    public static readonly FollowUpAssessment NotApplicable = new(false, null, false, false);

    /// <summary>Needs a follow-up that a person must send.</summary>
    public bool ForAPerson => NeedsFollowUp && !MayAutoFollowUp;
}
