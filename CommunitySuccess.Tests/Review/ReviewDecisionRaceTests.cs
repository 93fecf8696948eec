using CommunitySuccess.Core.Accounts;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Shared;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Review;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CommunitySuccess.Tests.Review;

/// <summary>
/// Several people deciding the same review card at the same moment: exactly one decision is recorded and only its
/// label writes are queued, on SQLite (its write lock) and on PostgreSQL (read committed, so the check needs a lock).
/// </summary>
public abstract class ReviewDecisionRaceTests(TestProvider provider)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Decide_SameCardByEightPeopleAtOnce_ExactlyOneDecisionAndOneSetOfLabelWrites()
    {
        await using var app = await ReviewServiceTests.StartWithIssuesAsync(provider);
        var reviews = app.Services.GetRequiredService<ReviewService>();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => reviews.DecideAsync(
            102, new ReviewOutcome(i % 2 == 0, i % 2 == 1, false), null, false, new AppActor($"Product {i}", $"p{i}@example.test"), [Roles.Product], Ct))));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Contains("already decided", r.Error, StringComparison.Ordinal));
        Assert.Equal(1, await ReviewServiceTests.CountAsync<ReviewDecision>(app));
        // One decision's writes: remove Product review, add its labels.
        Assert.Equal(2, await ReviewServiceTests.CountAsync<CommunitySuccess.Core.Outbox.OutboxMessage>(app));
    }
}

public sealed class ReviewDecisionRaceOnSqliteTests() : ReviewDecisionRaceTests(TestProvider.Sqlite);

public sealed class ReviewDecisionRaceOnPostgresTests() : ReviewDecisionRaceTests(TestProvider.Postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// The interleaving read committed allows: Ben checks while Ana has decided but not committed. Deterministic: Ana's
    /// save waits until Ben's call has finished or waits on the lock, so without the lock both would be recorded.
    /// </summary>
    [Fact]
    public async Task Decide_ColleagueChecksWhileTheFirstDecisionIsUncommitted_TheColleagueWaitsAndIsRefused()
    {
        await using var app = await ReviewServiceTests.StartWithIssuesAsync(TestProvider.Postgres);
        var bensService = app.Services.GetRequiredService<ReviewService>();
        var anasDb = new InterleavingDbContextFactory(app.Database.Settings);
        var anasService = ActivatorUtilities.CreateInstance<ReviewService>(app.Services, (IDbContextFactory<AppDbContext>)anasDb);
        Task<ActionOutcome>? bens = null;
        anasDb.BeforeNextSave(async () =>
        {
            bens = Task.Run(() => bensService.DecideAsync(101, new ReviewOutcome(false, true, false), null, false, new AppActor("Ben Product"), [Roles.Product], Ct));
            await Wait.UntilAsync(async () => bens.IsCompleted || await AdvisoryLockWaitersAsync(app) > 0, waiting => waiting, "Ben's decision finished or waits for Ana's");
        });

        var anas = await anasService.DecideAsync(101, new ReviewOutcome(true, false, false), null, false, new AppActor("Ana Product"), [Roles.Product], Ct);

        Assert.True(anas.Succeeded, anas.Error);
        var bensResult = await bens!;
        Assert.False(bensResult.Succeeded);
        Assert.Contains("Ana Product already decided", bensResult.Error, StringComparison.Ordinal);
        Assert.Equal(1, await ReviewServiceTests.CountAsync<ReviewDecision>(app));
    }

    private static async Task<int> AdvisoryLockWaitersAsync(AppFactory app)
    {
        await using var connection = new NpgsqlConnection(app.Database.Settings.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted", connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
