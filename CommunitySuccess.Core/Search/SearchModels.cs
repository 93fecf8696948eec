namespace CommunitySuccess.Core.Search;

public enum SearchHitKind
{
    SlackMessage,
    GitHubIssue,
    GitHubComment,
}

/// <summary>One search result. <see cref="SnippetHtml"/> is escaped text with the matched words in <c>&lt;mark&gt;</c>.</summary>
public sealed record SearchHit(
    SearchHitKind Kind,
    long Id,
    string Title,
    string SnippetHtml,
    DateTime At,
    double Score,
    long? ThreadId,
    string? IssueKey)
{
    /// <summary>The inbox item the hit belongs to (its thread, or its issue while it is in the inbox): where it opens.</summary>
    public long? InboxItemId { get; init; }
}

/// <summary>A page of results and how the ranking was bounded.</summary>
public sealed record SearchResults(IReadOnlyList<SearchHit> Hits, string Query, bool RankedWithinNewest)
{
    public static readonly SearchResults Empty = new([], "", false);
}
