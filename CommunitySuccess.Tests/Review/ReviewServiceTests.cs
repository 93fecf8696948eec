using CommunitySuccess.Core.Accounts;
using CommunitySuccess.Core.Backlog;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Core.Review;
using CommunitySuccess.Core.Shared;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySuccess.Tests.Review;

public sealed class ReviewServiceTests
{
    private const string Repo = "acme/widgets";
    private static readonly AppActor Pat = new("Pat Product", "pat@example.test");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Decide_AsEngineer_IsRefusedAndNothingIsSentToGitHub()
    {
        await using var app = await StartWithIssuesAsync();

        var result = await app.Services.GetRequiredService<ReviewService>()
            .DecideAsync(101, new ReviewOutcome(false, true, false), "ok", postNoteAsComment: true, Pat, [Roles.Engineer], Ct);

        Assert.False(result.Succeeded);
        Assert.Contains("product team", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync<OutboxMessage>(app));
        Assert.Equal(0, await CountAsync<ReviewDecision>(app));
    }

    [Fact]
    public async Task Decide_CommunityAndContributionAsProduct_QueuesLabelSwapAndRecordsTheWeek()
    {
        await using var app = await StartWithIssuesAsync();
        var reviews = app.Services.GetRequiredService<ReviewService>();

        var result = await reviews.DecideAsync(101, new ReviewOutcome(false, true, true), "Good first contribution", postNoteAsComment: true, Pat, [Roles.Product], Ct);

        Assert.True(result.Succeeded, result.Error);
        var sent = await ListAsync<OutboxMessage>(app);
        Assert.Contains(sent, m => m.Kind == GitHubOutboxKinds.RemoveLabel && m.PayloadJson.Contains("Product review", StringComparison.Ordinal));
        Assert.Contains(sent, m => m.Kind == GitHubOutboxKinds.AddLabels && m.PayloadJson.Contains("Community", StringComparison.Ordinal)
            && m.PayloadJson.Contains("Open to contribution", StringComparison.Ordinal));
        Assert.Contains(sent, m => m.Kind == GitHubOutboxKinds.Comment && m.PayloadJson.Contains("Good first contribution", StringComparison.Ordinal));
        var board = await reviews.GetBoardAsync(Ct);
        Assert.DoesNotContain(board.ToDecide, i => i.IssueId == 101);
        Assert.Contains(board.ToDecide, i => i.IssueId == 102);
        var week = Assert.Single(await reviews.GetHistoryAsync(4, Ct));
        Assert.Equal((0, 1, 1), (week.Sprint, week.CommunityBacklog, week.OpenToContribution));
        Assert.Equal("Pat Product", Assert.Single(week.Decisions).DecidedBy);
    }

    [Theory]
    [InlineData(false, false, false, "Choose sprint task")]
    [InlineData(true, true, false, "sprint only")]
    public async Task Decide_InvalidOutcome_IsRefusedWithReason(bool sprint, bool community, bool contribution, string reason)
    {
        await using var app = await StartWithIssuesAsync();

        var result = await app.Services.GetRequiredService<ReviewService>()
            .DecideAsync(101, new ReviewOutcome(sprint, community, contribution), null, false, Pat, [Roles.Admin], Ct);

        Assert.False(result.Succeeded);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync<OutboxMessage>(app));
    }

    [Fact]
    public async Task Decide_SameCardByTwoPeople_TheSecondIsToldWhatTheFirstDecidedAndWritesNothing()
    {
        await using var app = await StartWithIssuesAsync();
        var reviews = app.Services.GetRequiredService<ReviewService>();
        var sam = new AppActor("Sam Product", "sam@example.test") { UserId = "account-sam" };

        var first = await reviews.DecideAsync(101, new ReviewOutcome(true, false, false), null, false, Pat, [Roles.Product], Ct);
        var writes = await CountAsync<OutboxMessage>(app);
        var second = await reviews.DecideAsync(101, new ReviewOutcome(false, true, false), null, false, sam, [Roles.Product], Ct);

        Assert.True(first.Succeeded, first.Error);
        Assert.False(second.Succeeded);
        Assert.Contains($"{Pat.DisplayName} already decided", second.Error, StringComparison.Ordinal);
        Assert.Contains("sprint task", second.Error, StringComparison.Ordinal);
        Assert.Equal(writes, await CountAsync<OutboxMessage>(app));
        Assert.Equal(1, await CountAsync<ReviewDecision>(app));
    }

    [Fact]
    public async Task Board_IssueLinkedToThreads_SaysHowManyDifferentPeopleAskedOnBoardAndBacklog()
    {
        await using var app = await StartWithIssuesAsync();
        var seed = new CommunitySuccess.Tests.Search.SimilarItemsSeed(app);
        long[] threads =
        [
            await seed.ThreadAsync(1_700_000_000, "Is SSO supported?", user: "U0PRIYA001"),
            await seed.ThreadAsync(1_700_000_600, "SAML login please", user: "U0KENJI001"),
            await seed.ThreadAsync(1_700_001_200, "Any news on SSO?", user: "U0PRIYA001"),
            await seed.ThreadAsync(1_700_001_800, "Crash on my Raspberry Pi", user: "U0LUCAS001"),
        ];
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct))
        {
            db.AddRange(threads.Select((t, i) => new ThreadIssueLink { ThreadId = t, Repository = Repo, Number = i < 3 ? 101 : 103, LinkedBy = "Ana" }));
            await db.SaveChangesAsync(Ct);
        }

        var board = await app.Services.GetRequiredService<ReviewService>().GetBoardAsync(Ct);
        var backlog = await app.Services.GetRequiredService<BacklogService>().ListAsync(BacklogOrder.Reactions, Ct);

        Assert.Equal(2, Assert.Single(board.ToDecide, i => i.Number == 101).AskedBy);
        Assert.Equal(0, Assert.Single(board.ToDecide, i => i.Number == 102).AskedBy);
        Assert.Equal(1, Assert.Single(backlog, i => i.Number == 103).AskedByThreads);
    }

    [Fact]
    public async Task Backlog_GroupsBlockersFirstThenContributionThenSmallRequests()
    {
        await using var app = await StartWithIssuesAsync();

        var items = await app.Services.GetRequiredService<BacklogService>().ListAsync(BacklogOrder.Reactions, Ct);

        Assert.Equal([103, 105, 104], items.Select(i => i.Number));
        Assert.Equal([BacklogGroup.DeploymentBlockers, BacklogGroup.OpenToContribution, BacklogGroup.SmallRequests], items.Select(i => i.Group));
    }

    [Fact]
    public async Task Take_AccountWithoutTeamMember_IsRefusedClearly()
    {
        await using var app = await StartWithIssuesAsync();

        var result = await app.Services.GetRequiredService<BacklogService>().TakeAsync(104, new CurrentUser("u-1", "nobody@example.test", "nobody@example.test", [Roles.Engineer], Member: null), Ct);

        Assert.False(result.Succeeded);
        Assert.Contains("GitHub login", result.Error, StringComparison.Ordinal);
    }

    internal static async Task<AppFactory> StartWithIssuesAsync(TestProvider provider = TestProvider.Sqlite)
    {
        var app = new AppFactory(provider: provider);
        app.StartServer();
        var created = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        GitHubIssueRecord Issue(long id, int number, string title, params string[] labels) =>
            new(id, number, title, "body", "open", null, "user-" + number, false, labels, [], 0, number, 0, created.AddDays(number - 100),
                created.AddDays(number - 100), null, $"https://github.com/{Repo}/issues/{number}", "NONE");
        await app.Services.GetRequiredService<GitHubIngestService>().UpsertIssuesAsync(Repo,
        [
            Issue(101, 101, "Support SSO", "Product review"),
            Issue(102, 102, "Dark mode", "Product review"),
            Issue(103, 103, "Crash on ARM", "Community", "Deployment blocker"),
            Issue(104, 104, "Typo in docs", "Community"),
            Issue(105, 105, "Add a Helm value", "Open to contribution"),
        ], Ct);
        return app;
    }

    internal static async Task<int> CountAsync<T>(AppFactory app)
        where T : class => (await ListAsync<T>(app)).Count;

    private static async Task<List<T>> ListAsync<T>(AppFactory app)
        where T : class
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        return await db.Set<T>().AsNoTracking().ToListAsync(Ct);
    }
}
