using System.Data.Common;
using System.Text;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.SlackMarkup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CommunitySuccess.Core.Search;

/// <summary>
/// SQLite FTS5 over Slack messages, GitHub issues and comments: external-content tables kept current by
/// triggers, created at start-up (a migration that rebuilds a table drops its triggers; this puts them back and
/// re-indexes). Ranking: bm25 over the newest <see cref="RankWindow"/> matches of each table, because ranking every
/// match of a very common word costs ~140 ms at 500,000 messages while the newest-first walk stops early. Snippets
/// are cut from the stored text in C#: FTS5's snippet() on a second MATCH re-reads a common word's whole doclist per row.
/// </summary>
public sealed class SqliteSearchIndex(IDbContextFactory<AppDbContext> dbFactory, ILogger<SqliteSearchIndex> logger) : ISearchIndex
{
    /// <summary>How many of the newest matches per table are ranked by relevance.</summary>
    public const int RankWindow = 500;

    private static readonly IndexDefinition[] Indexes =
    [
        new("MessageSearch", "ThreadMessages", ["Text"]),
        new("IssueSearch", "GitHubIssues", ["Title", "Body"]),
        new("CommentSearch", "GitHubComments", ["Body"]),
    ];

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        foreach (var index in Indexes)
        {
            var existed = await CountAsync(connection, $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{index.Name}'", cancellationToken) > 0;
            var triggers = await CountAsync(connection, $"SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE '{index.Name}_%'", cancellationToken);
            await ExecuteAsync(connection, index.CreateSql(), cancellationToken);
            if (!existed || triggers < 3)
            {
                // New index, or triggers lost to a table rebuild: whatever changed meanwhile is indexed again.
                await ExecuteAsync(connection, $"INSERT INTO {index.Name}({index.Name}) VALUES('rebuild');", cancellationToken);
                logger.LogInformation("Search index {Index} (re)built", index.Name);
            }
        }
    }

    public async Task<SearchResults> SearchAsync(string query, int limit, CancellationToken cancellationToken)
    {
        var match = ToMatchExpression(query);
        if (match is null)
        {
            return SearchResults.Empty;
        }

        var terms = Snippets.Terms(query);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        var hits = new List<SearchHit>();
        hits.AddRange(await SearchMessagesAsync(connection, match, terms, limit, cancellationToken));
        hits.AddRange(await SearchIssuesAsync(connection, match, terms, limit, cancellationToken));
        hits.AddRange(await SearchCommentsAsync(connection, match, terms, limit, cancellationToken));
        // bm25: lower is better.
        return new SearchResults(hits.OrderBy(h => h.Score).ThenByDescending(h => h.At).Take(limit).ToList(), query, RankedWithinNewest: true);
    }

    public async Task<TermCounts> CountTermsAsync(IReadOnlyList<string> terms, int cap, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var phrases = terms.Select(Phrase).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        // One row: per term, the capped count of each table summed; then the documents. Messages' ids only grow, so the
        // largest is their count without a scan; issues and comments are far fewer.
        var columns = phrases.Select((_, i) => string.Join(" + ", Indexes.Select(index =>
            $"(SELECT count(*) FROM (SELECT 1 FROM {index.Name} WHERE {index.Name} MATCH $t{i} LIMIT {cap}))")));
        command.CommandText = $"""
            SELECT (SELECT coalesce(max(Id), 0) FROM ThreadMessages) + (SELECT count(*) FROM GitHubIssues) + (SELECT count(*) FROM GitHubComments)
            {string.Concat(columns.Select(c => ", " + c))}
            """;
        for (var i = 0; i < phrases.Count; i++)
        {
            SimilarCandidateReader.AddParameter(command, $"$t{i}", phrases[i]);
        }

        return await SimilarCandidateReader.ReadCountsAsync(command, terms, cancellationToken);
    }

    public async Task<IReadOnlyList<SimilarCandidate>> FindCandidatesAsync(IReadOnlyList<string> terms, CandidateMatch match, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.Count == 0)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        // bm25 weighs each term by its rarity; the best-ranked message, issue or comment speaks for its thread or issue. bm25
        // counts each term's matches first, which for common terms is a walk of their whole index: those are taken newest
        // first (rowid as the score) instead.
        var any = match == CandidateMatch.AnyTerm;
        var expression = string.Join(any ? " OR " : " AND ", terms.Select(Phrase));
        var window = SimilarCandidateReader.HitWindow;
        var newest = any ? SimilarCandidateReader.MatchWindow : window;
        string Score(string bm25) => any ? bm25 : "-rowid";
        var sql = $"""
            SELECT m.ThreadId, NULL, NULL, min(hits.score) AS score
            FROM (SELECT id, score FROM (SELECT rowid AS id, {Score("bm25(MessageSearch)")} AS score FROM MessageSearch WHERE MessageSearch MATCH $match ORDER BY rowid DESC LIMIT {newest}) ORDER BY score LIMIT {window}) hits
            JOIN ThreadMessages m ON m.Id = hits.id
            JOIN SupportThreads t ON t.Id = m.ThreadId
            WHERE m.IsDeleted = 0 AND t.IsNotSupport = 0
            GROUP BY m.ThreadId;
            SELECT NULL, i.Repository, i.Number, hits.score
            FROM (SELECT id, score FROM (SELECT rowid AS id, {Score("bm25(IssueSearch, 2.0, 1.0)")} AS score FROM IssueSearch WHERE IssueSearch MATCH $match ORDER BY rowid DESC LIMIT {newest}) ORDER BY score LIMIT {window}) hits
            JOIN GitHubIssues i ON i.Id = hits.id
            WHERE i.IsPullRequest = 0;
            SELECT NULL, c.Repository, c.IssueNumber, hits.score
            FROM (SELECT id, score FROM (SELECT rowid AS id, {Score("bm25(CommentSearch)")} AS score FROM CommentSearch WHERE CommentSearch MATCH $match ORDER BY rowid DESC LIMIT {newest}) ORDER BY score LIMIT {window}) hits
            JOIN GitHubComments c ON c.Id = hits.id;
            """;
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        SimilarCandidateReader.AddParameter(command, "$match", expression);
        // bm25: lower is better.
        return await SimilarCandidateReader.ReadCandidatesAsync(command, limit, lowerIsBetter: true, cancellationToken);
    }

    private static string Phrase(string term) => "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>
    /// Turns what a person typed into a safe FTS5 expression: each whitespace-separated chunk becomes a quoted
    /// phrase (so <c>ECONNREFUSED 127.0.0.1</c> or <c>"foo" OR bar</c> is text, never query syntax); chunks are ANDed.
    /// </summary>
    public static string? ToMatchExpression(string? query)
    {
        var phrases = SearchHitReader.Chunks(query)
            .Select(chunk => "\"" + chunk.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")
            .ToList();
        return phrases.Count == 0 ? null : string.Join(' ', phrases);
    }

    private static async Task<IReadOnlyList<SearchHit>> SearchMessagesAsync(DbConnection connection, string match, IReadOnlyList<string> terms, int limit, CancellationToken cancellationToken)
    {
        var sql = $"""
            WITH newest AS (
                SELECT rowid AS id, bm25(MessageSearch) AS score FROM MessageSearch
                WHERE MessageSearch MATCH $match ORDER BY rowid DESC LIMIT {RankWindow}),
            best AS (SELECT id, score FROM newest ORDER BY score LIMIT {limit})
            SELECT m.Id, best.score, m.Text, m.SentAt, m.ThreadId, t.Text
            FROM best
            JOIN ThreadMessages m ON m.Id = best.id
            JOIN SupportThreads t ON t.Id = m.ThreadId
            WHERE m.IsDeleted = 0 AND t.IsNotSupport = 0
            """;
        return await ReadAsync(connection, sql, match, terms, SearchHitReader.Message, cancellationToken);
    }

    private static async Task<IReadOnlyList<SearchHit>> SearchIssuesAsync(DbConnection connection, string match, IReadOnlyList<string> terms, int limit, CancellationToken cancellationToken)
    {
        var sql = $"""
            WITH newest AS (
                SELECT rowid AS id, bm25(IssueSearch, 2.0, 1.0) AS score FROM IssueSearch
                WHERE IssueSearch MATCH $match ORDER BY rowid DESC LIMIT {RankWindow}),
            best AS (SELECT id, score FROM newest ORDER BY score LIMIT {limit})
            SELECT i.Id, best.score, i.Title || char(10) || coalesce(i.Body, ''), i.UpdatedAt, i.Repository, i.Number, i.Title, i.IsPullRequest
            FROM best
            JOIN GitHubIssues i ON i.Id = best.id
            """;
        return await ReadAsync(connection, sql, match, terms, SearchHitReader.Issue, cancellationToken);
    }

    private static async Task<IReadOnlyList<SearchHit>> SearchCommentsAsync(DbConnection connection, string match, IReadOnlyList<string> terms, int limit, CancellationToken cancellationToken)
    {
        var sql = $"""
            WITH newest AS (
                SELECT rowid AS id, bm25(CommentSearch) AS score FROM CommentSearch
                WHERE CommentSearch MATCH $match ORDER BY rowid DESC LIMIT {RankWindow}),
            best AS (SELECT id, score FROM newest ORDER BY score LIMIT {limit})
            SELECT c.Id, best.score, c.Body, c.CreatedAt, c.Repository, c.IssueNumber, c.AuthorLogin
            FROM best
            JOIN GitHubComments c ON c.Id = best.id
            """;
        return await ReadAsync(connection, sql, match, terms, SearchHitReader.Comment, cancellationToken);
    }

    private static async Task<IReadOnlyList<SearchHit>> ReadAsync(
        DbConnection connection, string sql, string match, IReadOnlyList<string> terms,
        Func<DbDataReader, IReadOnlyList<string>, SearchHit> map, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "$match";
        parameter.Value = match;
        command.Parameters.Add(parameter);
        return await SearchHitReader.ReadAsync(command, terms, map, cancellationToken);
    }

    private static async Task<long> CountAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record IndexDefinition(string Name, string Table, string[] Columns)
    {
        public string CreateSql()
        {
            var columns = string.Join(", ", Columns);
            var newValues = string.Join(", ", Columns.Select(c => "new." + c));
            var oldValues = string.Join(", ", Columns.Select(c => "old." + c));
            var sql = new StringBuilder();
            sql.AppendLine($"CREATE VIRTUAL TABLE IF NOT EXISTS {Name} USING fts5({columns}, content='{Table}', content_rowid='Id', tokenize='unicode61 remove_diacritics 2');");
            sql.AppendLine($"CREATE TRIGGER IF NOT EXISTS {Name}_ai AFTER INSERT ON {Table} BEGIN INSERT INTO {Name}(rowid, {columns}) VALUES (new.Id, {newValues}); END;");
            sql.AppendLine($"CREATE TRIGGER IF NOT EXISTS {Name}_ad AFTER DELETE ON {Table} BEGIN INSERT INTO {Name}({Name}, rowid, {columns}) VALUES ('delete', old.Id, {oldValues}); END;");
            sql.AppendLine($"CREATE TRIGGER IF NOT EXISTS {Name}_au AFTER UPDATE OF {columns} ON {Table} BEGIN INSERT INTO {Name}({Name}, rowid, {columns}) VALUES ('delete', old.Id, {oldValues}); INSERT INTO {Name}(rowid, {columns}) VALUES (new.Id, {newValues}); END;");
            return sql.ToString();
        }
    }
}
