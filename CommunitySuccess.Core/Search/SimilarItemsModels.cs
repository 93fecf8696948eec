namespace CommunitySuccess.Core.Search;

public enum SimilarItemKind
{
    SlackThread,
    GitHubIssue,
}

/// <summary>
/// An earlier thread or issue like the open one. Every text is untrusted source text (Slack mrkdwn or GitHub markdown)
/// or plain text cut from it: render it as text, never as markup.
/// </summary>
/// <param name="Title">The question's first line, or the issue's title.</param>
/// <param name="Status">As people say it: Closed, In Progress…, or Open / Closed / Closed as not planned for issues.</param>
/// <param name="IsResolved">A Closed thread the team answered, or a closed issue: these rank first.</param>
/// <param name="Similarity">How much of the question's weighted terms it covers, 0 to 1.</param>
/// <param name="InboxItemId">Where it opens in the inbox, when it has an inbox row.</param>
/// <param name="IssueKey"><c>owner/repo#number</c> for issues.</param>
/// <param name="HtmlUrl">The issue on GitHub; null for threads (their permalink is Slack's to give).</param>
/// <param name="Answer">The team's last answer in a thread, or an issue's closing (else the team's last) comment.</param>
/// <param name="SharedTerms">The question's distinctive terms it holds, weightiest first.</param>
public sealed record SimilarItem(
    SimilarItemKind Kind,
    string Title,
    string Status,
    bool IsResolved,
    DateTime CreatedAt,
    double Similarity,
    long? InboxItemId,
    long? ThreadId,
    string? ChannelId,
    string? Ts,
    string? IssueKey,
    string? HtmlUrl,
    SimilarAnswer? Answer,
    IReadOnlyList<string> SharedTerms);

/// <summary>An earlier answer: the full text (to start a reply from) and its first lines (to show).</summary>
/// <param name="Text">The whole answer as written (Slack mrkdwn or GitHub markdown), untrusted.</param>
/// <param name="Excerpt">Its first lines as plain text.</param>
/// <param name="Ts">The Slack message's ts, for its permalink; null for GitHub.</param>
/// <param name="HtmlUrl">The GitHub comment; null for Slack.</param>
public sealed record SimilarAnswer(string Text, string Excerpt, DateTime At, string? ChannelId, string? Ts, string? HtmlUrl);

/// <summary>What was found for one item, and the weighted terms the search used (to say why).</summary>
public sealed record SimilarItems(IReadOnlyList<SimilarItem> Items, IReadOnlyList<WeightedTerm> Terms)
{
    public static readonly SimilarItems None = new([], []);
}
