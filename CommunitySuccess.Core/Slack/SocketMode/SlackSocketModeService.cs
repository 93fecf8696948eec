using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.Slack.SocketMode;

/// <summary>
/// Slack's Socket Mode, for installations without a public URL: when <c>Slack:AppToken</c> is set, keeps one WebSocket
/// to Slack open (<c>apps.connections.open</c>, then <see cref="ClientWebSocket"/>), hands <c>events_api</c> envelopes
/// to the same <see cref="SlackEventProcessor"/> that <c>POST /slack/events</c> uses (so a redelivered event is applied
/// once), answers <c>slash_commands</c> through the registered <see cref="ISlackSlashCommandHandler"/>s, and acknowledges
/// every envelope at once (Slack redelivers what is not acknowledged within 3 s).
/// </summary>
/// <remarks>
/// Slack refreshes connections every few hours with a <c>disconnect</c> message (<c>warning</c>, <c>refresh_requested</c>):
/// a new connection is opened at once. A dropped socket or a refused connection is retried after 1, 2, 4 … up to
/// 60 seconds; <c>link_disabled</c> (Socket Mode turned off for the app) and a refused token wait the full minute.
/// </remarks>
public sealed partial class SlackSocketModeService(
    SlackSocketModeConnector connector,
    SlackEventProcessor processor,
    IEnumerable<ISlackSlashCommandHandler> commands,
    IOptionsMonitor<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackSocketModeService> logger) : BackgroundService
{
    private const int MaxMessageBytes = 1024 * 1024;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);
    private int _connectionsOpened;
    private volatile bool _connected;

    private enum ConnectionEnd
    {
        /// <summary>Slack asked for a new connection: open one now.</summary>
        Refresh,

        /// <summary>The socket closed or failed after <c>hello</c>.</summary>
        Dropped,

        /// <summary>No <c>hello</c> came, or Slack refused the connection.</summary>
        Failed,

        /// <summary>Socket Mode is off for the app, or the token is refused: wait long.</summary>
        Disabled,
    }

    /// <summary>Connections that received <c>hello</c> since start.</summary>
    public int ConnectionsOpened => Volatile.Read(ref _connectionsOpened);

    /// <summary>True while a connection that received <c>hello</c> is open.</summary>
    public bool IsConnected => _connected;

    /// <summary>The wait before the next attempt after <paramref name="failures"/> failures in a row: 1 s, 2 s, 4 s … 60 s.</summary>
    public static TimeSpan Backoff(int failures) =>
        failures <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(failures - 1, 10))));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrEmpty(options.CurrentValue.AppToken))
        {
            return;
        }

        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            ConnectionEnd end;
            try
            {
                var url = await connector.OpenConnectionAsync(stoppingToken);
                end = await RunConnectionAsync(url, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (SlackSocketModeException ex) when (ex.Permanent)
            {
                LogRefused(logger, ex.Error);
                end = ConnectionEnd.Disabled;
            }
            catch (Exception ex) when (ex is SlackSocketModeException or WebSocketException or HttpRequestException or JsonException or OperationCanceledException or InvalidDataException)
            {
                LogConnectionFailed(logger, ex.Message);
                end = ConnectionEnd.Failed;
            }

            failures = end switch
            {
                ConnectionEnd.Refresh => 0,
                ConnectionEnd.Dropped => 1,
                _ => failures + 1,
            };
            var wait = end == ConnectionEnd.Disabled ? MaxBackoff : Backoff(failures);
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task<ConnectionEnd> RunConnectionAsync(Uri url, CancellationToken cancellationToken)
    {
        using var socket = new ClientWebSocket();
        // Pings both ways: Slack pings us (answered by the framework), our pings find a silently dead connection.
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
        socket.Options.KeepAliveTimeout = TimeSpan.FromSeconds(30);
        using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            connecting.CancelAfter(ConnectTimeout);
            await socket.ConnectAsync(url, connecting.Token);
        }

        var helloSeen = false;
        try
        {
            while (await ReceiveTextAsync(socket, cancellationToken) is { } text)
            {
                using var document = JsonDocument.Parse(text);
                var root = document.RootElement;
                var type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
                switch (type)
                {
                    case "hello":
                        helloSeen = true;
                        _connected = true;
                        var count = Interlocked.Increment(ref _connectionsOpened);
                        if (count == 1)
                        {
                            // Once, so an admin sees Socket Mode works; the hourly refreshes stay at Debug.
                            LogFirstConnection(logger);
                        }
                        else
                        {
                            LogConnected(logger, count);
                        }

                        break;
                    case "disconnect":
                        var reason = root.TryGetProperty("reason", out var r) ? r.GetString() ?? "" : "";
                        LogDisconnect(logger, reason);
                        await CloseQuietlyAsync(socket);
                        return reason switch
                        {
                            "link_disabled" => ConnectionEnd.Disabled,
                            // Slack allows ten sockets per app: reconnecting at once would only meet the limit again.
                            "too_many_websockets" => ConnectionEnd.Failed,
                            _ => ConnectionEnd.Refresh,
                        };
                    default:
                        if (root.TryGetProperty("envelope_id", out var id) && id.GetString() is { Length: > 0 } envelopeId)
                        {
                            await HandleEnvelopeAsync(socket, envelopeId, type, root, cancellationToken);
                        }

                        break;
                }
            }

            return helloSeen ? ConnectionEnd.Dropped : ConnectionEnd.Failed;
        }
        catch (Exception ex) when (helloSeen && ex is WebSocketException or JsonException or InvalidDataException)
        {
            LogConnectionFailed(logger, ex.Message);
            return ConnectionEnd.Dropped;
        }
        finally
        {
            _connected = false;
        }
    }

    private async Task HandleEnvelopeAsync(ClientWebSocket socket, string envelopeId, string? type, JsonElement root, CancellationToken cancellationToken)
    {
        var hasPayload = root.TryGetProperty("payload", out var payload) && payload.ValueKind == JsonValueKind.Object;
        JsonObject? reply = null;
        try
        {
            switch (type)
            {
                case "events_api" when hasPayload:
                    if (SlackEvents.Parse(payload.GetRawText()) is SlackEventCallback callback)
                    {
                        // The same path as POST /slack/events: a redelivery (retry_attempt > 0) is recognised by event_id.
                        await processor.AcceptAsync(callback, cancellationToken);
                    }

                    break;
                case "slash_commands" when hasPayload:
                    reply = new JsonObject { ["response_type"] = "ephemeral", ["text"] = await AnswerCommandAsync(payload, cancellationToken) };
                    break;
                default:
                    // Interactivity and other envelope types are not ours: acknowledged so Slack does not resend them.
                    break;
            }
        }
        catch (SlackPayloadException ex)
        {
            // A payload we cannot read will not read better when resent.
            LogBadPayload(logger, envelopeId, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not acknowledged: Slack sends it again, and nothing was recorded that would call the resend a duplicate.
            LogEnvelopeFailed(logger, ex, envelopeId);
            return;
        }

        var ack = new JsonObject { ["envelope_id"] = envelopeId };
        if (reply is not null)
        {
            ack["payload"] = reply;
        }

        await socket.SendAsync(Encoding.UTF8.GetBytes(ack.ToJsonString()), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
    }

    private async Task<string> AnswerCommandAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        var command = payload.TryGetProperty("command", out var c) ? c.GetString() ?? "" : "";
        var text = payload.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "";
        var handler = commands.FirstOrDefault(h => string.Equals(h.Command, command.Trim(), StringComparison.OrdinalIgnoreCase));
        return handler is null
            ? $"CommunitySuccess answers {string.Join(", ", commands.Select(h => h.Command))} only, not {command}."
            : await handler.AnswerAsync(text, cancellationToken);
    }

    private static async Task<string?> ReceiveTextAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await CloseQuietlyAsync(socket);
                return null;
            }

            if (message.Length + result.Count > MaxMessageBytes)
            {
                throw new InvalidDataException($"A Socket Mode message is larger than {MaxMessageBytes / 1024} KB.");
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
            }
        }
    }

    private static async Task CloseQuietlyAsync(ClientWebSocket socket)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        try
        {
            using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", closing.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            socket.Abort();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack Socket Mode connected: events arrive over the WebSocket, no public URL needed")]
    private static partial void LogFirstConnection(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Slack Socket Mode connected (connection {Count} since start)")]
    private static partial void LogConnected(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Slack asked this Socket Mode connection to close ({Reason}); reconnecting")]
    private static partial void LogDisconnect(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode connection failed: {Error}; retrying with backoff")]
    private static partial void LogConnectionFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack refused Socket Mode ({Error}): check Slack:AppToken (an app-level token with connections:write) and that Socket Mode is on for the app")]
    private static partial void LogRefused(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode envelope {EnvelopeId} carried a payload that could not be read: {Error}")]
    private static partial void LogBadPayload(ILogger logger, string envelopeId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode envelope {EnvelopeId} could not be handled; not acknowledged, so Slack sends it again")]
    private static partial void LogEnvelopeFailed(ILogger logger, Exception exception, string envelopeId);
}
