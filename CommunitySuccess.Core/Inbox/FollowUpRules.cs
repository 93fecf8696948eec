namespace CommunitySuccess.Core.Inbox;

/// <summary>
/// "If the team answered and the user has not replied for more than <see cref="InboxOptions.FollowUpAfterHours"/>
/// hours (counted from the team's last message), the thread needs a follow-up." Only threads In Progress where
/// the team spoke last qualify. Auto follow-up only acts on deadlines that pass while the app runs and watches
/// the thread In Progress; threads overdue when first seen, when the app started, or when set back to
/// In Progress are flagged for a person, so the bot never messages a backlog.
/// </summary>
public static class FollowUpRules
{
    /// <summary>Assesses one thread.</summary>
    /// <param name="thread">The thread's stored facts.</param>
    /// <param name="nowUtc">Now, from the <see cref="TimeProvider"/>.</param>
    /// <param name="options">The <c>Inbox</c> options.</param>
    /// <param name="appStartedAtUtc">When this process started watching.</param>
    /// <exception cref="ArgumentOutOfRangeException"><c>Inbox:FollowUpAfterHours</c> is not positive.</exception>
    public static FollowUpAssessment Assess(FollowUpCandidate thread, DateTime nowUtc, InboxOptions options, DateTime appStartedAtUtc)
    {
        ArgumentNullException.ThrowIfNull(thread);
        ArgumentNullException.ThrowIfNull(options);
        if (options.FollowUpAfterHours <= 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options),
                options.FollowUpAfterHours,
                $"{InboxOptions.SectionName}:{nameof(InboxOptions.FollowUpAfterHours)} must be a positive number of hours.");
        }

        if (thread.Status != ThreadStatus.InProgress || thread.IsNotSupport || !thread.LastMessageByTeam
            || thread.LastTeamMessageAt is not { } lastTeamMessageAt)
        {
            return FollowUpAssessment.NotApplicable;
        }

        var dueAt = lastTeamMessageAt.AddHours(options.FollowUpAfterHours);
        if (nowUtc <= dueAt)
        {
            return new FollowUpAssessment(false, dueAt, false, false);
        }

        var watchedSince = Max(Max(appStartedAtUtc, thread.FirstSeenAt), thread.StatusChangedAt);
        var passedWhileWatched = dueAt > watchedSince;
        return new FollowUpAssessment(true, dueAt, passedWhileWatched, options.AutoFollowUp && passedWhileWatched);
    }

    /// <inheritdoc cref="Assess(FollowUpCandidate, DateTime, InboxOptions, DateTime)"/>
    public static FollowUpAssessment Assess(SupportThread thread, DateTime nowUtc, InboxOptions options, DateTime appStartedAtUtc)
    {
        ArgumentNullException.ThrowIfNull(thread);
        return Assess(thread.ToFollowUpCandidate(), nowUtc, options, appStartedAtUtc);
    }

    private static DateTime Max(DateTime a, DateTime b) => a >= b ? a : b;
}
