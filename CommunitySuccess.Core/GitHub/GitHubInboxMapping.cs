using CommunitySuccess.Core.Inbox;

namespace CommunitySuccess.Core.GitHub;

/// <summary>
/// How GitHub's data maps into the inbox: which changes are facts for <see cref="IssueStatusRules"/>, and what an
/// issue looks like as an <see cref="IssueItemRecord"/>. Pure, so the mapping is tested without a database.
/// </summary>
public static class GitHubInboxMapping
{
    /// <summary>Someone spoke on an issue: a comment or a review (the opening post is the issue itself).</summary>
    public sealed record Spoken(string Login, DateTime At, bool IsTeam);

    /// <summary>The facts in the difference between the stored issue and its newer copy: Triage removed, closed, re-opened.</summary>
    /// <remarks>What replaced Triage is the label added with it, or — when GitHub delivered the addition first, as a
    /// separate change — the triage outcome (Product review, Community) the issue now carries.</remarks>
    public static IEnumerable<IssueFactAt> IssueFacts(GitHubIssue stored, GitHubIssueRecord newer, GitHubLabelOptions labels)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(newer);
        ArgumentNullException.ThrowIfNull(labels);
        var at = newer.UpdatedAt;
        var triageLabel = labels.Triage;
        if (stored.LabelNames.Contains(triageLabel) && !newer.Labels.Contains(triageLabel))
        {
            var replacement = newer.Labels.Except(stored.LabelNames).FirstOrDefault()
                ?? new[] { labels.ProductReview, labels.Community }.FirstOrDefault(newer.Labels.Contains);
            yield return new IssueFactAt(at, new IssueFact.TriageLabelRemoved(replacement), null);
        }

        if (stored.State == "open" && newer.State == "closed")
        {
            yield return new IssueFactAt(newer.ClosedAt ?? at, new IssueFact.ClosedOnGitHub(), null);
        }
        else if (stored.State == "closed" && newer.State == "open")
        {
            yield return new IssueFactAt(at, new IssueFact.ReopenedOnGitHub(), null);
        }
    }

    /// <summary>A comment seen for the first time: the team's, or someone else's; a bot's answers nobody.</summary>
    public static IEnumerable<IssueFactAt> CommentFacts(GitHubCommentRecord comment, bool byTeam)
    {
        ArgumentNullException.ThrowIfNull(comment);
        if (IsBot(comment.AuthorLogin))
        {
            yield break;
        }

        yield return new IssueFactAt(comment.CreatedAt, byTeam ? new IssueFact.TeamComment() : new IssueFact.OutsideComment(), comment.AuthorLogin);
    }

    /// <summary>A review seen for the first time: the team's counts as a team comment, and an approval lets the pull request go.</summary>
    public static IEnumerable<IssueFactAt> ReviewFacts(GitHubReviewRecord review, bool byTeam, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(review);
        if (!byTeam || IsBot(review.AuthorLogin) || review.State == "PENDING")
        {
            yield break;
        }

        yield return new IssueFactAt(at, new IssueFact.TeamComment(), review.AuthorLogin);
        if (review.State == "APPROVED")
        {
            yield return new IssueFactAt(at, new IssueFact.ApprovedByTeam(), review.AuthorLogin);
        }
    }

    /// <summary>
    /// The inbox's record of an issue: who spoke last (bots never count), since when the outside world waits, and
    /// whether it needs the team (Triage label, someone outside the team spoke last, or a contributor's pull request
    /// no team member has reviewed).
    /// </summary>
    public static IssueItemRecord ToRecord(GitHubIssue issue, IEnumerable<Spoken> spoken, bool authorIsTeam, string triageLabel)
    {
        ArgumentNullException.ThrowIfNull(issue);
        ArgumentNullException.ThrowIfNull(spoken);
        var timeline = spoken.Where(s => !IsBot(s.Login)).OrderBy(s => s.At)
            .Prepend(new Spoken(issue.AuthorLogin, issue.CreatedAt, authorIsTeam))
            .ToList();
        DateTime? lastTeam = null;
        DateTime? unansweredSince = null;
        foreach (var entry in timeline)
        {
            if (entry.IsTeam)
            {
                lastTeam = entry.At;
                unansweredSince = null;
            }
            else
            {
                unansweredSince ??= entry.At;
            }
        }

        var lastByTeam = timeline[^1].IsTeam;
        var labels = issue.LabelNames;
        var needsTeam = issue.IsOpen && !issue.IsBotAuthor
            && ((labels.Contains(triageLabel) && !issue.IsPullRequest) || !lastByTeam || (issue.IsPullRequest && !authorIsTeam && !issue.HasTeamReview));
        return new IssueItemRecord(
            issue.Id, issue.Repository, issue.Number, issue.IsPullRequest, issue.Title, issue.AuthorLogin, AuthorTimeZone: null,
            labels, issue.IsOpen, needsTeam, issue.CreatedAt, timeline[^1].At, lastTeam, lastByTeam, unansweredSince,
            MessageCount: timeline.Count(s => s.At >= issue.CreatedAt));
    }

    private static bool IsBot(string login) => login.EndsWith("[bot]", StringComparison.OrdinalIgnoreCase);
}
