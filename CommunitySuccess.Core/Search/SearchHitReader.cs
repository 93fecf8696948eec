using System.Data.Common;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Core.SlackMarkup;

namespace CommunitySuccess.Core.Search;

/// <summary>
/// Turns the rows of a provider's search query into hits, the same for every provider: each index's SQL returns
/// the columns in the order these readers expect (see <see cref="SqliteSearchIndex"/> and <see cref="PostgresSearchIndex"/>).
/// </summary>
internal static class SearchHitReader
{
    /// <summary>Id, score, text, sent at, thread id, thread text.</summary>
    public static SearchHit Message(DbDataReader reader, IReadOnlyList<string> terms) => new(
        SearchHitKind.SlackMessage,
        reader.GetInt64(0),
        SupportThread.FirstLineOf(SlackText.ToPlain(reader.GetString(5)), maxLength: 100),
        Snippets.Highlight(SlackText.ToPlain(reader.GetString(2)), terms),
        DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc),
        reader.GetDouble(1),
        reader.GetInt64(4),
        null);

    /// <summary>Id, score, title and body, updated at, repository, number, title, is pull request.</summary>
    public static SearchHit Issue(DbDataReader reader, IReadOnlyList<string> terms) => new(
        SearchHitKind.GitHubIssue,
        reader.GetInt64(0),
        $"{(reader.GetBoolean(7) ? "PR" : "Issue")} {reader.GetString(4)}#{reader.GetInt32(5)}: {reader.GetString(6)}",
        Snippets.Highlight(reader.GetString(2), terms),
        DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc),
        reader.GetDouble(1),
        null,
        $"{reader.GetString(4)}#{reader.GetInt32(5)}");

    /// <summary>Id, score, body, created at, repository, issue number, author login.</summary>
    public static SearchHit Comment(DbDataReader reader, IReadOnlyList<string> terms) => new(
        SearchHitKind.GitHubComment,
        reader.GetInt64(0),
        $"Comment by {reader.GetString(6)} on {reader.GetString(4)}#{reader.GetInt32(5)}",
        Snippets.Highlight(reader.GetString(2), terms),
        DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc),
        reader.GetDouble(1),
        null,
        $"{reader.GetString(4)}#{reader.GetInt32(5)}");

    /// <summary>Runs <paramref name="command"/> and maps every row.</summary>
    public static async Task<IReadOnlyList<SearchHit>> ReadAsync(
        DbCommand command, IReadOnlyList<string> terms, Func<DbDataReader, IReadOnlyList<string>, SearchHit> map, CancellationToken cancellationToken)
    {
        var hits = new List<SearchHit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add(map(reader, terms));
        }

        return hits;
    }

    /// <summary>The whitespace-separated chunks of a query that hold a letter or digit, control characters removed, at most 16.</summary>
    public static IReadOnlyList<string> Chunks(string? query) => string.IsNullOrWhiteSpace(query)
        ? []
        : query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(chunk => new string(chunk.Where(c => !char.IsControl(c)).ToArray()))
            .Where(chunk => chunk.Any(char.IsLetterOrDigit))
            .Take(16)
            .ToList();
}
