using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Notifications;
using CommunitySuccess.Core.Team;
using CommunitySuccess.Core.Inbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.GitHub;

/// <summary>
/// The one upsert the polling sync and the webhooks feed: issues, comments, reviews and releases keyed by
/// GitHub's ids, and the derived queue fields (who spoke last, team review). Running it twice changes nothing.
/// </summary>
public sealed class GitHubIngestService(
    IDbContextFactory<AppDbContext> dbFactory,
    TeamService team,
    GitHubTokenIdentity tokenIdentity,
    IOptionsMonitor<GitHubOptions> options,
    ChangeNotifier notifier,
    TimeProvider time)
{
    /// <summary>Stores issues/PRs; returns how many were new or changed.</summary>
    public async Task<int> UpsertIssuesAsync(string repository, IReadOnlyCollection<GitHubIssueRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return 0;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await UpsertIssuesOnceAsync(repository, records, cancellationToken);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // A webhook and a sync inserted the same new issue at once (or a click moved its inbox row): read again
                // and decide on what is stored now; facts already stored are not seen twice.
            }
        }
    }

    private async Task<int> UpsertIssuesOnceAsync(string repository, IReadOnlyCollection<GitHubIssueRecord> records, CancellationToken cancellationToken)
    {

        var directory = await team.GetDirectoryAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = records.Select(r => r.Id).ToList();
        var existing = await db.Set<GitHubIssue>().Include(i => i.Labels).Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        var changed = new List<(GitHubIssue Issue, List<IssueFactAt> Facts)>();
        foreach (var record in records)
        {
            var facts = new List<IssueFactAt>();
            if (!existing.TryGetValue(record.Id, out var issue))
            {
                issue = new GitHubIssue { Id = record.Id, Repository = repository };
                db.Add(issue);
                existing[record.Id] = issue;
            }
            else if (issue.UpdatedAt > record.UpdatedAt || (issue.UpdatedAt == record.UpdatedAt && SameContent(issue, record)))
            {
                // An older copy (a late webhook), or the same one again. GitHub's updated_at has second precision, so
                // two changes in one second (create then close, add then remove a label) share it: compare content.
                continue;
            }
            else
            {
                facts.AddRange(GitHubInboxMapping.IssueFacts(issue, record, options.CurrentValue.Labels));
            }

            Apply(issue, record);
            issue.AwaitingTeam = IsAwaitingTeam(issue, directory, tokenIdentity);
            changed.Add((issue, facts));
        }

        await IngestIntoInboxAsync(db, repository, changed, directory, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (changed.Count > 0)
        {
            notifier.Notify(ChangeArea.GitHub);
        }

        return changed.Count;
    }

    /// <summary>
    /// Forgets an issue deleted on GitHub (a 410, or the <c>issues.deleted</c> webhook): its row, comments and reviews,
    /// and its inbox item, so it leaves every queue. Returns false when it was not stored.
    /// </summary>
    public async Task<bool> RemoveIssueAsync(string repository, int number, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var issue = await db.Set<GitHubIssue>().FirstOrDefaultAsync(i => i.Repository == repository && i.Number == number, cancellationToken);
        if (issue is null)
        {
            return false;
        }

        db.RemoveRange(await db.Set<GitHubComment>().Where(c => c.Repository == repository && c.IssueNumber == number).ToListAsync(cancellationToken));
        db.RemoveRange(await db.Set<GitHubReview>().Where(r => r.Repository == repository && r.Number == number).ToListAsync(cancellationToken));
        await IssueInboxIngest.RemoveAsync(db, issue.Id, cancellationToken);
        db.Remove(issue);
        await db.SaveChangesAsync(cancellationToken);
        notifier.Notify(ChangeArea.GitHub);
        return true;
    }

    /// <summary>
    /// Forgets a comment deleted on GitHub (by us through the outbox, or the <c>issue_comment.deleted</c> webhook) and
    /// refreshes its issue's "who spoke last". A deletion is not a new fact: the item's status stays. False when unknown.
    /// </summary>
    public async Task<bool> RemoveCommentAsync(string repository, long commentId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var comment = await db.Set<GitHubComment>().FirstOrDefaultAsync(c => c.Id == commentId && c.Repository == repository, cancellationToken);
        if (comment is null)
        {
            return false;
        }

        db.Remove(comment);
        await db.SaveChangesAsync(cancellationToken);
        await RefreshLastSpeakerAsync(db, repository, [comment.IssueNumber], [], cancellationToken);
        notifier.Notify(ChangeArea.GitHub);
        return true;
    }

    /// <summary>Stores comments and refreshes each touched issue's "who spoke last".</summary>
    public async Task<int> UpsertCommentsAsync(string repository, IReadOnlyCollection<GitHubCommentRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return 0;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = records.Select(r => r.Id).ToList();
        var existing = await db.Set<GitHubComment>().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var added = new List<GitHubCommentRecord>();
        foreach (var record in records)
        {
            if (!existing.TryGetValue(record.Id, out var comment))
            {
                comment = new GitHubComment { Id = record.Id, Repository = repository };
                db.Add(comment);
                existing[record.Id] = comment;
                added.Add(record);
            }
            else if (comment.UpdatedAt > record.UpdatedAt)
            {
                // A late webhook or a replayed delivery: the stored copy is newer and its text wins.
                continue;
            }

            comment.IssueNumber = record.IssueNumber;
            comment.AuthorLogin = record.AuthorLogin;
            comment.Body = record.Body;
            comment.CreatedAt = record.CreatedAt;
            comment.UpdatedAt = record.UpdatedAt;
            comment.HtmlUrl = record.HtmlUrl;
        }

        await db.SaveChangesAsync(cancellationToken);
        await RefreshLastSpeakerAsync(db, repository, records.Select(r => r.IssueNumber).Distinct().ToList(), added, cancellationToken);
        notifier.Notify(ChangeArea.GitHub);
        return records.Count;
    }

    /// <summary>Stores a pull request's reviews and whether the team reviewed it.</summary>
    public async Task UpsertReviewsAsync(string repository, int number, IReadOnlyCollection<GitHubReviewRecord> records, DateTime? readAtUpdatedAt, CancellationToken cancellationToken)
    {
        var directory = await team.GetDirectoryAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = records.Select(r => r.Id).ToList();
        var existing = await db.Set<GitHubReview>().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var facts = new List<IssueFactAt>();
        foreach (var record in records)
        {
            if (!existing.TryGetValue(record.Id, out var review))
            {
                review = new GitHubReview { Id = record.Id, Repository = repository };
                db.Add(review);
                facts.AddRange(GitHubInboxMapping.ReviewFacts(record, IsTeam(directory, record.AuthorLogin), record.SubmittedAt ?? time.GetUtcNow().UtcDateTime));
            }

            review.Number = number;
            review.AuthorLogin = record.AuthorLogin;
            review.State = record.State;
            review.SubmittedAt = record.SubmittedAt;
        }

        var issue = await db.Set<GitHubIssue>().FirstOrDefaultAsync(i => i.Repository == repository && i.Number == number, cancellationToken);
        if (issue is not null)
        {
            var allReviewers = await db.Set<GitHubReview>().Where(r => r.Repository == repository && r.Number == number)
                .Select(r => r.AuthorLogin).ToListAsync(cancellationToken);
            issue.HasTeamReview = allReviewers.Concat(records.Select(r => r.AuthorLogin)).Any(directory.IsTeamGitHubLogin);
            issue.ReviewsReadAt = readAtUpdatedAt ?? issue.UpdatedAt;
            await IngestIntoInboxAsync(db, repository, [(issue, facts)], directory, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        notifier.Notify(ChangeArea.GitHub);
    }

    public async Task UpsertReleasesAsync(string repository, IReadOnlyCollection<GitHubReleaseRecord> records, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = records.Select(r => r.Id).ToList();
        var existing = await db.Set<GitHubRelease>().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var added = false;
        foreach (var record in records)
        {
            if (!existing.TryGetValue(record.Id, out var release))
            {
                release = new GitHubRelease { Id = record.Id, Repository = repository };
                db.Add(release);
                added = true;
            }

            release.TagName = record.TagName;
            release.Name = record.Name;
            release.HtmlUrl = record.HtmlUrl;
            release.PublishedAt = record.PublishedAt;
            release.Draft = record.Draft;
            release.Prerelease = record.Prerelease;
        }

        await db.SaveChangesAsync(cancellationToken);
        if (added)
        {
            notifier.Notify(ChangeArea.GitHub);
        }
    }

    /// <summary>Issues whose reviews must be read: open pull requests changed since their reviews were last read.</summary>
    public async Task<IReadOnlyList<(int Number, DateTime UpdatedAt)>> PullRequestsNeedingReviewsAsync(string repository, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<GitHubIssue>()
            .Where(i => i.Repository == repository && i.IsPullRequest && i.State == "open" && (i.ReviewsReadAt == null || i.ReviewsReadAt < i.UpdatedAt))
            .Select(i => new { i.Number, i.UpdatedAt }).ToListAsync(cancellationToken);
        return rows.Select(r => (r.Number, r.UpdatedAt)).ToList();
    }

    private static bool SameContent(GitHubIssue issue, GitHubIssueRecord record) =>
        issue.State == record.State && issue.StateReason == record.StateReason && issue.ClosedAt == record.ClosedAt
        && issue.Title == record.Title && issue.Body == record.Body && issue.Comments == record.Comments
        && issue.ReactionsTotal == record.ReactionsTotal && issue.PlusOne == record.PlusOne
        && issue.LabelsText == string.Join('\n', record.Labels) && issue.AssigneesText == string.Join('\n', record.Assignees);

    private static void Apply(GitHubIssue issue, GitHubIssueRecord record)
    {
        issue.Number = record.Number;
        issue.Title = record.Title;
        issue.Body = record.Body;
        issue.State = record.State;
        issue.StateReason = record.StateReason;
        issue.AuthorLogin = record.AuthorLogin;
        issue.AuthorAssociation = record.AuthorAssociation;
        issue.IsPullRequest = record.IsPullRequest;
        issue.LabelsText = string.Join('\n', record.Labels);
        issue.AssigneesText = string.Join('\n', record.Assignees);
        issue.Comments = record.Comments;
        issue.ReactionsTotal = record.ReactionsTotal;
        issue.PlusOne = record.PlusOne;
        issue.CreatedAt = record.CreatedAt;
        issue.UpdatedAt = record.UpdatedAt;
        issue.ClosedAt = record.ClosedAt;
        issue.HtmlUrl = record.HtmlUrl;

        var wanted = record.Labels.ToHashSet(StringComparer.Ordinal);
        foreach (var gone in issue.Labels.Where(l => !wanted.Contains(l.Name)).ToList())
        {
            issue.Labels.Remove(gone);
        }

        foreach (var name in wanted.Where(n => issue.Labels.All(l => l.Name != n)))
        {
            issue.Labels.Add(new GitHubIssueLabel { Issue = issue, Name = name });
        }
    }

    private async Task RefreshLastSpeakerAsync(
        AppDbContext db, string repository, List<int> numbers, List<GitHubCommentRecord> added, CancellationToken cancellationToken)
    {
        var directory = await team.GetDirectoryAsync(cancellationToken);
        var issues = await db.Set<GitHubIssue>().Where(i => i.Repository == repository && numbers.Contains(i.Number)).ToListAsync(cancellationToken);
        var changed = new List<(GitHubIssue, List<IssueFactAt>)>();
        foreach (var issue in issues)
        {
            changed.Add((issue, [.. added.Where(c => c.IssueNumber == issue.Number)
                .SelectMany(c => GitHubInboxMapping.CommentFacts(c, IsTeam(directory, c.AuthorLogin)))]));
            // A bot's comment (CI, a stale bot) answers nobody: the person before it is still waiting.
            var last = await db.Set<GitHubComment>()
                .Where(c => c.Repository == repository && c.IssueNumber == issue.Number && !c.AuthorLogin.EndsWith("[bot]"))
                .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
                .Select(c => new { c.AuthorLogin, c.CreatedAt }).FirstOrDefaultAsync(cancellationToken);
            issue.LastCommentAuthor = last?.AuthorLogin;
            issue.LastCommentAt = last?.CreatedAt;
            issue.AwaitingTeam = IsAwaitingTeam(issue, directory, tokenIdentity);
        }

        await IngestIntoInboxAsync(db, repository, changed, directory, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Maps the changed issues into the inbox's records, with the facts seen for the first time, on the same context:
    /// the inbox rows are saved in the same transaction as the issues.
    /// </summary>
    private async Task IngestIntoInboxAsync(
        AppDbContext db, string repository, IReadOnlyList<(GitHubIssue Issue, List<IssueFactAt> Facts)> changed, TeamDirectory directory,
        CancellationToken cancellationToken)
    {
        if (changed.Count == 0)
        {
            return;
        }

        var numbers = changed.Select(c => c.Issue.Number).ToList();
        var numberSet = numbers.ToHashSet();
        var comments = (await db.Set<GitHubComment>().AsNoTracking()
                .Where(c => c.Repository == repository && numbers.Contains(c.IssueNumber))
                .Select(c => new { c.IssueNumber, c.AuthorLogin, c.CreatedAt, c.Id })
                .ToListAsync(cancellationToken))
            .Concat(db.ChangeTracker.Entries<GitHubComment>().Select(e => e.Entity).Where(c => c.Repository == repository && numberSet.Contains(c.IssueNumber))
                .Select(c => new { c.IssueNumber, c.AuthorLogin, c.CreatedAt, c.Id }))
            .DistinctBy(c => c.Id)
            .ToLookup(c => c.IssueNumber);
        var reviews = (await db.Set<GitHubReview>().AsNoTracking()
                .Where(r => r.Repository == repository && numbers.Contains(r.Number) && r.SubmittedAt != null)
                .Select(r => new { r.Number, r.AuthorLogin, r.SubmittedAt, r.Id })
                .ToListAsync(cancellationToken))
            .Concat(db.ChangeTracker.Entries<GitHubReview>().Select(e => e.Entity).Where(r => r.Repository == repository && numberSet.Contains(r.Number) && r.SubmittedAt != null)
                .Select(r => new { r.Number, r.AuthorLogin, r.SubmittedAt, r.Id }))
            .DistinctBy(r => r.Id)
            .ToLookup(r => r.Number);
        var labels = options.CurrentValue.Labels;
        var records = changed.Select(change =>
        {
            var (issue, facts) = change;
            var timeline = comments[issue.Number].Select(c => new GitHubInboxMapping.Spoken(c.AuthorLogin, c.CreatedAt, IsTeam(directory, c.AuthorLogin)))
                .Concat(reviews[issue.Number].Select(r => new GitHubInboxMapping.Spoken(r.AuthorLogin, r.SubmittedAt!.Value, IsTeam(directory, r.AuthorLogin))));
            var record = GitHubInboxMapping.ToRecord(issue, timeline, IsTeam(directory, issue.AuthorLogin), labels.Triage);
            return (record, (IReadOnlyCollection<IssueFactAt>)facts);
        }).ToList();
        await IssueInboxIngest.ApplyAsync(db, records, cancellationToken);
    }

    /// <summary>A team member's login, or our own token's account.</summary>
    private bool IsTeam(TeamDirectory directory, string login) => directory.IsTeamGitHubLogin(login) || tokenIdentity.IsToken(login);

    /// <summary>
    /// The latest comment — or, with no comments, the opening post — is from someone outside the team (bots excluded;
    /// our own token's account counts as the team).
    /// </summary>
    private static bool IsAwaitingTeam(GitHubIssue issue, TeamDirectory directory, GitHubTokenIdentity tokenIdentity)
    {
        var lastSpeaker = issue.LastCommentAuthor ?? issue.AuthorLogin;
        return !directory.IsTeamGitHubLogin(lastSpeaker) && !tokenIdentity.IsToken(lastSpeaker)
            && !lastSpeaker.EndsWith("[bot]", StringComparison.OrdinalIgnoreCase);
    }
}
