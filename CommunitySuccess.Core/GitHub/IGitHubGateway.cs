namespace CommunitySuccess.Core.GitHub;

/// <summary>
/// The narrow seam between the app and GitHub's REST API: our own records in, our own records out, so nothing else
/// depends on Octokit. Every failure is a <see cref="GitHubGatewayException"/>.
/// </summary>
/// <remarks>
/// Reads are conditional (ETags): repeating the same request costs no rate limit when nothing changed, so callers
/// should repeat the same <c>since</c> until they have committed what they read. Reads wait out rate limits (up to a
/// cap); writes are never retried here, the outbox does that after looking for its tag
/// (<see cref="FindCommentWithTagAsync"/>).
/// </remarks>
public interface IGitHubGateway
{
    /// <summary>The rate limit GitHub reported on the latest answer, from any call; null before the first.</summary>
    GitHubRateLimit? LastRateLimit { get; }

    /// <summary>The token's user (the settings page's "Test connection").</summary>
    Task<GitHubCurrentUser> GetCurrentUserAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Every issue and pull request of the repository (<c>state=all</c>) updated at or after <paramref name="sinceUtc"/>
    /// (all when null), oldest update first, all pages.
    /// </summary>
    Task<GitHubListResult<GitHubIssueRecord>> ListIssuesAsync(string owner, string repo, DateTime? sinceUtc, CancellationToken cancellationToken = default);

    /// <summary>One issue or pull request.</summary>
    Task<GitHubIssueRecord> GetIssueAsync(string owner, string repo, int number, CancellationToken cancellationToken = default);

    /// <summary>Every issue and pull request comment of the repository updated at or after <paramref name="sinceUtc"/>, oldest update first.</summary>
    Task<GitHubListResult<GitHubCommentRecord>> ListCommentsAsync(string owner, string repo, DateTime? sinceUtc, CancellationToken cancellationToken = default);

    /// <summary>The reviews of one pull request, in GitHub's order (oldest first).</summary>
    Task<IReadOnlyList<GitHubReviewRecord>> ListPullRequestReviewsAsync(string owner, string repo, int number, CancellationToken cancellationToken = default);

    /// <summary>Open pull requests with their draft flag and requested reviewers.</summary>
    Task<IReadOnlyList<GitHubPullRequestRecord>> ListOpenPullRequestsAsync(string owner, string repo, CancellationToken cancellationToken = default);

    /// <summary>Every release, newest first (drafts only when the token may see them).</summary>
    Task<IReadOnlyList<GitHubReleaseRecord>> ListReleasesAsync(string owner, string repo, CancellationToken cancellationToken = default);

    /// <summary>The release of a tag.</summary>
    Task<GitHubReleaseRecord> GetReleaseByTagAsync(string owner, string repo, string tag, CancellationToken cancellationToken = default);

    /// <summary>The repository's labels.</summary>
    Task<IReadOnlyList<GitHubLabelRecord>> ListLabelsAsync(string owner, string repo, CancellationToken cancellationToken = default);

    /// <summary>Creates a repository label (e.g. one of the process labels that is missing); <paramref name="color"/> is six hex digits (else <see cref="ArgumentOutOfRangeException"/>).</summary>
    Task<GitHubLabelRecord> CreateLabelAsync(string owner, string repo, string name, string color, string? description, CancellationToken cancellationToken = default);

    /// <summary>Opens an issue. Not retried on failure.</summary>
    Task<GitHubIssueRecord> CreateIssueAsync(string owner, string repo, string title, string? body, IReadOnlyCollection<string> labels, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether the token may open issues in the repository (the permission every desk write needs): null when it may,
    /// otherwise the permission to grant ("Issues: Read and write"). Creates nothing.
    /// </summary>
    Task<string?> FindMissingIssuesWriteAsync(string owner, string repo, CancellationToken cancellationToken = default);

    /// <summary>Comments on an issue or pull request. Not retried on failure.</summary>
    Task<GitHubCommentRecord> CreateCommentAsync(string owner, string repo, int number, string body, CancellationToken cancellationToken = default);

    /// <summary>Replaces a comment's text (only the account that wrote it, or a maintainer, may).</summary>
    Task<GitHubCommentRecord> UpdateCommentAsync(string owner, string repo, long commentId, string body, CancellationToken cancellationToken = default);

    /// <summary>Deletes a comment; answers false when it was already gone (a repeated attempt).</summary>
    Task<bool> DeleteCommentAsync(string owner, string repo, long commentId, CancellationToken cancellationToken = default);

    /// <summary>Adds labels (GitHub creates unknown ones); returns every label now on the issue.</summary>
    Task<IReadOnlyList<string>> AddLabelsAsync(string owner, string repo, int number, IReadOnlyCollection<string> labels, CancellationToken cancellationToken = default);

    /// <summary>Removes a label; a label that is already gone counts as removed.</summary>
    Task RemoveLabelAsync(string owner, string repo, int number, string label, CancellationToken cancellationToken = default);

    /// <summary>Closes an issue with a reason (<c>state_reason</c>), touching nothing else; returns it as closed.</summary>
    Task<GitHubIssueRecord> CloseIssueAsync(string owner, string repo, int number, GitHubCloseReason reason, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds an assignee; returns the issue. GitHub silently ignores a login that cannot be assigned, so check
    /// <see cref="GitHubIssueRecord.Assignees"/>.
    /// </summary>
    Task<GitHubIssueRecord> AssignAsync(string owner, string repo, int number, string login, CancellationToken cancellationToken = default);

    /// <summary>
    /// The first comment on the issue whose body contains <paramref name="tag"/> (e.g. <c>&lt;!-- cs:123 --&gt;</c>),
    /// or null: the outbox's look-before-resend.
    /// </summary>
    Task<GitHubCommentRecord?> FindCommentWithTagAsync(string owner, string repo, int number, string tag, CancellationToken cancellationToken = default);

    /// <summary>Adds the token's reaction (<c>eyes</c>, <c>+1</c>, …) to an issue; an existing one is left as it is.</summary>
    Task AddIssueReactionAsync(string owner, string repo, int number, string content, CancellationToken cancellationToken = default);
}
