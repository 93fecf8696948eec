using System.Globalization;
using System.Text.RegularExpressions;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Core.Team;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.GitHub;

/// <summary>
/// The on-call engineer's GitHub queues (Triage, Awaiting response, Contributor PRs), one issue's detail with its
/// comments, linked threads and pending writes, and a search over synced issues. Only the configured repositories
/// count; accounts ending in <c>[bot]</c> are in no queue. Pages are cut in the database.
/// </summary>
public sealed partial class GitHubQueueService(
    IDbContextFactory<AppDbContext> dbFactory,
    TeamService team,
    IOptionsMonitor<GitHubOptions> options)
{
    /// <summary>The largest page a caller may ask for.</summary>
    public const int MaxPageSize = 100;

    private const int MaxWritesShown = 30;

    /// <summary>One page (from 1) of a queue; a page beyond the end comes back empty with the right total.</summary>
    public async Task<GitHubQueuePage> GetPageAsync(GitHubQueue queue, int page, int pageSize, CancellationToken cancellationToken)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var teamLogins = await TeamLoginsAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = Ordered(Filtered(db, queue, teamLogins), queue);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.Skip((page - 1) * pageSize).Take(pageSize)
            .Select(i => new
            {
                i.Repository, i.Number, i.Title, i.AuthorLogin, i.IsPullRequest, i.Comments, i.ReactionsTotal,
                i.CreatedAt, i.UpdatedAt, i.LastCommentAt, i.LastCommentAuthor, i.LabelsText,
            })
            .ToListAsync(cancellationToken);
        var items = rows.Select(r => new GitHubQueueItem(
            r.Repository, r.Number, r.Title, r.AuthorLogin, r.IsPullRequest, r.Comments, r.ReactionsTotal, r.CreatedAt, r.UpdatedAt,
            r.LastCommentAt ?? r.CreatedAt, r.LastCommentAuthor, SplitLines(r.LabelsText))).ToList();
        return new GitHubQueuePage(items, total, page, pageSize);
    }

    /// <summary>How many items each queue holds.</summary>
    public async Task<GitHubQueueCounts> GetCountsAsync(CancellationToken cancellationToken)
    {
        var teamLogins = await TeamLoginsAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return new GitHubQueueCounts(
            await Filtered(db, GitHubQueue.Triage, teamLogins).CountAsync(cancellationToken),
            await Filtered(db, GitHubQueue.AwaitingResponse, teamLogins).CountAsync(cancellationToken),
            await Filtered(db, GitHubQueue.ContributorPullRequests, teamLogins).CountAsync(cancellationToken));
    }

    /// <summary>An issue or pull request with its comments (oldest first), linked Slack threads and our writes to it (newest first); null when not synced.</summary>
    public async Task<GitHubIssueDetail?> GetIssueAsync(string repository, int number, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(repository);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var issue = await db.Set<GitHubIssue>().AsNoTracking()
            .FirstOrDefaultAsync(i => i.Repository == repository && i.Number == number, cancellationToken);
        if (issue is null)
        {
            return null;
        }

        var directory = await team.GetDirectoryAsync(cancellationToken);
        var comments = await db.Set<GitHubComment>().AsNoTracking()
            .Where(c => c.Repository == issue.Repository && c.IssueNumber == number)
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);
        var threads = await LinkedThreadsAsync(db, issue.Repository, number, cancellationToken);
        var key = issue.Key;
        var writes = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.IssueKey == key)
            .OrderByDescending(m => m.Id).Take(MaxWritesShown).ToListAsync(cancellationToken);

        // Comments written in our app: who asked for each decides who may edit or delete it here.
        var commentIds = comments.Select(c => c.Id.ToString(CultureInfo.InvariantCulture)).ToList();
        var postedBy = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Kind == GitHubOutboxKinds.Comment && m.IssueKey == key && m.ResultRef != null && commentIds.Contains(m.ResultRef))
            .Select(m => new { m.ResultRef, m.CreatedBy, m.CreatedByUserId })
            .ToDictionaryAsync(m => m.ResultRef!, cancellationToken);

        return new GitHubIssueDetail(
            issue.Repository, issue.Number, issue.Title, issue.Body, issue.State, issue.StateReason, issue.AuthorLogin,
            directory.IsTeamGitHubLogin(issue.AuthorLogin), issue.IsPullRequest, issue.LabelNames, issue.AssigneeLogins,
            issue.ReactionsTotal, issue.PlusOne, issue.CreatedAt, issue.UpdatedAt, issue.ClosedAt, issue.HtmlUrl,
            issue.AwaitingTeam, issue.HasTeamReview,
            [.. comments.Select(c =>
            {
                var posted = postedBy.GetValueOrDefault(c.Id.ToString(CultureInfo.InvariantCulture));
                return new GitHubCommentView(c.Id, c.AuthorLogin, directory.IsTeamGitHubLogin(c.AuthorLogin), c.Body, c.CreatedAt, c.HtmlUrl)
                {
                    EditedAt = c.UpdatedAt > c.CreatedAt.AddSeconds(1) ? c.UpdatedAt : null,
                    PostedBy = posted?.CreatedBy,
                    PostedByUserId = posted?.CreatedByUserId,
                };
            })],
            threads, writes);
    }

    /// <summary>
    /// Synced issues and pull requests of the configured repositories matching <paramref name="query"/>: a number
    /// (<c>42</c>, <c>#42</c>, <c>owner/repo#42</c>) finds that issue; anything else searches titles. Open ones first,
    /// then the most recently updated.
    /// </summary>
    public async Task<IReadOnlyList<GitHubIssueSearchResult>> SearchAsync(string query, int take, CancellationToken cancellationToken)
    {
        query = (query ?? "").Trim();
        if (query.Length == 0)
        {
            return [];
        }

        take = Math.Clamp(take, 1, MaxPageSize);
        var repositories = options.CurrentValue.Repositories;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var issues = db.Set<GitHubIssue>().AsNoTracking().Where(i => repositories.Contains(i.Repository));
        var byNumber = IssueReference().Match(query);
        if (byNumber.Success && int.TryParse(byNumber.Groups["number"].Value, out var number))
        {
            issues = issues.Where(i => i.Number == number);
            if (byNumber.Groups["repo"].Success)
            {
                var repository = repositories.FirstOrDefault(r => string.Equals(r, byNumber.Groups["repo"].Value, StringComparison.OrdinalIgnoreCase)) ?? "";
                issues = issues.Where(i => i.Repository == repository);
            }
        }
        else
        {
            var pattern = "%" + query.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
                .Replace("_", "\\_", StringComparison.Ordinal) + "%";
            issues = issues.Where(i => EF.Functions.Like(i.Title, pattern, "\\"));
        }

        return await issues
            .OrderBy(i => i.State == "open" ? 0 : 1).ThenByDescending(i => i.UpdatedAt).ThenBy(i => i.Id)
            .Take(take)
            .Select(i => new GitHubIssueSearchResult(i.Repository, i.Number, i.Title, i.State, i.IsPullRequest, i.HtmlUrl, i.UpdatedAt))
            .ToListAsync(cancellationToken);
    }

    internal static async Task<IReadOnlyList<LinkedThreadView>> LinkedThreadsAsync(AppDbContext db, string repository, int number, CancellationToken cancellationToken)
    {
        var rows = await (
                from link in db.Set<ThreadIssueLink>()
                join thread in db.Set<SupportThread>() on link.ThreadId equals thread.Id
                where link.Repository == repository && link.Number == number
                orderby link.LinkedAt, link.Id
                select new { link.Id, link.ThreadId, thread.Text, thread.Status, link.LinkedAt, link.LinkedBy, link.NotifiedAt })
            .AsNoTracking().ToListAsync(cancellationToken);
        return [.. rows.Select(r => new LinkedThreadView(r.Id, r.ThreadId, FirstLine(r.Text), r.Status.ToDisplayName(), r.LinkedAt, r.LinkedBy, r.NotifiedAt))];
    }

    /// <summary>The first non-empty line of a Slack message, shortened for lists.</summary>
    internal static string FirstLine(string text) => SupportThread.FirstLineOf(text);

    private IQueryable<GitHubIssue> Filtered(AppDbContext db, GitHubQueue queue, List<string> teamLogins)
    {
        var repositories = options.CurrentValue.Repositories;
        var open = db.Set<GitHubIssue>().AsNoTracking()
            .Where(i => i.State == "open" && repositories.Contains(i.Repository) && !i.AuthorLogin.EndsWith("[bot]"));
        switch (queue)
        {
            case GitHubQueue.Triage:
                var triage = options.CurrentValue.Labels.Triage;
                return open.Where(i => !i.IsPullRequest && i.Labels.Any(l => l.Name == triage));
            case GitHubQueue.AwaitingResponse:
                return open.Where(i => i.AwaitingTeam);
            case GitHubQueue.ContributorPullRequests:
                return open.Where(i => i.IsPullRequest && !i.HasTeamReview && !teamLogins.Contains(i.AuthorLogin.ToLower()));
            default:
                throw new ArgumentOutOfRangeException(nameof(queue), queue, "Unknown GitHub queue.");
        }
    }

    private static IQueryable<GitHubIssue> Ordered(IQueryable<GitHubIssue> issues, GitHubQueue queue) => queue switch
    {
        GitHubQueue.AwaitingResponse => issues.OrderBy(i => i.LastCommentAt ?? i.CreatedAt).ThenBy(i => i.Id),
        _ => issues.OrderBy(i => i.CreatedAt).ThenBy(i => i.Id),
    };

    private async Task<List<string>> TeamLoginsAsync(CancellationToken cancellationToken) =>
        [.. (await team.ListAsync(cancellationToken))
            .Where(m => m.IsActive && !string.IsNullOrEmpty(m.GitHubLogin))
            .Select(m => m.GitHubLogin!.ToLowerInvariant())];

    private static IReadOnlyList<string> SplitLines(string text) => text.Length == 0 ? [] : text.Split('\n');

    [GeneratedRegex(@"^(?:(?<repo>[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9._-]+))?#?(?<number>\d{1,9})$")]
    private static partial Regex IssueReference();
}
