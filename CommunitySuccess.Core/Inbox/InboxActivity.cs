using CommunitySuccess.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CommunitySuccess.Core.Inbox;

/// <summary>A GitHub item waiting for the team with activity from outside it: a new issue, or a new comment on one.</summary>
/// <param name="ItemId">The inbox item (its page is <c>/inbox/{ItemId}</c>).</param>
/// <param name="Key"><c>owner/repo#number</c>.</param>
/// <param name="IsNew">Opened within the window, rather than commented on.</param>
public sealed record IssueActivity(long ItemId, string Key, bool IsPullRequest, string Title, string Author, bool IsNew, DateTime At);

/// <summary>
/// What the inbox offers other features (the on-call's direct messages) about recent activity, so they need not read
/// its tables: GitHub items whose last word is from outside the team, by when it was said.
/// </summary>
public static class InboxActivity
{
    /// <summary>The latest activity on any GitHub item (a comment, or its opening), or null when there is none.</summary>
    public static Task<DateTime?> LatestGitHubActivityAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Set<InboxItem>().Where(i => i.Source == InboxSource.GitHub).MaxAsync(i => (DateTime?)i.LastActivityAt, cancellationToken);
    }

    /// <summary>
    /// GitHub items waiting for the team whose last activity, from outside the team, falls after <paramref name="after"/>
    /// (exclusive) and up to <paramref name="upTo"/>, and is no older than <paramref name="notBefore"/>; oldest first.
    /// </summary>
    public static async Task<IReadOnlyList<IssueActivity>> GitHubWaitingAsync(
        AppDbContext db, DateTime? after, DateTime upTo, DateTime notBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var from = after is { } a && a > notBefore ? a : notBefore;
        var inclusive = after is null || after < notBefore;
        var rows = await db.Set<InboxItem>().AsNoTracking()
            .Where(i => i.Source == InboxSource.GitHub && i.WaitingForTeamSince != null && !i.LastByTeam && !i.IsNotSupport
                && (inclusive ? i.LastActivityAt >= from : i.LastActivityAt > from) && i.LastActivityAt <= upTo)
            .OrderBy(i => i.LastActivityAt).ThenBy(i => i.Id)
            .Select(i => new { i.Id, i.SourceKey, i.IsPullRequest, i.Preview, i.AuthorId, i.CreatedAt, i.LastActivityAt })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new IssueActivity(r.Id, r.SourceKey, r.IsPullRequest, r.Preview, r.AuthorId, r.CreatedAt >= r.LastActivityAt, r.LastActivityAt))];
    }
}
