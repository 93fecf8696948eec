namespace CommunitySuccess.Core.Search;

/// <summary>"Search first": full-text over every synced Slack message, GitHub issue and comment, ranked, with snippets.</summary>
public sealed class SearchService(ISearchIndex index)
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
        return index.SearchAsync(trimmed.Length > MaxQueryLength ? trimmed[..MaxQueryLength] : trimmed, Math.Clamp(limit, 1, 100), cancellationToken);
    }
}
