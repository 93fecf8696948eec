namespace CommunitySuccess.Core.GitHub;

/// <summary>
/// An issue or a pull request as GitHub's issues API (and the <c>issues</c> / <c>pull_request</c> webhooks) show it.
/// Times are UTC. <see cref="State"/>, <see cref="StateReason"/> and <see cref="AuthorAssociation"/> are GitHub's own
/// lower- or upper-case strings (<c>open</c>, <c>not_planned</c>, <c>FIRST_TIME_CONTRIBUTOR</c>), kept as text so a
/// value GitHub adds later does not break a sync.
/// </summary>
public sealed record GitHubIssueRecord(
    long Id,
    int Number,
    string Title,
    string? Body,
    string State,
    string? StateReason,
    string AuthorLogin,
    bool IsPullRequest,
    IReadOnlyList<string> Labels,
    IReadOnlyList<string> Assignees,
    int Comments,
    int ReactionsTotal,
    int PlusOne,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? ClosedAt,
    string HtmlUrl,
    string AuthorAssociation);

/// <summary>A comment on an issue or a pull request (the conversation tab, not a review comment on code).</summary>
public sealed record GitHubCommentRecord(
    long Id,
    int IssueNumber,
    string AuthorLogin,
    string Body,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    string HtmlUrl);

/// <summary>A pull request review; <see cref="State"/> is upper-case as the REST API sends it (<c>APPROVED</c>, <c>CHANGES_REQUESTED</c>, <c>COMMENTED</c>, <c>DISMISSED</c>, <c>PENDING</c>); webhooks send it lower-case and are normalised.</summary>
public sealed record GitHubReviewRecord(long Id, string AuthorLogin, string State, DateTime? SubmittedAt);

/// <summary>A release; drafts have no <see cref="PublishedAt"/>.</summary>
public sealed record GitHubReleaseRecord(
    long Id,
    string TagName,
    string? Name,
    string HtmlUrl,
    DateTime? PublishedAt,
    bool Draft,
    bool Prerelease);

/// <summary>A repository label; <see cref="Color"/> is six hex digits without <c>#</c>.</summary>
public sealed record GitHubLabelRecord(long Id, string Name, string Color, string? Description);

/// <summary>
/// An open pull request as the pulls API shows it: what the issues API leaves out (draft, requested reviewers),
/// for guiding contributors' pull requests.
/// </summary>
public sealed record GitHubPullRequestRecord(
    long Id,
    int Number,
    string Title,
    string AuthorLogin,
    string AuthorAssociation,
    bool Draft,
    IReadOnlyList<string> RequestedReviewers,
    IReadOnlyList<string> Labels,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    string HtmlUrl);

/// <summary>The core REST rate limit as GitHub last reported it (<c>X-RateLimit-*</c> headers); <see cref="ResetAt"/> is UTC.</summary>
public sealed record GitHubRateLimit(int Limit, int Remaining, DateTime ResetAt);

/// <summary>Who the token belongs to, and the rate limit seen with that answer.</summary>
public sealed record GitHubCurrentUser(string Login, GitHubRateLimit? RateLimit);

/// <summary>
/// A list read with ETags. <see cref="Unchanged"/> is true when every page came back <c>304 Not Modified</c>
/// (the items are the cached copy and cost no rate limit): nothing changed since the same request last ran.
/// </summary>
public sealed record GitHubListResult<T>(IReadOnlyList<T> Items, bool Unchanged);

/// <summary>How an issue is closed (GitHub's <c>state_reason</c>).</summary>
public enum GitHubCloseReason
{
    /// <summary><c>completed</c>: done, fixed, answered.</summary>
    Completed,

    /// <summary><c>not_planned</c>: won't fix, duplicate, stale.</summary>
    NotPlanned,
}
