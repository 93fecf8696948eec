namespace CommunitySuccess.Core.Search;

/// <summary>
/// The provider-specific full-text seam (SQLite FTS5, PostgreSQL tsvector + GIN). Everything else in the
/// app asks <see cref="SearchService"/>.
/// </summary>
public interface ISearchIndex
{
    /// <summary>Creates the index and its triggers if missing, and rebuilds it when triggers were missing. Idempotent.</summary>
    Task EnsureCreatedAsync(CancellationToken cancellationToken);

    Task<SearchResults> SearchAsync(string query, int limit, CancellationToken cancellationToken);
}
