namespace CommunitySuccess.Core.Search;

/// <summary>
/// The provider-specific full-text seam (SQLite FTS5, PostgreSQL tsvector + GIN). Everything else in the
/// app asks <see cref="SearchService"/> or <see cref="SimilarItemsService"/>.
/// </summary>
public interface ISearchIndex
{
    /// <summary>Creates the index and its triggers if missing, and rebuilds it when triggers were missing. Idempotent.</summary>
    Task EnsureCreatedAsync(CancellationToken cancellationToken);

    Task<SearchResults> SearchAsync(string query, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// For each term (a lower-cased run of letters and digits), in how many documents (Slack messages, GitHub issues and
    /// comments) it occurs, each table's count stopping at <paramref name="cap"/> so that a common word costs no more than a
    /// rare one; and about how many documents there are. The rarity behind <see cref="QuestionTerms.Weigh"/>.
    /// </summary>
    Task<TermCounts> CountTermsAsync(IReadOnlyList<string> terms, int cap, CancellationToken cancellationToken);

    /// <summary>
    /// Slack threads and GitHub issues whose messages, issue text or comments match the terms, each once, at most
    /// <paramref name="limit"/>: with <see cref="CandidateMatch.AnyTerm"/> those holding any of them, best first by the
    /// provider's own relevance (for rare terms: their matches are few); with <see cref="CandidateMatch.AllTerms"/> those
    /// holding all of them, newest first, unranked (for common terms, whose relevance would cost a walk of every match).
    /// Deleted messages and "not a support thread" threads are left out. The caller re-scores them the same way on every provider.
    /// </summary>
    Task<IReadOnlyList<SimilarCandidate>> FindCandidatesAsync(IReadOnlyList<string> terms, CandidateMatch match, int limit, CancellationToken cancellationToken);
}

/// <summary>How <see cref="ISearchIndex.FindCandidatesAsync"/> combines its terms.</summary>
public enum CandidateMatch
{
    /// <summary>Any of the terms, ranked by relevance.</summary>
    AnyTerm,

    /// <summary>All of the terms, newest first.</summary>
    AllTerms,
}

/// <summary>Documents per term (capped) and the approximate number of documents.</summary>
public sealed record TermCounts(IReadOnlyDictionary<string, int> Frequencies, long Documents)
{
    public static readonly TermCounts Empty = new(new Dictionary<string, int>(StringComparer.Ordinal), 0);
}

/// <summary>A thread (<see cref="ThreadId"/>) or an issue (<see cref="Repository"/> and <see cref="Number"/>) that matched.</summary>
public sealed record SimilarCandidate(long? ThreadId, string? Repository, int? Number);
