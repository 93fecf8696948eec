using CommunitySuccess.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CommunitySuccess.Core.Search;

/// <summary>
/// PostgreSQL full-text search over Slack messages, GitHub issues and comments: GIN indexes on <c>tsvector</c>
/// expressions of the tables themselves (nothing to keep in step: PostgreSQL maintains an index on write), created
/// at start-up. The <c>simple</c> configuration, like SQLite's unicode61 tokenizer: words are lower-cased, never
/// stemmed, no stop words (accents do matter here, unlike FTS5's remove_diacritics). Each whitespace-separated chunk of
/// the query is a phrase (<c>phraseto_tsquery</c>), chunks are ANDed: what a person typed is text, never syntax. The same
/// ranking rule as <see cref="SqliteSearchIndex"/>: relevance (<c>ts_rank</c>, the title counting double for issues) over
/// the newest <see cref="SqliteSearchIndex.RankWindow"/> matches of each table, so a very common word walks the newest
/// rows and stops instead of ranking every match.
/// </summary>
public sealed class PostgresSearchIndex(IDbContextFactory<AppDbContext> dbFactory, ILogger<PostgresSearchIndex> logger) : ISearchIndex
{
    private static readonly string MessageVector = MessageVectorOf("m.");
    private static readonly string IssueVector = IssueVectorOf("i.");
    private static readonly string CommentVector = CommentVectorOf("c.");

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // The index expressions must be the very expressions the queries use, table alias aside.
        var created = await db.Database.SqlQueryRaw<int>("""
            SELECT count(*)::int AS "Value" FROM pg_indexes WHERE indexname IN ('IX_ThreadMessages_SearchVector', 'IX_GitHubIssues_Search', 'IX_GitHubComments_Search')
            """).SingleAsync(cancellationToken);
        if (created == 3)
        {
            // Created in one batch (one implicit transaction) with the column and its trigger: nothing to do, and no
            // pass over every message at each start.
            return;
        }

        // Messages (the big table) keep their vector in a column a trigger fills, not only in an index: a common word's
        // newest matches are then found by walking the primary key backwards with a cheap check per row, instead of
        // reading every match's row (150,000 for a word in 30% of 500,000 messages) to learn its id. A trigger rather
        // than a generated column, so a later migration may still change the text column's type.
        var createSql = $"""
            ALTER TABLE "ThreadMessages" ADD COLUMN IF NOT EXISTS "SearchVector" tsvector;
            CREATE OR REPLACE FUNCTION cs_thread_message_vector() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW."SearchVector" := to_tsvector('simple', coalesce(NEW."Text", ''));
                RETURN NEW;
            END $$;
            CREATE OR REPLACE TRIGGER "ThreadMessages_vector" BEFORE INSERT OR UPDATE OF "Text" ON "ThreadMessages"
                FOR EACH ROW EXECUTE FUNCTION cs_thread_message_vector();
            UPDATE "ThreadMessages" SET "SearchVector" = to_tsvector('simple', coalesce("Text", '')) WHERE "SearchVector" IS NULL;
            CREATE INDEX IF NOT EXISTS "IX_ThreadMessages_SearchVector" ON "ThreadMessages" USING GIN ("SearchVector");
            DROP INDEX IF EXISTS "IX_ThreadMessages_Search";
            CREATE INDEX IF NOT EXISTS "IX_GitHubIssues_Search" ON "GitHubIssues" USING GIN ({IssueVectorOf("")});
            CREATE INDEX IF NOT EXISTS "IX_GitHubComments_Search" ON "GitHubComments" USING GIN ({CommentVectorOf("")});
            """;
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        await db.Database.ExecuteSqlRawAsync(createSql, cancellationToken);
        await db.Database.ExecuteSqlRawAsync("""ANALYZE "ThreadMessages" """, cancellationToken);
        logger.LogInformation("Search indexes created");
    }

    public async Task<SearchResults> SearchAsync(string query, int limit, CancellationToken cancellationToken)
    {
        var chunks = SearchHitReader.Chunks(query);
        if (chunks.Count == 0)
        {
            return SearchResults.Empty;
        }

        var terms = Snippets.Terms(query);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var tsQuery = string.Join(" && ", chunks.Select((_, i) => $"phraseto_tsquery('simple', @q{i})"));
        var window = SqliteSearchIndex.RankWindow;
        var hits = new List<SearchHit>();
        // The messages' match is written out, not read from q: the planner then sees the words, knows from the
        // column's statistics how common they are, and walks the primary key backwards for a common one.
        hits.AddRange(await ReadAsync(connection, chunks, terms, SearchHitReader.Message, $"""
            WITH q AS (SELECT {tsQuery} AS query),
            newest AS (SELECT m."Id" AS id FROM "ThreadMessages" m WHERE {MessageVector} @@ ({tsQuery}) ORDER BY m."Id" DESC LIMIT {window}),
            best AS (
                SELECT m."Id" AS id, -ts_rank({MessageVector}, q.query)::float8 AS score
                FROM newest JOIN "ThreadMessages" m ON m."Id" = newest.id, q ORDER BY score LIMIT {limit})
            SELECT m."Id", best.score, m."Text", m."SentAt", m."ThreadId", t."Text"
            FROM best
            JOIN "ThreadMessages" m ON m."Id" = best.id
            JOIN "SupportThreads" t ON t."Id" = m."ThreadId"
            WHERE NOT m."IsDeleted" AND NOT t."IsNotSupport"
            """, cancellationToken));
        hits.AddRange(await ReadAsync(connection, chunks, terms, SearchHitReader.Issue, $"""
            WITH q AS (SELECT {tsQuery} AS query),
            newest AS (SELECT i."Id" AS id FROM "GitHubIssues" i, q WHERE {IssueVector} @@ q.query ORDER BY i."Id" DESC LIMIT {window}),
            best AS (
                SELECT i."Id" AS id, -ts_rank({IssueVector}, q.query)::float8 AS score
                FROM newest JOIN "GitHubIssues" i ON i."Id" = newest.id, q ORDER BY score LIMIT {limit})
            SELECT i."Id", best.score, i."Title" || chr(10) || coalesce(i."Body", ''), i."UpdatedAt", i."Repository", i."Number", i."Title", i."IsPullRequest"
            FROM best
            JOIN "GitHubIssues" i ON i."Id" = best.id
            """, cancellationToken));
        hits.AddRange(await ReadAsync(connection, chunks, terms, SearchHitReader.Comment, $"""
            WITH q AS (SELECT {tsQuery} AS query),
            newest AS (SELECT c."Id" AS id FROM "GitHubComments" c, q WHERE {CommentVector} @@ q.query ORDER BY c."Id" DESC LIMIT {window}),
            best AS (
                SELECT c."Id" AS id, -ts_rank({CommentVector}, q.query)::float8 AS score
                FROM newest JOIN "GitHubComments" c ON c."Id" = newest.id, q ORDER BY score LIMIT {limit})
            SELECT c."Id", best.score, c."Body", c."CreatedAt", c."Repository", c."IssueNumber", c."AuthorLogin"
            FROM best
            JOIN "GitHubComments" c ON c."Id" = best.id
            """, cancellationToken));
        // Scores are negated ranks, so lower is better as with bm25.
        return new SearchResults(hits.OrderBy(h => h.Score).ThenByDescending(h => h.At).Take(limit).ToList(), query, RankedWithinNewest: true);
    }

    public async Task<TermCounts> CountTermsAsync(IReadOnlyList<string> terms, int cap, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terms);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        // One row: the documents, then per term the capped count of each table summed (each LIMIT stops a common word early).
        // Messages' ids only grow, so the largest is their count without a scan.
        var columns = terms.Select((_, i) => $"""
            (SELECT count(*) FROM (SELECT 1 FROM "ThreadMessages" m WHERE {MessageVector} @@ plainto_tsquery('simple', @t{i}) LIMIT {cap}) x)
            + (SELECT count(*) FROM (SELECT 1 FROM "GitHubIssues" i WHERE {IssueVector} @@ plainto_tsquery('simple', @t{i}) LIMIT {cap}) x)
            + (SELECT count(*) FROM (SELECT 1 FROM "GitHubComments" c WHERE {CommentVector} @@ plainto_tsquery('simple', @t{i}) LIMIT {cap}) x)
            """);
        await using var command = new NpgsqlCommand($"""
            SELECT (SELECT coalesce(max("Id"), 0) FROM "ThreadMessages") + (SELECT count(*) FROM "GitHubIssues") + (SELECT count(*) FROM "GitHubComments")
            {string.Concat(columns.Select(c => ", " + c))}
            """, connection);
        for (var i = 0; i < terms.Count; i++)
        {
            command.Parameters.AddWithValue($"t{i}", terms[i]);
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
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        // Any of the terms (tsquery ||) ranked by ts_rank, the best match speaking for its thread or issue; or all of them
        // (&&), newest first (the id as the score), as on SQLite.
        var any = match == CandidateMatch.AnyTerm;
        var query = string.Join(any ? " || " : " && ", terms.Select((_, i) => $"plainto_tsquery('simple', @t{i})"));
        var window = SimilarCandidateReader.HitWindow;
        var newest = any ? SimilarCandidateReader.MatchWindow : window;
        string Score(string vector, string id) => any ? $"ts_rank({vector}, q.query)" : id;
        await using var command = new NpgsqlCommand($"""
            WITH q AS (SELECT {query} AS query),
            newest AS (SELECT m."Id" AS id FROM "ThreadMessages" m WHERE {MessageVector} @@ ({query}) ORDER BY m."Id" DESC LIMIT {newest}),
            hits AS (SELECT m."Id" AS id, {Score(MessageVector, "m.\"Id\"")} AS score FROM newest JOIN "ThreadMessages" m ON m."Id" = newest.id, q ORDER BY score DESC LIMIT {window})
            SELECT m."ThreadId", NULL::text, NULL::int, max(hits.score)::float8
            FROM hits JOIN "ThreadMessages" m ON m."Id" = hits.id JOIN "SupportThreads" t ON t."Id" = m."ThreadId"
            WHERE NOT m."IsDeleted" AND NOT t."IsNotSupport"
            GROUP BY m."ThreadId";
            WITH q AS (SELECT {query} AS query),
            newest AS (SELECT i."Id" AS id FROM "GitHubIssues" i, q WHERE {IssueVector} @@ q.query AND NOT i."IsPullRequest" ORDER BY i."Id" DESC LIMIT {newest})
            SELECT NULL::bigint, i."Repository", i."Number", ({Score(IssueVector, "i.\"Id\"")})::float8 AS score
            FROM newest JOIN "GitHubIssues" i ON i."Id" = newest.id, q ORDER BY score DESC LIMIT {window};
            WITH q AS (SELECT {query} AS query),
            newest AS (SELECT c."Id" AS id FROM "GitHubComments" c, q WHERE {CommentVector} @@ q.query ORDER BY c."Id" DESC LIMIT {newest})
            SELECT NULL::bigint, c."Repository", c."IssueNumber", ({Score(CommentVector, "c.\"Id\"")})::float8 AS score
            FROM newest JOIN "GitHubComments" c ON c."Id" = newest.id, q ORDER BY score DESC LIMIT {window};
            """, connection);
        for (var i = 0; i < terms.Count; i++)
        {
            command.Parameters.AddWithValue($"t{i}", terms[i]);
        }

        // ts_rank: higher is better.
        return await SimilarCandidateReader.ReadCandidatesAsync(command, limit, lowerIsBetter: false, cancellationToken);
    }

    private static string MessageVectorOf(string alias) => alias + "\"SearchVector\"";

    // The title weighs more than the body, as FTS5's bm25 weights (2, 1) do on SQLite.
    private static string IssueVectorOf(string alias) =>
        $"""(setweight(to_tsvector('simple', {alias}"Title"), 'A') || setweight(to_tsvector('simple', coalesce({alias}"Body", '')), 'B'))""";

    private static string CommentVectorOf(string alias) => $"""to_tsvector('simple', {alias}"Body")""";

    private static async Task<IReadOnlyList<SearchHit>> ReadAsync(
        NpgsqlConnection connection, IReadOnlyList<string> chunks, IReadOnlyList<string> terms,
        Func<System.Data.Common.DbDataReader, IReadOnlyList<string>, SearchHit> map, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        for (var i = 0; i < chunks.Count; i++)
        {
            command.Parameters.AddWithValue($"q{i}", chunks[i]);
        }

        return await SearchHitReader.ReadAsync(command, terms, map, cancellationToken);
    }
}
