using System.Threading.Channels;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Inbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.Slack;

/// <summary>
/// Takes Events API callbacks: remembers the <c>event_id</c> (a replayed delivery is applied once), queues the
/// event and returns at once — Slack wants an answer within 3 seconds — and a background loop applies queued
/// events through the same thread upsert the polling sync uses.
/// </summary>
public sealed class SlackEventProcessor(
    IDbContextFactory<AppDbContext> dbFactory,
    SlackSyncService sync,
    ThreadIngestService ingest,
    Team.TeamService team,
    IOptionsMonitor<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackEventProcessor> logger) : BackgroundService
{
    private readonly Channel<SlackEventCallback> _queue = Channel.CreateUnbounded<SlackEventCallback>(new UnboundedChannelOptions { SingleReader = true });
    private int _pending;

    /// <summary>Events accepted but not yet applied (tests wait for zero).</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Raised after a queued event was applied.</summary>
    public event Action<SlackEventCallback>? EventApplied;

    /// <summary>Records the event id and queues the event. Returns false for a duplicate delivery.</summary>
    public async Task<bool> AcceptAsync(SlackEventCallback callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (!string.IsNullOrEmpty(callback.EventId))
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            db.Add(new ProcessedSlackEvent { EventId = callback.EventId, ReceivedAt = time.GetUtcNow().UtcDateTime });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                return false;
            }
        }

        Interlocked.Increment(ref _pending);
        await _queue.Writer.WriteAsync(callback, cancellationToken);
        return true;
    }

    /// <summary>Applies one event now (the background loop calls this; so can a test).</summary>
    public async Task ApplyAsync(SlackEventCallback callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callback);
        switch (callback.Event)
        {
            case SlackMessageEvent message when IsSupportChannel(message.Channel):
                await ApplyMessageAsync(message.Channel!, message, cancellationToken);
                break;
            case SlackReactionEvent { Item.Type: "message", Item.Channel: { } channel, Item.Ts: { } ts } when IsSupportChannel(channel):
                await SyncThreadOfAsync(channel, ts, cancellationToken);
                break;
            default:
                // Other channels and event types are not ours: acknowledged and ignored.
                break;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var callback in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await ApplyAsync(callback, stoppingToken);
                EventApplied?.Invoke(callback);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next polling sync reads the same thread again, so an event that failed here is not lost.
                logger.LogWarning(ex, "Applying Slack event {EventId} failed", callback.EventId);
            }
            finally
            {
                Interlocked.Decrement(ref _pending);
            }
        }
    }

    private async Task ApplyMessageAsync(string channel, SlackMessageEvent message, CancellationToken cancellationToken)
    {
        switch (message.Subtype)
        {
            case SlackMessageSubtypes.MessageDeleted when message.DeletedTs is { } deletedTs:
                var threadTs = message.Previous?.ThreadTs ?? deletedTs;
                if (threadTs == deletedTs)
                {
                    await ingest.MarkDeletedAsync(channel, deletedTs, await team.GetDirectoryAsync(cancellationToken), cancellationToken);
                }
                else
                {
                    await sync.SyncThreadAsync(channel, threadTs, cancellationToken);
                }

                break;
            case SlackMessageSubtypes.MessageChanged when message.Changed is { } changed:
                await sync.SyncThreadAsync(channel, changed.ThreadTs ?? changed.Ts, cancellationToken);
                break;
            default:
                await sync.SyncThreadAsync(channel, message.Message.ThreadTs ?? message.Message.Ts, cancellationToken);
                break;
        }
    }

    private async Task SyncThreadOfAsync(string channel, string messageTs, CancellationToken cancellationToken)
    {
        // A reaction names a message, which may be a reply: find its thread, or treat it as a parent.
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var threadTs = await db.Set<ThreadMessage>().Where(m => m.ChannelId == channel && m.Ts == messageTs)
            .Select(m => m.Thread!.Ts).FirstOrDefaultAsync(cancellationToken) ?? messageTs;
        await sync.SyncThreadAsync(channel, threadTs, cancellationToken);
    }

    private bool IsSupportChannel(string? channel) =>
        channel is not null && options.CurrentValue.SupportChannels.Contains(channel, StringComparer.Ordinal);
}
