using System.Globalization;
using Octokit;

namespace CommunitySuccess.Core.GitHub;

// Shapes read and written through Octokit's own connection, serializer and pagination where Octokit's models fall
// short: its Issue has no author_association, its IssueComment no issue_url, its PullRequest no author_association,
// and its IssueUpdate always sends "milestone": null (closing an issue would clear its milestone).
// Octokit's serializer maps PascalCase properties to snake_case JSON fields.
#pragma warning disable CA1812 // Instantiated by Octokit's serializer through reflection.

internal sealed class UserWire
{
    public string? Login { get; set; }
}

internal sealed class LabelWire
{
    public string? Name { get; set; }
}

internal sealed class PullRequestLinkWire
{
    public string? Url { get; set; }
}

internal sealed class IssueWire
{
    public long Id { get; set; }

    public int Number { get; set; }

    public string? Title { get; set; }

    public string? Body { get; set; }

    public string? State { get; set; }

    public string? StateReason { get; set; }

    public UserWire? User { get; set; }

    public PullRequestLinkWire? PullRequest { get; set; }

    public IReadOnlyList<LabelWire>? Labels { get; set; }

    public IReadOnlyList<UserWire>? Assignees { get; set; }

    public int Comments { get; set; }

    public ReactionSummary? Reactions { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public string? HtmlUrl { get; set; }

    public string? AuthorAssociation { get; set; }

    public GitHubIssueRecord ToRecord() => new(
        Id,
        Number,
        Title ?? "",
        Body,
        State ?? "open",
        StateReason,
        GitHubWire.LoginOf(User?.Login),
        PullRequest is not null,
        [.. (Labels ?? []).Select(l => l.Name).OfType<string>()],
        [.. (Assignees ?? []).Select(a => a.Login).OfType<string>()],
        Comments,
        Reactions?.TotalCount ?? 0,
        Reactions?.Plus1 ?? 0,
        CreatedAt.UtcDateTime,
        (UpdatedAt ?? CreatedAt).UtcDateTime,
        ClosedAt?.UtcDateTime,
        HtmlUrl ?? "",
        AuthorAssociation ?? "NONE");
}

internal sealed class CommentWire
{
    public long Id { get; set; }

    public string? Body { get; set; }

    public UserWire? User { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    public string? HtmlUrl { get; set; }

    public string? IssueUrl { get; set; }

    public GitHubCommentRecord ToRecord() => new(
        Id,
        GitHubWire.IssueNumberOf(IssueUrl, HtmlUrl),
        GitHubWire.LoginOf(User?.Login),
        Body ?? "",
        CreatedAt.UtcDateTime,
        (UpdatedAt ?? CreatedAt).UtcDateTime,
        HtmlUrl ?? "");
}

internal sealed class PullRequestWire
{
    public long Id { get; set; }

    public int Number { get; set; }

    public string? Title { get; set; }

    public UserWire? User { get; set; }

    public string? AuthorAssociation { get; set; }

    public bool Draft { get; set; }

    public IReadOnlyList<UserWire>? RequestedReviewers { get; set; }

    public IReadOnlyList<LabelWire>? Labels { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    public string? HtmlUrl { get; set; }

    public GitHubPullRequestRecord ToRecord() => new(
        Id,
        Number,
        Title ?? "",
        GitHubWire.LoginOf(User?.Login),
        AuthorAssociation ?? "NONE",
        Draft,
        [.. (RequestedReviewers ?? []).Select(r => r.Login).OfType<string>()],
        [.. (Labels ?? []).Select(l => l.Name).OfType<string>()],
        CreatedAt.UtcDateTime,
        (UpdatedAt ?? CreatedAt).UtcDateTime,
        HtmlUrl ?? "");
}

internal sealed class CreateIssueBody
{
    public string? Title { get; set; }

    public string? Body { get; set; }

    public IReadOnlyList<string>? Labels { get; set; }
}

internal sealed class CloseIssueBody
{
    public string State { get; set; } = "closed";

    public string? StateReason { get; set; }
}

internal sealed class CommentBody
{
    public string? Body { get; set; }
}

#pragma warning restore CA1812

internal static class GitHubWire
{
    /// <summary>GitHub shows a deleted account as <c>ghost</c>; the API sends <c>user: null</c>.</summary>
    public const string Ghost = "ghost";

    public static string LoginOf(string? login) => string.IsNullOrEmpty(login) ? Ghost : login;

    /// <summary>
    /// The issue number from <c>issue_url</c> (<c>…/issues/1347</c>), or else from <c>html_url</c>
    /// (<c>…/issues/1347#issuecomment-1</c> or <c>…/pull/1347#issuecomment-1</c>); 0 when neither says.
    /// </summary>
    public static int IssueNumberOf(string? issueUrl, string? htmlUrl)
    {
        foreach (var url in new[] { issueUrl, htmlUrl })
        {
            if (string.IsNullOrEmpty(url))
            {
                continue;
            }

            var path = url.Split('#', '?')[0].TrimEnd('/');
            var last = path[(path.LastIndexOf('/') + 1)..];
            if (int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }
        }

        return 0;
    }
}
