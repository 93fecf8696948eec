using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using CommunitySuccess.Core.Inbox;
using Microsoft.EntityFrameworkCore;

namespace CommunitySuccess.Tests.Inbox;

/// <summary>50,000 threads and 500,000 messages, seeded once with plain SQL for the whole class.</summary>
public sealed class InboxVolumeFixture : IDisposable
{
    public const int ThreadCount = 50_000;
    public const int MessageCount = 500_000;
    public static readonly DateTime Now = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public InboxVolumeFixture()
    {
        using var transaction = Database.Connection.BeginTransaction();
        using var command = Database.Connection.CreateCommand();
        command.Transaction = transaction;
        // Threads every 10 minutes through 2025: 10% Open, 10% In Progress, 5% On Hold, 75% Closed, 1% not support.
        command.CommandText = $"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {ThreadCount}),
            t AS (
                SELECT i,
                    CASE WHEN i % 20 < 2 THEN 'Open' WHEN i % 20 < 4 THEN 'InProgress' WHEN i % 20 = 4 THEN 'OnHold' ELSE 'Closed' END AS status,
                    datetime('2025-01-01', '+' || (i * 10) || ' minutes') AS created,
                    (i % 20 IN (2, 3) AND i % 3 <> 0) AS byTeam,
                    (i % 97 = 0) AS notSupport
                FROM n)
            INSERT INTO SupportThreads (ChannelId, Ts, UserId, Status, StatusChangedAt, NewActivityWhileOnHold, NeedsFollowUp,
                FollowUpDueAt, IsNotSupport, ReferredToProduct, Text, MessageCount, FirstSeenAt, CreatedAt, LastMessageAt,
                LastMessageByTeam, LastTeamMessageAt, LastUserMessageAt, UnansweredSince, WaitingForTeamSince, ReplyCount)
            SELECT 'C0SUPPORT', printf('%d.000100', 1735689600 + i * 600), 'U' || (i % 3000), status,
                datetime(created, '+1 hours'), 0, (byTeam AND i % 7 = 0),
                CASE WHEN byTeam THEN datetime(created, '+50 hours') END, notSupport, 0, 'Question ' || i, 10, created, created,
                datetime(created, '+2 hours'), byTeam, CASE WHEN byTeam THEN datetime(created, '+2 hours') END, created,
                CASE WHEN byTeam THEN NULL ELSE created END,
                CASE WHEN status IN ('Open', 'InProgress') AND NOT byTeam AND NOT notSupport THEN created END, 9
            FROM t;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {MessageCount})
            INSERT INTO ThreadMessages (ThreadId, ChannelId, Ts, IsTeam, Text, IsDeleted, SentAt)
            SELECT (i - 1) % {ThreadCount} + 1, 'C0SUPPORT', printf('%d.%06d', 1735689600 + i, i % 1000000), i % 2, 'message ' || i, 0,
                datetime('2025-01-01', '+' || i || ' seconds')
            FROM n;
            """;
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    public InboxTestDatabase Database { get; } = new();

    public void Dispose() => Database.Dispose();
}

public sealed class SupportThreadQueriesTests(InboxVolumeFixture volume) : IClassFixture<InboxVolumeFixture>
{
    private const int PageSize = 50;

    private static readonly Dictionary<string, Func<IQueryable<SupportThread>, IQueryable<SupportThread>>> Pages = new()
    {
        ["waiting for the team"] = q => q.WaitingForTeam().Take(PageSize),
        ["waiting for the team, page 20"] = q => q.WaitingForTeam().Skip(19 * PageSize).Take(PageSize),
        ["Open by latest activity"] = q => q.InStatusByLatestActivity(ThreadStatus.Open).Take(PageSize),
        ["In Progress longest first"] = q => q.InStatusLongestFirst(ThreadStatus.InProgress).Take(PageSize),
        ["On Hold longest first"] = q => q.InStatusLongestFirst(ThreadStatus.OnHold).Take(PageSize),
        ["Closed by latest activity, page 10"] = q => q.InStatusByLatestActivity(ThreadStatus.Closed).Skip(9 * PageSize).Take(PageSize),
        ["follow-up sweep"] = q => q.FollowUpSweep(InboxVolumeFixture.Now.AddHours(-48)).Take(200),
        ["needing follow-up"] = q => q.NeedingFollowUp().Take(PageSize),
    };

    public static TheoryData<string> PageNames => [.. Pages.Keys];

    [Theory]
    [MemberData(nameof(PageNames))]
    public void QueryPlan_InboxPage_ReadsOneIndexRangeWithoutSorting(string page)
    {
        using var context = volume.Database.CreateContext();

        var plan = ExplainQueryPlan(context, Pages[page](context.Threads).ToQueryString());

        var shown = string.Join(" | ", plan);
        Assert.True(plan.Any(step => step.Contains("USING INDEX IX_SupportThreads_", StringComparison.Ordinal)), shown);
        Assert.False(plan.Any(step => step.Contains("TEMP B-TREE", StringComparison.Ordinal)), shown);
        Assert.False(plan.Any(step => step.StartsWith("SCAN", StringComparison.Ordinal) && !step.Contains("INDEX", StringComparison.Ordinal)), shown);
    }

    [Fact]
    public async Task Query_CountsPerStatusAt50kThreads_ReadOnlyACoveringIndex()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var context = volume.Database.CreateContext();
        var query = context.Threads.Where(t => !t.IsNotSupport).GroupBy(t => t.Status).Select(g => new { g.Key, Count = g.Count() });
        await query.ToListAsync(ct);
        var plan = string.Join(" | ", ExplainQueryPlan(context, query.ToQueryString()));
        Assert.Contains("USING COVERING INDEX IX_SupportThreads_Status_IsNotSupport", plan, StringComparison.Ordinal);

        var counts = await query.ToDictionaryAsync(c => c.Key, c => c.Count, ct);

        // Speed is measured by scripts/bench.sh, not here; this proves the count is right and index-only.
        Assert.Equal(InboxVolumeFixture.ThreadCount - InboxVolumeFixture.ThreadCount / 97, counts.Values.Sum());
    }

    [Fact]
    public async Task WaitingForTeam_SeededVolume_ReturnsOnlyWaitingSupportThreadsLongestFirst()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var context = volume.Database.CreateContext();

        var page = await context.Threads.WaitingForTeam().Take(PageSize).ToListAsync(ct);

        Assert.Equal(PageSize, page.Count);
        Assert.All(page, t =>
        {
            Assert.Contains(t.Status, new[] { ThreadStatus.Open, ThreadStatus.InProgress });
            Assert.False(t.IsNotSupport);
            Assert.False(t.LastMessageByTeam);
        });
        Assert.Equal(page.OrderBy(t => t.WaitingForTeamSince).Select(t => t.Id), page.Select(t => t.Id));
    }

    [Fact]
    public async Task FollowUpSweep_SeededVolume_ReturnsInProgressThreadsTheTeamAnsweredBeforeTheCutoff()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var context = volume.Database.CreateContext();
        var cutoff = new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc);

        var sweep = await context.Threads.FollowUpSweep(cutoff).ToListAsync(ct);

        Assert.NotEmpty(sweep);
        Assert.All(sweep, t =>
        {
            Assert.Equal(ThreadStatus.InProgress, t.Status);
            Assert.True(t.LastMessageByTeam);
            Assert.True(t.LastTeamMessageAt < cutoff);
            Assert.Equal(DateTimeKind.Utc, t.LastTeamMessageAt!.Value.Kind);
        });
    }

    private static List<string> ExplainQueryPlan(InboxTestDbContext context, string queryString)
    {
        // ToQueryString writes parameters as ".param set @name value" lines before the SQL.
        var lines = queryString.Split('\n');
        using var command = ConnectionOf(context).CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + string.Join('\n', lines.Where(l => !l.StartsWith(".param set ", StringComparison.Ordinal)));
        foreach (var line in lines.Where(l => l.StartsWith(".param set ", StringComparison.Ordinal)))
        {
            var match = Regex.Match(line.TrimEnd(), @"^\.param set (@\w+) (.*)$");
            var literal = match.Groups[2].Value;
            object value = literal.StartsWith('\'')
                ? literal[1..^1].Replace("''", "'", StringComparison.Ordinal)
                : long.Parse(literal, CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue(match.Groups[1].Value, value);
        }

        using var reader = command.ExecuteReader();
        var steps = new List<string>();
        while (reader.Read())
        {
            steps.Add(reader.GetString(3));
        }

        return steps;
    }

    private static Microsoft.Data.Sqlite.SqliteConnection ConnectionOf(InboxTestDbContext context) =>
        (Microsoft.Data.Sqlite.SqliteConnection)context.Database.GetDbConnection();
}
