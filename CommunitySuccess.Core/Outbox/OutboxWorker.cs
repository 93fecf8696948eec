using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CommunitySuccess.Core.Outbox;

/// <summary>
/// Runs the outbox dispatcher in the background: at once when something is added, when a retry is due, and every
/// few seconds as a safety net. A Slack or GitHub outage only delays writes; the rows wait in the database.
/// </summary>
public sealed class OutboxWorker(OutboxDispatcher dispatcher, OutboxSignal signal, TimeProvider time, ILogger<OutboxWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await dispatcher.DispatchDueAsync(stoppingToken);
                var nextDue = await dispatcher.NextDueAtAsync(stoppingToken);
                var wait = nextDue is { } due ? Clamp(due - time.GetUtcNow().UtcDateTime) : Poll;
                await signal.WaitAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Outbox dispatch failed; trying again shortly");
                await Task.Delay(Poll, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private static TimeSpan Clamp(TimeSpan wait) => wait < TimeSpan.Zero ? TimeSpan.Zero : wait > Poll ? Poll : wait;
}
