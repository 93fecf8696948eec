using System.Globalization;
using System.Threading.Channels;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Inbox;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CommunitySuccess.Core.Notifications;

/// <summary>
/// Live updates across instances on PostgreSQL: this instance's <see cref="ChangeNotifier"/> changes go out with
/// <c>NOTIFY</c> after they happened (so after their commit), and the other instances' come in through a connection
/// that <c>LISTEN</c>s and are told to this instance's pages. The inbox-row trigger's notifications
/// (<see cref="PostgresDatabase.InboxChannel"/>) move <see cref="InboxItemProjection.Changes"/>, so no instance keeps
/// counts another instance made stale. A lost connection is re-opened; a change sent while it was down is not
/// replayed (the next change, or a reload, shows it), and the counts cache is invalidated on reconnect.
/// </summary>
public sealed class PostgresChangeRelay(
    DatabaseSettings settings, ChangeNotifier notifier, TimeProvider time, ILogger<PostgresChangeRelay> logger) : BackgroundService
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(2);

    private readonly string _instance = Guid.NewGuid().ToString("N")[..12];
    private readonly Channel<Change> _outgoing = Channel.CreateUnbounded<Change>(new UnboundedChannelOptions { SingleReader = true });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        notifier.ChangedHere += Enqueue;
        try
        {
            await Task.WhenAll(ListenAsync(stoppingToken), SendAsync(stoppingToken));
        }
        finally
        {
            notifier.ChangedHere -= Enqueue;
        }
    }

    /// <summary>The payload of one change: <c>instance|Area|id</c>.</summary>
    public static string Format(string instance, Change change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return $"{instance}|{change.Area}|{change.Id?.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>Reads a payload; null when it is not one of ours.</summary>
    public static (string Instance, Change Change)? Parse(string payload)
    {
        var parts = (payload ?? "").Split('|');
        if (parts.Length != 3 || !Enum.TryParse<ChangeArea>(parts[1], out var area))
        {
            return null;
        }

        long? id = long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
        return (parts[0], new Change(area, id));
    }

    private void Enqueue(Change change) => _outgoing.Writer.TryWrite(change);

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(settings.ConnectionString) { KeepAlive = 15, Pooling = false }.ToString();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => Receive(e.Channel, e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgresDatabase.ChangesChannel}; LISTEN {PostgresDatabase.InboxChannel};", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Whatever changed while no connection listened: counts are read afresh.
                InboxItemProjection.MarkChangedElsewhere();
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Listening for other instances' changes failed; reconnecting");
                await Task.Delay(ReconnectDelay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Receive(string channel, string payload)
    {
        if (channel == PostgresDatabase.InboxChannel)
        {
            InboxItemProjection.MarkChangedElsewhere();
            return;
        }

        if (Parse(payload) is { } received && received.Instance != _instance)
        {
            notifier.NotifyFromOtherInstance(received.Change);
        }
    }

    private async Task SendAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _outgoing.Reader.WaitToReadAsync(stoppingToken))
            {
                var batch = new List<Change>();
                while (batch.Count < 100 && _outgoing.Reader.TryRead(out var change))
                {
                    batch.Add(change);
                }

                try
                {
                    await using var connection = new NpgsqlConnection(settings.ConnectionString);
                    await connection.OpenAsync(stoppingToken);
                    await using var command = connection.CreateCommand();
                    command.CommandText = string.Join("; ", batch.Select((_, i) => $"SELECT pg_notify('{PostgresDatabase.ChangesChannel}', @p{i})"));
                    for (var i = 0; i < batch.Count; i++)
                    {
                        command.Parameters.AddWithValue($"p{i}", Format(_instance, batch[i]));
                    }

                    await command.ExecuteNonQueryAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
                {
                    // Other instances' pages miss this live update; their next change or a reload shows it.
                    logger.LogWarning(ex, "Telling other instances about {Count} changes failed", batch.Count);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
