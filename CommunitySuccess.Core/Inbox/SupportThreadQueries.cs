namespace CommunitySuccess.Core.Inbox;

/// <summary>
/// The inbox's queries, each shaped so SQLite answers it from one index range without sorting (see
/// <see cref="SupportThreadConfiguration"/>). Changing a filter or an order here can turn a page into a table
/// scan: the index tests in CommunitySuccess.Tests/Inbox check the plans.
/// </summary>
public static class SupportThreadQueries
{
    /// <summary>Threads waiting for the team (Open or In Progress, user spoke last, support threads), longest first.</summary>
    public static IQueryable<SupportThread> WaitingForTeam(this IQueryable<SupportThread> threads) =>
        threads.Where(t => t.WaitingForTeamSince != null).OrderBy(t => t.WaitingForTeamSince).ThenBy(t => t.Id);

    /// <summary>Support threads in one status, latest activity first.</summary>
    public static IQueryable<SupportThread> InStatusByLatestActivity(this IQueryable<SupportThread> threads, ThreadStatus status) =>
        threads.Where(t => t.Status == status && !t.IsNotSupport).OrderByDescending(t => t.LastMessageAt).ThenByDescending(t => t.Id);

    /// <summary>Support threads in one status, longest in that status first (On Hold longest, In Progress longest).</summary>
    public static IQueryable<SupportThread> InStatusLongestFirst(this IQueryable<SupportThread> threads, ThreadStatus status) =>
        threads.Where(t => t.Status == status && !t.IsNotSupport).OrderBy(t => t.StatusChangedAt).ThenBy(t => t.Id);

    /// <summary>Threads the follow-up rule may flag: In Progress, the team spoke last, before <paramref name="teamAnsweredBefore"/>
    /// (now minus <see cref="InboxOptions.FollowUpAfterHours"/>). Assess each with <see cref="FollowUpRules"/>.</summary>
    public static IQueryable<SupportThread> FollowUpSweep(this IQueryable<SupportThread> threads, DateTime teamAnsweredBefore) =>
        threads
            .Where(t => t.Status == ThreadStatus.InProgress && t.LastTeamMessageAt < teamAnsweredBefore && t.LastMessageByTeam && !t.IsNotSupport)
            .OrderBy(t => t.LastTeamMessageAt)
            .ThenBy(t => t.Id);

    /// <summary>Threads flagged as needing a follow-up, longest overdue first.</summary>
    public static IQueryable<SupportThread> NeedingFollowUp(this IQueryable<SupportThread> threads) =>
        threads.Where(t => t.NeedsFollowUp).OrderBy(t => t.FollowUpDueAt).ThenBy(t => t.Id);
}
