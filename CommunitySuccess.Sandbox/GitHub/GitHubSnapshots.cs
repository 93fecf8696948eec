namespace CommunitySuccess.Sandbox.GitHub;

/// <summary>An issue or pull request as the sandbox holds it right now, for assertions and demo tooling.</summary>
public sealed record GitHubIssueSnapshot(
    string Owner,
    string Repo,
    int Number,
    long Id,
    bool IsPullRequest,
    string Title,
    string? Body,
    string State,
    string? StateReason,
    string AuthorLogin,
    IReadOnlyList<string> Labels,
    IReadOnlyList<string> Assignees,
    IReadOnlyList<GitHubCommentSnapshot> Comments,
    IReadOnlyList<GitHubReviewSnapshot> Reviews,
    IReadOnlyDictionary<string, int> Reactions,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ClosedAt,
    bool Draft,
    DateTimeOffset? MergedAt);

/// <summary>One issue or pull request comment.</summary>
public sealed record GitHubCommentSnapshot(long Id, int IssueNumber, string Login, string Body, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>One pull request review; <see cref="State"/> is APPROVED, CHANGES_REQUESTED or COMMENTED.</summary>
public sealed record GitHubReviewSnapshot(long Id, string Login, string State, string? Body, DateTimeOffset SubmittedAt);

/// <summary>One release.</summary>
public sealed record GitHubReleaseSnapshot(long Id, string TagName, string? Name, string? Body, string AuthorLogin, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt);

/// <summary>One label of a repository.</summary>
public sealed record GitHubLabelSnapshot(long Id, string Name, string Color, string? Description);

/// <summary>
/// One request the REST emulator answered. <see cref="Path"/> is the path as received (with <c>/api/v3</c>);
/// <see cref="NotModified"/> marks a 304; <see cref="CountedAgainstRateLimit"/> says whether it used the quota.
/// </summary>
public sealed record GitHubRequestLogEntry(
    string Method,
    string Path,
    string Query,
    int StatusCode,
    bool NotModified,
    bool CountedAgainstRateLimit,
    string? Fault,
    DateTimeOffset At)
{
    /// <summary>Path and query string, e.g. <c>/api/v3/repos/acme/widgets/issues?page=2</c>.</summary>
    public string PathAndQuery => Path + Query;
}
