using CommunitySuccess.Core.Inbox;

namespace CommunitySuccess.Core.Search;

/// <summary>
/// "Search first": full-text over every synced Slack message, GitHub issue and comment, ranked, with snippets; each
/// hit knows the inbox item it opens.
/// </summary>
public sealed class SearchService(ISearchIndex index, InboxItemLookup items)
{
    public const int MaxQueryLength = 200;
    public const int DefaultLimit = 30;

    public Task<SearchResults> SearchAsync(string? query, CancellationToken cancellationToken, int limit = DefaultLimit)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return Task.FromResult(SearchResults.Empty);
        }

        var trimmed = query.Trim();
        return WithInboxItemsAsync(
            index.SearchAsync(trimmed.Length > MaxQueryLength ? trimmed[..MaxQueryLength] : trimmed, Math.Clamp(limit, 1, 100), cancellationToken),
            cancellationToken);
    }

    private async Task<SearchResults> WithInboxItemsAsync(Task<SearchResults> search, CancellationToken cancellationToken)
    {
        var results = await search;
        var ids = await items.FindAsync(
            [.. results.Hits.Select(h => h.ThreadId).OfType<long>().Distinct()],
            [.. results.Hits.Select(h => h.IssueKey).OfType<string>().Distinct(StringComparer.Ordinal)],
            cancellationToken);
        return results with { Hits = [.. results.Hits.Select(h => h with { InboxItemId = ids.Of(h.ThreadId, h.IssueKey) })] };
    }
}
