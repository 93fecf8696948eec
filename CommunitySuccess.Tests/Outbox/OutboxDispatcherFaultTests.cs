using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySuccess.Tests.Outbox;

/// <summary>A write whose sender throws something unexpected neither blocks later writes nor retries forever.</summary>
public sealed class OutboxDispatcherFaultTests
{
    private readonly ScriptedOutboxSender _sender = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DispatchDue_SenderThrowsUnexpectedError_LaterWriteIsStillSent()
    {
        await using var core = await StartAsync();
        var (broken, later) = await QueueAsync(core);

        await core.Get<OutboxDispatcher>().DispatchDueAsync(Ct);

        Assert.Equal([later], _sender.Sent);
        var messages = await MessagesAsync(core);
        Assert.Equal(OutboxStatus.Sent, messages[later].Status);
        Assert.Equal(OutboxStatus.Pending, messages[broken].Status);
        Assert.Contains("InvalidOperationException", messages[broken].LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchDue_UnexpectedErrorOnEveryAttempt_IsFailedAfterTheCap()
    {
        await using var core = await StartAsync();
        var (broken, _) = await QueueAsync(core);

        for (var i = 0; i < OutboxDispatcher.MaxAttempts + 2; i++)
        {
            await core.Get<OutboxDispatcher>().DispatchDueAsync(Ct);
            core.Time.Advance(TimeSpan.FromHours(1));
        }

        var message = (await MessagesAsync(core))[broken];
        Assert.Equal(OutboxStatus.Failed, message.Status);
        Assert.Equal(OutboxDispatcher.MaxAttempts, message.Attempts);
    }

    private Task<CoreTestServices> StartAsync() =>
        CoreTestServices.StartAsync(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), services =>
        {
            services.AddSingleton<IOutboxSender>(_sender);
            services.AddOutbox(runWorker: false);
        });

    private static async Task<(long Broken, long Later)> QueueAsync(CoreTestServices core)
    {
        var outbox = core.Get<OutboxService>();
        await using var db = await core.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        var broken = outbox.Add(db, ScriptedOutboxSender.Throws, new { text = "first" }, "test");
        var later = outbox.Add(db, ScriptedOutboxSender.Works, new { text = "second" }, "test");
        await db.SaveChangesAsync(Ct);
        return (broken.Id, later.Id);
    }

    private static async Task<Dictionary<long, OutboxMessage>> MessagesAsync(CoreTestServices core)
    {
        await using var db = await core.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        return await db.Set<OutboxMessage>().AsNoTracking().ToDictionaryAsync(m => m.Id, Ct);
    }
}
