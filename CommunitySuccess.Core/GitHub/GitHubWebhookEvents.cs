namespace CommunitySuccess.Core.GitHub;

/// <summary>
/// A GitHub webhook delivery, typed by its <c>X-GitHub-Event</c>. <see cref="Action"/> is the payload's
/// <c>action</c> (<c>opened</c>, <c>labeled</c>, …; empty when the event has none), <see cref="Repository"/> its
/// <c>owner/name</c> and <see cref="SenderLogin"/> who caused it.
/// </summary>
public abstract record GitHubWebhookEvent(string EventName, string Action, string? Repository, string? SenderLogin);

/// <summary><c>ping</c>: sent once when the webhook is created.</summary>
public sealed record GitHubPingEvent(string? Zen, long? HookId, string? Repository, string? SenderLogin)
    : GitHubWebhookEvent("ping", "", Repository, SenderLogin);

/// <summary><c>issues</c>; <see cref="Label"/> is the label added or removed by <c>labeled</c> / <c>unlabeled</c>.</summary>
public sealed record GitHubIssuesEvent(string Action, GitHubIssueRecord Issue, string? Label, string? Repository, string? SenderLogin)
    : GitHubWebhookEvent("issues", Action, Repository, SenderLogin);

/// <summary><c>issue_comment</c>: a comment on an issue or (when <see cref="GitHubIssueRecord.IsPullRequest"/>) a pull request.</summary>
public sealed record GitHubIssueCommentEvent(string Action, GitHubIssueRecord Issue, GitHubCommentRecord Comment, string? Repository, string? SenderLogin)
    : GitHubWebhookEvent("issue_comment", Action, Repository, SenderLogin)
{
    public int IssueNumber => Issue.Number;
}

/// <summary><c>pull_request</c>; the pull request as an issue record (<see cref="GitHubIssueRecord.IsPullRequest"/> set).</summary>
public sealed record GitHubPullRequestEvent(string Action, GitHubIssueRecord PullRequest, string? Label, string? Repository, string? SenderLogin)
    : GitHubWebhookEvent("pull_request", Action, Repository, SenderLogin);

/// <summary><c>pull_request_review</c>; the review's state is upper-case as in the REST API (<c>APPROVED</c>).</summary>
public sealed record GitHubPullRequestReviewEvent(string Action, int PullRequestNumber, GitHubReviewRecord Review, string? Repository, string? SenderLogin)
    : GitHubWebhookEvent("pull_request_review", Action, Repository, SenderLogin);

/// <summary><c>release</c> (<c>published</c>, <c>released</c>, …).</summary>
public sealed record GitHubReleaseEvent(string Action, GitHubReleaseRecord Release, string? Repository, string? SenderLogin)
    : GitHubWebhookEvent("release", Action, Repository, SenderLogin);

/// <summary><c>label</c>: a repository label created, edited (then <see cref="PreviousName"/> may be set) or deleted.</summary>
public sealed record GitHubLabelEvent(string Action, string Name, string? PreviousName, string? Repository, string? SenderLogin)
    : GitHubWebhookEvent("label", Action, Repository, SenderLogin);

/// <summary>Any other event: acknowledged and ignored.</summary>
public sealed record GitHubUnknownEvent(string EventName, string Action, string? Repository, string? SenderLogin)
    : GitHubWebhookEvent(EventName, Action, Repository, SenderLogin);

/// <summary>A webhook body we cannot read: not JSON, or missing what its event must carry. The message says what.</summary>
public sealed class GitHubPayloadException : Exception
{
    public GitHubPayloadException()
        : base("The GitHub webhook payload is not valid.")
    {
    }

    public GitHubPayloadException(string message)
        : base(message)
    {
    }

    public GitHubPayloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
