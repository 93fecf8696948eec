using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Outbox;

namespace CommunitySuccess.Core.GitHub;

/// <summary>The GitHub queues of the on-call engineer.</summary>
public enum GitHubQueue
{
    /// <summary>Open issues carrying the <c>GitHub:Labels:Triage</c> label, oldest first.</summary>
    Triage,

    /// <summary>Open issues and pull requests whose latest comment (or, with none, opening post) is from outside the team, waiting longest first.</summary>
    AwaitingResponse,

    /// <summary>Open pull requests by people outside the team that no team member has reviewed yet, oldest first.</summary>
    ContributorPullRequests,
}

/// <summary>One row of a queue.</summary>
/// <param name="WaitingSince">When the outside person last spoke (latest comment, else the opening post).</param>
public sealed record GitHubQueueItem(
    string Repository,
    int Number,
    string Title,
    string AuthorLogin,
    bool IsPullRequest,
    int Comments,
    int Reactions,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime WaitingSince,
    string? LastCommentAuthor,
    IReadOnlyList<string> Labels)
{
    /// <summary><c>owner/repo#number</c>.</summary>
    public string Key => $"{Repository}#{Number}";
}

/// <summary>One page of a queue; <see cref="Page"/> counts from 1.</summary>
public sealed record GitHubQueuePage(IReadOnlyList<GitHubQueueItem> Items, int Total, int Page, int PageSize)
{
    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}

/// <summary>How many items each queue holds (tab badges).</summary>
public sealed record GitHubQueueCounts(int Triage, int AwaitingResponse, int ContributorPullRequests);

/// <summary>An issue or pull request as the detail pane shows it. Bodies are untrusted markdown: render them with <see cref="GitHubMarkdown"/>.</summary>
public sealed record GitHubIssueDetail(
    string Repository,
    int Number,
    string Title,
    string? Body,
    string State,
    string? StateReason,
    string AuthorLogin,
    bool AuthorIsTeam,
    bool IsPullRequest,
    IReadOnlyList<string> Labels,
    IReadOnlyList<string> Assignees,
    int Reactions,
    int PlusOne,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? ClosedAt,
    string HtmlUrl,
    bool AwaitingTeam,
    bool HasTeamReview,
    IReadOnlyList<GitHubCommentView> Comments,
    IReadOnlyList<LinkedThreadView> LinkedThreads,
    IReadOnlyList<OutboxMessage> Writes)
{
    public string Key => $"{Repository}#{Number}";

    public bool IsOpen => State == "open";
}

/// <summary>A comment in the detail pane; <see cref="Body"/> is untrusted markdown.</summary>
public sealed record GitHubCommentView(long Id, string AuthorLogin, bool IsTeam, string Body, DateTime CreatedAt, string HtmlUrl)
{
    /// <summary>When it was last edited (GitHub's <c>updated_at</c> after its creation), for "edited".</summary>
    public DateTime? EditedAt { get; init; }

    /// <summary>Who wrote it in our app (the outbox write that posted it); null for comments written on GitHub.</summary>
    public string? PostedBy { get; init; }

    /// <summary>The account that wrote it in our app.</summary>
    public string? PostedByUserId { get; init; }

    /// <summary>Its text without our hidden outbox tag: what an edit starts from.</summary>
    public string Text => GitHubOutboxSender.WithoutTag(Body);

    /// <summary>Written in our app by <paramref name="me"/>: they may edit or delete it here.</summary>
    public bool IsPostedBy(AppActor me)
    {
        ArgumentNullException.ThrowIfNull(me);
        return PostedBy is not null && me.Wrote(PostedByUserId, PostedBy);
    }
}

/// <summary>A Slack thread linked to an issue.</summary>
public sealed record LinkedThreadView(long LinkId, long ThreadId, string FirstLine, string Status, DateTime LinkedAt, string LinkedBy, DateTime? NotifiedAt);

/// <summary>What became of a thread's linked issue, for the inbox row and the thread pane.</summary>
public enum IssueLinkState
{
    /// <summary>"Create GitHub issue" is still in the outbox.</summary>
    Creating,

    /// <summary>Creating the issue failed; the outbox row says why and can be retried.</summary>
    CreateFailed,

    Open,

    /// <summary>Closed, and no release published since (or closed as not planned).</summary>
    Closed,

    /// <summary>Closed as completed and a release was published after that.</summary>
    Released,
}

/// <summary>One issue linked to a thread; <see cref="Number"/> is 0 while it is being created.</summary>
public sealed record LinkedIssueState(
    long LinkId,
    string Repository,
    int Number,
    string? Title,
    IssueLinkState State,
    string? HtmlUrl,
    string? ReleaseTag,
    long? CreateOutboxId,
    string? Error)
{
    /// <summary><c>owner/repo#number</c>, or <c>owner/repo (new)</c> while being created.</summary>
    public string Key => Number == 0 ? $"{Repository} (new)" : $"{Repository}#{Number}";
}

/// <summary>A synced issue found by number or title, for "Link existing issue" and search.</summary>
public sealed record GitHubIssueSearchResult(string Repository, int Number, string Title, string State, bool IsPullRequest, string HtmlUrl, DateTime UpdatedAt)
{
    public string Key => $"{Repository}#{Number}";
}

/// <summary>"Create GitHub issue" prefilled from a thread.</summary>
public sealed record GitHubIssueDraft(IReadOnlyList<string> Repositories, string Repository, string Title, string Body);

/// <summary>
/// An issue closed as completed whose fix shipped in <see cref="ReleaseTag"/>, with the linked threads not told yet
/// and the drafted Slack message.
/// </summary>
public sealed record ReadyToNotify(
    string Repository,
    int Number,
    string Title,
    string IssueUrl,
    DateTime ClosedAt,
    long ReleaseId,
    string ReleaseTag,
    string? ReleaseName,
    string ReleaseUrl,
    DateTime ReleasePublishedAt,
    IReadOnlyList<LinkedThreadView> Threads,
    string DraftMessage)
{
    public string Key => $"{Repository}#{Number}";
}
