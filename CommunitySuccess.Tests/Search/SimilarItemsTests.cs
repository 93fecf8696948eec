using CommunitySuccess.Core.Search;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySuccess.Tests.Search;

/// <summary>Similar earlier questions on each provider's own full-text engine (FTS5 on SQLite, tsvector on PostgreSQL).</summary>
public abstract class SimilarItemsTests(TestProvider provider)
{
    private const long Start = 1_700_000_000;
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FindForItem_SameErrorAskedBefore_SuggestsResolvedThreadFirstWithItsAnswer()
    {
        await using var app = new AppFactory(provider: provider);
        app.StartServer();
        var seed = new SimilarItemsSeed(app);
        await seed.ThreadAsync(Start, "How do I change the log level of the worker?", "Set LOG_LEVEL=debug.", closed: true);
        var open = await seed.ThreadAsync(Start + 600, "Worker crashes at startup with InvalidOperationException: Sequence contains no elements in PartitionPlanner.Plan");
        var resolved = await seed.ThreadAsync(Start + 1200, "Hi team! After the upgrade the worker dies: `InvalidOperationException: Sequence contains no elements` at PartitionPlanner.Plan",
            "That's the empty shard list regression: add one shard or upgrade to 3.8.1.\nSecond line.\nThird line.\nFourth line is left out.", closed: true);
        var asked = await seed.ThreadAsync(Start + 3600, "Hello, our worker fails to start: PartitionPlanner.Plan throws InvalidOperationException (Sequence contains no elements)");

        var found = await app.Services.GetRequiredService<SimilarItemsService>().FindForItemAsync(await seed.ItemOfAsync(asked, null), Ct);

        Assert.Equal([resolved, open], found.Items.Select(i => i.ThreadId));
        var first = found.Items[0];
        Assert.True(first.IsResolved);
        Assert.Equal("Closed", first.Status);
        Assert.Equal("That's the empty shard list regression: add one shard or upgrade to 3.8.1.\nSecond line.\nThird line.", first.Answer?.Excerpt);
        Assert.Equal(await seed.ItemOfAsync(resolved, null), first.InboxItemId);
        Assert.Contains("invalidoperationexception", first.SharedTerms);
        Assert.DoesNotContain(found.Terms, t => t.Term is "hello" or "our" or "to");
    }

    [Fact]
    public async Task FindForItem_IssueAskedInSlackBefore_SuggestsThreadAndClosedIssueWithClosingComment()
    {
        await using var app = new AppFactory(provider: provider);
        app.StartServer();
        var seed = new SimilarItemsSeed(app);
        var thread = await seed.ThreadAsync(Start, "Every webhook is delivered twice since 3.7.3 (same delivery_id).", "Reproduced, filed it.");
        await seed.IssueAsync(11, Start + 600, "Webhooks delivered twice with the same delivery_id", closingComment: "Fixed in 3.8.1: one delivery per event again.");
        await seed.IssueAsync(12, Start + 1200, "Duplicate webhook deliveries: each event arrives two times with an identical delivery_id");
        await seed.IssueAsync(13, Start + 1800, "Webhook delivered twice (same delivery_id) on 3.7.3", closingComment: "Duplicate of #11.");
        var askedLater = await seed.ThreadAsync(Start + 2400, "Since 3.7.3 each webhook arrives twice, both with the same delivery_id. Known?");

        var found = await app.Services.GetRequiredService<SimilarItemsService>().FindForItemAsync(await seed.ItemOfAsync(null, 12), Ct);

        // Earlier issues, not later ones; Slack threads asked before or after the issue (those after are its duplicates to link).
        Assert.Equal(["acme/widgets#11", null, null], found.Items.Select(i => i.IssueKey));
        Assert.Contains(found.Items, i => i.ThreadId == askedLater);
        Assert.Equal("Fixed in 3.8.1: one delivery per event again.", found.Items[0].Answer?.Excerpt);
        Assert.Equal("https://github.com/acme/widgets/issues/11", found.Items[0].HtmlUrl);
        var earlier = Assert.Single(found.Items, i => i.ThreadId == thread);
        Assert.Equal("In Progress", earlier.Status);
    }

    [Fact]
    public async Task FindForItem_OnlyGreetingsOrNothingShared_SuggestsNothing()
    {
        await using var app = new AppFactory(provider: provider);
        app.StartServer();
        var seed = new SimilarItemsSeed(app);
        await seed.ThreadAsync(Start, "Hi everyone, thanks for the help! Hello again", "You're welcome!", closed: true);
        await seed.ThreadAsync(Start + 60, "Dashboard widget shows NaN% for empty queues", "Fixed in 1.4.1.", closed: true);
        var greeting = await seed.ThreadAsync(Start + 600, "Hello everyone, thanks!");
        var unrelated = await seed.ThreadAsync(Start + 1200, "How do I rotate the API signing key without downtime?");

        var similar = app.Services.GetRequiredService<SimilarItemsService>();

        Assert.Empty((await similar.FindForItemAsync(await seed.ItemOfAsync(greeting, null), Ct)).Items);
        Assert.Empty((await similar.FindForItemAsync(await seed.ItemOfAsync(unrelated, null), Ct)).Items);
    }
}

public sealed class SimilarItemsOnSqliteTests() : SimilarItemsTests(TestProvider.Sqlite);

public sealed class SimilarItemsOnPostgresTests() : SimilarItemsTests(TestProvider.Postgres);
