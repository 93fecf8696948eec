using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Notifications;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CommunitySuccess.Tests.Outbox;

/// <summary>A write whose sender throws something unexpected neither blocks later writes nor retries forever.</summary>
public sealed class OutboxDispatcherFaultTests : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cs-outbox-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly ScriptedOutboxSender _sender = new();
    private ServiceProvider? _services;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DispatchDue_SenderThrowsUnexpectedError_LaterWriteIsStillSent()
    {
        var (dispatcher, broken, later) = await StartAsync();

        await dispatcher.DispatchDueAsync(Ct);

        Assert.Equal([later], _sender.Sent);
        var messages = await MessagesAsync();
        Assert.Equal(OutboxStatus.Sent, messages[later].Status);
        Assert.Equal(OutboxStatus.Pending, messages[broken].Status);
        Assert.Contains("InvalidOperationException", messages[broken].LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchDue_UnexpectedErrorOnEveryAttempt_IsFailedAfterTheCap()
    {
        var (dispatcher, broken, _) = await StartAsync();

        for (var i = 0; i < OutboxDispatcher.MaxAttempts + 2; i++)
        {
            await dispatcher.DispatchDueAsync(Ct);
            _time.Advance(TimeSpan.FromHours(1));
        }

        var message = (await MessagesAsync())[broken];
        Assert.Equal(OutboxStatus.Failed, message.Status);
        Assert.Equal(OutboxDispatcher.MaxAttempts, message.Attempts);
    }

    private async Task<(OutboxDispatcher Dispatcher, long Broken, long Later)> StartAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Critical));
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<ChangeNotifier>();
        services.AddSingleton<IOutboxSender>(_sender);
        services.AddAppDatabase($"Data Source={Path.Combine(_directory, "outbox.db")}");
        services.AddOutbox(runWorker: false);
        _services = services.BuildServiceProvider();
        await _services.GetRequiredService<DatabaseInitializer>().InitializeAsync(Ct);

        var outbox = _services.GetRequiredService<OutboxService>();
        await using var db = await _services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        var broken = outbox.Add(db, ScriptedOutboxSender.Throws, new { text = "first" }, "test");
        var later = outbox.Add(db, ScriptedOutboxSender.Works, new { text = "second" }, "test");
        await db.SaveChangesAsync(Ct);
        return (_services.GetRequiredService<OutboxDispatcher>(), broken.Id, later.Id);
    }

    private async Task<Dictionary<long, OutboxMessage>> MessagesAsync()
    {
        await using var db = await _services!.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        return await db.Set<OutboxMessage>().AsNoTracking().ToDictionaryAsync(m => m.Id, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
