using System.Collections.Concurrent;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySuccess.Tests.Outbox;

/// <summary>
/// Two dispatchers on one database (as two instances on one PostgreSQL have) send every write exactly once: each
/// message is claimed by one of them before it is sent.
/// </summary>
public abstract class OutboxClaimTests(TestProvider provider)
{
    private const string Kind = "test.counted";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DispatchDue_TwoDispatchersAtOnce_EveryMessageIsSentOnce()
    {
        var sender = new CountingSender();
        await using var core = await CoreTestServices.StartAsync(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), services =>
        {
            services.AddSingleton<IOutboxSender>(sender);
            services.AddOutbox(runWorker: false);
        }, provider);
        var ids = new List<long>();
        await using (var db = await core.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct))
        {
            var outbox = core.Get<OutboxService>();
            var messages = Enumerable.Range(0, 40).Select(i => outbox.Add(db, Kind, new { text = $"reply {i}" }, "test")).ToList();
            await db.SaveChangesAsync(Ct);
            ids.AddRange(messages.Select(m => m.Id));
        }

        // Each dispatcher has its own in-process gate, as each instance has: only the database keeps them apart.
        var first = ActivatorUtilities.CreateInstance<OutboxDispatcher>(core.Services);
        var second = ActivatorUtilities.CreateInstance<OutboxDispatcher>(core.Services);
        var processed = await Task.WhenAll(Task.Run(() => first.DispatchDueAsync(Ct), Ct), Task.Run(() => second.DispatchDueAsync(Ct), Ct));

        Assert.Equal(ids.Order(), sender.Sends.Keys.Order());
        Assert.All(sender.Sends.Values, count => Assert.Equal(1, count));
        Assert.True(processed.Sum() >= ids.Count);
        await using var check = await core.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        Assert.All(await check.Set<OutboxMessage>().ToListAsync(Ct), m => Assert.Equal((OutboxStatus.Sent, 1), (m.Status, m.Attempts)));
    }

    private sealed class CountingSender : IOutboxSender
    {
        public ConcurrentDictionary<long, int> Sends { get; } = new();

        public bool Handles(string kind) => kind == Kind;

        public Task<string?> FindEarlierSendAsync(OutboxMessage message, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

        public async Task<string?> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            Sends.AddOrUpdate(message.Id, 1, (_, count) => count + 1);
            // A send takes a moment on the wire: the other dispatcher gets its chance to pick the same message.
            await Task.Yield();
            return $"ref-{message.Id}";
        }
    }
}

public sealed class OutboxClaimOnSqliteTests() : OutboxClaimTests(TestProvider.Sqlite);

public sealed class OutboxClaimOnPostgresTests() : OutboxClaimTests(TestProvider.Postgres);
