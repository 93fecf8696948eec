using System.Data.Common;

namespace CommunitySuccess.Core.Search;

/// <summary>
/// Reads what the providers' "similar items" SQL returns, the same for every provider (see
/// <see cref="SqliteSearchIndex"/> and <see cref="PostgresSearchIndex"/>).
/// </summary>
internal static class SimilarCandidateReader
{
    /// <summary>How many of the best-ranked matches of each table are grouped into threads and issues.</summary>
    public const int HitWindow = 300;

    /// <summary>How many of the newest matches of each table are ranked: all of them for rare terms, a bounded walk for
    /// common ones (as <see cref="SqliteSearchIndex.RankWindow"/> does for search).</summary>
    public const int MatchWindow = 2000;

    public static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>One row: the number of documents, then one count per term in the order given.</summary>
    public static async Task<TermCounts> ReadCountsAsync(DbCommand command, IReadOnlyList<string> terms, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return TermCounts.Empty;
        }

        var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < terms.Count; i++)
        {
            frequencies[terms[i]] = Convert.ToInt32(reader.GetValue(i + 1), System.Globalization.CultureInfo.InvariantCulture);
        }

        return new TermCounts(frequencies, Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Result sets of rows (thread id, repository, number, score); an issue found by its text and by a comment counts once,
    /// with its better score. The best <paramref name="limit"/> of all.
    /// </summary>
    public static async Task<IReadOnlyList<SimilarCandidate>> ReadCandidatesAsync(DbCommand command, int limit, bool lowerIsBetter, CancellationToken cancellationToken)
    {
        var best = new Dictionary<SimilarCandidate, double>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        do
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var candidate = reader.IsDBNull(0)
                    ? new SimilarCandidate(null, reader.GetString(1), reader.GetInt32(2))
                    : new SimilarCandidate(reader.GetInt64(0), null, null);
                var score = Convert.ToDouble(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture);
                score = lowerIsBetter ? score : -score;
                if (!best.TryGetValue(candidate, out var known) || score < known)
                {
                    best[candidate] = score;
                }
            }
        }
        while (await reader.NextResultAsync(cancellationToken));

        return [.. best.OrderBy(b => b.Value).Take(limit).Select(b => b.Key)];
    }
}
