using System.Threading.Channels;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Inbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.Slack;

/// <summary>What became of one envelope: the answer the caller gives Slack.</summary>
public enum SlackEnvelopeOutcome
{
    /// <summary>A new event, queued to be applied.</summary>
    Accepted,

    /// <summary>A delivery of an event already applied or being applied (Slack's retries carry the same <c>event_id</c>).</summary>
    Duplicate,

    /// <summary><c>url_verification</c>: answer the challenge.</summary>
    Challenge,

    /// <summary>Any other envelope type: acknowledged, nothing to do.</summary>
    Ignored,
}

/// <summary>The processor's answer to an envelope; <see cref="Challenge"/> is set for <c>url_verification</c>.</summary>
public sealed record SlackEnvelopeResult(SlackEnvelopeOutcome Outcome, string? Challenge = null);

/// <summary>
/// Takes Events API envelopes (from <c>POST /slack/events</c> or Socket Mode): queues the event and returns at once —
/// Slack wants an answer within 3 seconds — and a background loop applies queued events through the same thread
/// upsert the polling sync uses. Slack retries an event it thinks was not acknowledged (same <c>event_id</c>, with
/// <c>X-Slack-Retry-Num</c>): a retry of an event that is queued, being applied or already applied is a duplicate.
/// The <c>event_id</c> is recorded only after the event was applied, so a crash in between leaves a redelivery to
/// be applied, not dropped.
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
    private readonly Lock _gate = new();
    private readonly HashSet<string> _inFlight = new(StringComparer.Ordinal);
    private int _pending;

    /// <summary>Events accepted but not yet applied (tests wait for zero).</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Raised after a queued event was applied.</summary>
    public event Action<SlackEventCallback>? EventApplied;

    /// <summary>
    /// The one entry point for an envelope as Slack sends it (the JSON body of an Events API request, or a Socket Mode
    /// envelope's <c>payload</c>). Fast: at most one small query, then the event waits in the queue.
    /// </summary>
    /// <exception cref="SlackPayloadException">The JSON is not an Events API envelope.</exception>
    public async Task<SlackEnvelopeResult> HandleEnvelopeAsync(string envelopeJson, CancellationToken cancellationToken)
    {
        switch (SlackEvents.Parse(envelopeJson))
        {
            case SlackUrlVerification verification:
                return new SlackEnvelopeResult(SlackEnvelopeOutcome.Challenge, verification.Challenge);
            case SlackEventCallback callback:
                return new SlackEnvelopeResult(await AcceptAsync(callback, cancellationToken) ? SlackEnvelopeOutcome.Accepted : SlackEnvelopeOutcome.Duplicate);
            default:
                return new SlackEnvelopeResult(SlackEnvelopeOutcome.Ignored);
        }
    }

    /// <summary>Queues the event unless it is queued, being applied or already applied. Returns false for a duplicate delivery.</summary>
    public async Task<bool> AcceptAsync(SlackEventCallback callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (!string.IsNullOrEmpty(callback.EventId))
        {
            lock (_gate)
            {
                if (!_inFlight.Add(callback.EventId))
                {
                    return false;
                }
            }

            bool applied;
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                applied = await db.Set<ProcessedSlackEvent>().AnyAsync(e => e.EventId == callback.EventId, cancellationToken);
            }
            catch
            {
                Release(callback.EventId);
                throw;
            }

            if (applied)
            {
                Release(callback.EventId);
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
                await RecordAppliedAsync(callback.EventId, stoppingToken);
                EventApplied?.Invoke(callback);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Not recorded: a redelivery is applied; and the next polling sync reads the same thread again anyway.
                logger.LogWarning(ex, "Applying Slack event {EventId} failed", callback.EventId);
            }
            finally
            {
                Release(callback.EventId);
                Interlocked.Decrement(ref _pending);
            }
        }
    }

    /// <summary>Only now, with the change stored, does the event count as seen.</summary>
    private async Task RecordAppliedAsync(string? eventId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(eventId))
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Add(new ProcessedSlackEvent { EventId = eventId, ReceivedAt = time.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Recorded by another instance that applied the same delivery: the upsert is idempotent, nothing lost.
        }
    }

    private void Release(string? eventId)
    {
        if (string.IsNullOrEmpty(eventId))
        {
            return;
        }

        lock (_gate)
        {
            _inFlight.Remove(eventId);
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
