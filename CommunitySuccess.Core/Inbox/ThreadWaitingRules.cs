namespace CommunitySuccess.Core.Inbox;

/// <summary>
/// Who a thread is waiting for. Waiting for the team = not Closed, not On Hold (and a support thread), and the
/// last message is the user's (or no team member has spoken); it started with the user's first message after
/// the team's last one. Waiting for the user = the team spoke last.
/// </summary>
public static class ThreadWaitingRules
{
    /// <summary>Summarises messages in any order (ties in time keep the given order).</summary>
    public static ThreadActivity Project(IEnumerable<MessageStamp> messages, ThreadStatus status, bool isNotSupport)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var ordered = messages.OrderBy(m => m.SentAt).ToList();

        DateTime? lastTeam = null;
        DateTime? lastUser = null;
        DateTime? unansweredSince = null;
        foreach (var message in ordered)
        {
            if (message.IsTeam)
            {
                lastTeam = message.SentAt;
                unansweredSince = null;
            }
            else
            {
                lastUser = message.SentAt;
                unansweredSince ??= message.SentAt;
            }
        }

        return new ThreadActivity(
            ordered.Count,
            ordered.Count == 0 ? null : ordered[^1].SentAt,
            ordered.Count > 0 && ordered[^1].IsTeam,
            lastTeam,
            lastUser,
            unansweredSince,
            WaitingForTeamSince(status, isNotSupport, unansweredSince));
    }

    /// <summary>The status-independent summary (<see cref="ThreadActivity.WaitingForTeamSince"/> as if Open).</summary>
    public static ThreadActivity Project(IEnumerable<MessageStamp> messages) =>
        Project(messages, ThreadStatus.Open, isNotSupport: false);

    /// <summary>Summarises stored messages, leaving deleted ones out.</summary>
    public static ThreadActivity Project(IEnumerable<ThreadMessage> messages, ThreadStatus status, bool isNotSupport)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return Project(
            messages.Where(m => !m.IsDeleted).OrderBy(m => m.Ts, StringComparer.Ordinal).Select(m => new MessageStamp(m.IsTeam, m.SentAt)),
            status,
            isNotSupport);
    }

    /// <summary>Since when the thread waits for the team, given the status; null when it does not.</summary>
    public static DateTime? WaitingForTeamSince(ThreadStatus status, bool isNotSupport, DateTime? unansweredSince) =>
        (status is ThreadStatus.Open or ThreadStatus.InProgress) && !isNotSupport ? unansweredSince : null;
}
