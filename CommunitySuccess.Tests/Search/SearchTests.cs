using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Search;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Core.Team;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySuccess.Tests.Search;

/// <summary>Search on each provider's own engine (FTS5 on SQLite, tsvector on PostgreSQL): the same results.</summary>
public abstract class SearchTests(TestProvider provider)
{
    private const string Channel = "C0SEARCH01";
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Search_WordInSyncedMessage_FindsThreadWithMarkedSnippet()
    {
        await using var app = new AppFactory(provider: provider);
        app.StartServer();
        await IngestAsync(app, "1700000000.000100", "Our deploy fails with ECONNREFUSED when connecting to postgres");
        await IngestAsync(app, "1700000100.000100", "How do I change the log level?");

        var results = await app.Services.GetRequiredService<SearchService>().SearchAsync("econnrefused", Ct);

        var hit = Assert.Single(results.Hits);
        Assert.Equal(SearchHitKind.SlackMessage, hit.Kind);
        Assert.NotNull(hit.ThreadId);
        Assert.Contains("<mark>ECONNREFUSED</mark>", hit.SnippetHtml, StringComparison.Ordinal);
        Assert.StartsWith("Our deploy fails", hit.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_MarkupInMessage_SnippetIsEscapedText()
    {
        await using var app = new AppFactory(provider: provider);
        app.StartServer();
        await IngestAsync(app, "1700000000.000100", "crash <script>alert(1)</script> <img src=x onerror=alert(2)>");

        var hit = Assert.Single((await app.Services.GetRequiredService<SearchService>().SearchAsync("crash", Ct)).Hits);

        Assert.DoesNotContain("<script>", hit.SnippetHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", hit.SnippetHtml, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", hit.SnippetHtml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"unbalanced")]
    [InlineData("foo OR")]
    [InlineData("*")]
    [InlineData("NEAR(a b")]
    [InlineData("col:value")]
    [InlineData("- ^ ()")]
    public async Task Search_QuerySyntaxCharacters_AreTextNotErrors(string query)
    {
        await using var app = new AppFactory(provider: provider);
        app.StartServer();
        await IngestAsync(app, "1700000000.000100", "col:value appears in this message with foo");

        var results = await app.Services.GetRequiredService<SearchService>().SearchAsync(query, Ct);

        Assert.NotNull(results);
    }

    [Fact]
    public async Task Search_GitHubIssueTitle_IsFoundWithItsKey()
    {
        await using var app = new AppFactory(provider: provider);
        app.StartServer();
        var issue = new GitHubIssueRecord(5_000_000_001, 42, "Helm chart ignores nodeSelector", "Steps to reproduce…", "open", null, "octocat",
            false, ["bug"], [], 0, 0, 0, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc),
            null, "https://github.com/acme/widgets/issues/42", "NONE");
        await app.Services.GetRequiredService<GitHubIngestService>().UpsertIssuesAsync("acme/widgets", [issue], Ct);

        var hit = Assert.Single((await app.Services.GetRequiredService<SearchService>().SearchAsync("nodeselector", Ct)).Hits);

        Assert.Equal(SearchHitKind.GitHubIssue, hit.Kind);
        Assert.Equal("acme/widgets#42", hit.IssueKey);
    }

    [Fact]
    public async Task Search_Hits_OpenTheirInboxItemsByItemIdForThreadsAndIssues()
    {
        await using var app = new AppFactory(provider: provider);
        app.StartServer();
        await IngestAsync(app, "1700000000.000100", "Exporter crash E4711 on large files");
        var issue = new GitHubIssueRecord(5_000_000_002, 43, "Exporter crash E4711", "Seen on 2 GB files", "open", null, "octocat",
            false, ["Triage 👀"], [], 0, 0, 0, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc),
            null, "https://github.com/acme/widgets/issues/43", "NONE");
        await app.Services.GetRequiredService<GitHubIngestService>().UpsertIssuesAsync("acme/widgets", [issue], Ct);

        var hits = (await app.Services.GetRequiredService<SearchService>().SearchAsync("e4711", Ct)).Hits;

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        var threadHit = Assert.Single(hits, h => h.Kind == SearchHitKind.SlackMessage);
        var issueHit = Assert.Single(hits, h => h.Kind == SearchHitKind.GitHubIssue);
        Assert.Equal(await db.Set<InboxItem>().Where(i => i.ThreadId == threadHit.ThreadId).Select(i => (long?)i.Id).SingleAsync(Ct), threadHit.InboxItemId);
        Assert.Equal(await db.Set<InboxItem>().Where(i => i.SourceKey == "acme/widgets#43").Select(i => (long?)i.Id).SingleAsync(Ct), issueHit.InboxItemId);
        Assert.NotEqual(threadHit.InboxItemId, issueHit.InboxItemId);
    }

    protected static async Task IngestAsync(AppFactory app, string ts, string text)
    {
        var message = new SlackMessage { Type = "message", Ts = ts, User = "U0ASKER01", Text = text };
        var result = await app.Services.GetRequiredService<ThreadIngestService>().IngestAsync(Channel, [message], TeamDirectory.Empty, Ct);
        Assert.NotNull(result);
    }
}

public sealed class SearchOnSqliteTests() : SearchTests(TestProvider.Sqlite)
{
    [Fact]
    public async Task EnsureCreated_TriggersLostToTableRebuild_RestoresThemAndIndexesWhatWasMissed()
    {
        await using var app = new AppFactory();
        app.StartServer();
        var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        await using (db)
        {
            // A migration that rebuilds ThreadMessages (create new, copy, drop, rename) drops its triggers like this.
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER MessageSearch_ai; DROP TRIGGER MessageSearch_ad; DROP TRIGGER MessageSearch_au;", Ct);
        }

        await IngestAsync(app, "1700000000.000100", "written while the triggers were missing: kubernetes");
        var search = app.Services.GetRequiredService<SearchService>();
        Assert.Empty((await search.SearchAsync("kubernetes", Ct)).Hits);

        await app.Services.GetRequiredService<ISearchIndex>().EnsureCreatedAsync(Ct);
        await IngestAsync(app, "1700000200.000100", "written after: kubernetes again");

        Assert.Equal(2, (await search.SearchAsync("kubernetes", Ct)).Hits.Count);
    }
}

public sealed class SearchOnPostgresTests() : SearchTests(TestProvider.Postgres);
