using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CommunitySuccess.Sandbox.Slack;

/// <summary>
/// Slack's Socket Mode, as published (api.slack.com/apis/socket-mode): <c>apps.connections.open</c> with the app-level
/// token answers a one-use WebSocket URL; the socket starts with <c>hello</c>, carries <c>events_api</c> and
/// <c>slash_commands</c> envelopes, and each envelope must be acknowledged with <c>{"envelope_id": …}</c> (a slash
/// command's acknowledgement may carry the reply as <c>payload</c>). An envelope not acknowledged in time is sent again
/// with <c>retry_attempt</c> and <c>retry_reason</c> (at most three retries), also on the next connection. Slack
/// refreshes connections with a <c>disconnect</c> message (<c>warning</c>, then <c>refresh_requested</c>).
/// </summary>
/// <remarks>
/// Once <see cref="Enable"/>d, the workspace's events go to the socket instead of a request URL, as in Slack when an
/// app turns Socket Mode on: the workspace hands its signed callbacks to an internal relay address here.
/// Timeouts run on the sandbox's <see cref="TimeProvider"/>.
/// </remarks>
public sealed class SocketModeServer : IAsyncDisposable
{
    internal const string RelayPath = "/slack/socket-mode/relay";
    private const string LinkPath = "/slack/link/";
    private const int MaxRetries = 3;

    /// <summary>The app-level token a new sandbox accepts.</summary>
    public const string DefaultAppToken = "xapp-1-A05CSAPP001-1-sandboxapptoken";

    private readonly SlackWorkspace _workspace;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _tickets = new(StringComparer.Ordinal);
    private readonly List<Connection> _connections = [];
    private readonly Dictionary<string, Envelope> _envelopes = new(StringComparer.Ordinal);
    private readonly List<Envelope> _order = [];
    private readonly CancellationTokenSource _stop = new();
    private Uri? _baseUrl;
    private long _counter;
    private int _connectionsOpened;
    private int _opensRefused;

    internal SocketModeServer(SlackWorkspace workspace, TimeProvider time)
    {
        _workspace = workspace;
        _time = time;
    }

    /// <summary>The app-level token (<c>xapp-…</c>, scope <c>connections:write</c>) <c>apps.connections.open</c> accepts.</summary>
    public string AppToken { get; set; } = DefaultAppToken;

    /// <summary>How long an envelope may wait for its acknowledgement before it is sent again (Slack: 3 s).</summary>
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Acknowledgements to ignore, as if lost on the way: their envelopes are delivered again.</summary>
    public int LoseAcks { get; set; }

    /// <summary>How many sockets received <c>hello</c> so far.</summary>
    public int ConnectionsOpened => Volatile.Read(ref _connectionsOpened);

    /// <summary>How many <c>apps.connections.open</c> calls were refused (wrong or missing token).</summary>
    public int OpensRefused => Volatile.Read(ref _opensRefused);

    /// <summary>Sockets open now.</summary>
    public int OpenConnections
    {
        get
        {
            lock (_gate)
            {
                return _connections.Count;
            }
        }
    }

    /// <summary>Every envelope queued so far, in order, with its attempts and acknowledgement.</summary>
    public IReadOnlyList<SocketModeEnvelope> Envelopes
    {
        get
        {
            lock (_gate)
            {
                return [.. _order.Select(e => e.Snapshot())];
            }
        }
    }

    /// <summary>Sends the workspace's events over Socket Mode from now on (they stop going to a request URL).</summary>
    public void Enable() => _workspace.EventsUrl = new Uri(BaseUrl, RelayPath.TrimStart('/'));

    /// <summary>Queues a slash command as Slack sends it over the socket; returns its envelope id.</summary>
    public string SendSlashCommand(string command, string text, string userId, string channelId)
    {
        var payload = new JsonObject
        {
            ["token"] = _workspace.VerificationToken,
            ["team_id"] = _workspace.TeamId,
            ["team_domain"] = "sandbox",
            ["channel_id"] = channelId,
            ["channel_name"] = "directmessage",
            ["user_id"] = userId,
            ["user_name"] = userId,
            ["command"] = command,
            ["text"] = text,
            ["api_app_id"] = _workspace.AppId,
            ["is_enterprise_install"] = "false",
            ["response_url"] = new Uri(BaseUrl, "slack/commands/response").ToString(),
            ["trigger_id"] = NextId("TRG"),
        };
        return Queue("slash_commands", payload, acceptsResponsePayload: true, retryAttempt: 0, retryReason: "");
    }

    /// <summary>Sends <c>disconnect</c> with <paramref name="reason"/> on every open socket and closes them, as Slack does.</summary>
    public async Task DisconnectAllAsync(string reason = "refresh_requested", CancellationToken cancellationToken = default)
    {
        var message = new JsonObject
        {
            ["type"] = "disconnect",
            ["reason"] = reason,
            ["debug_info"] = new JsonObject { ["host"] = "applink-sandbox" },
        };
        foreach (var connection in Snapshot())
        {
            await connection.SendAsync(message, cancellationToken).ConfigureAwait(false);
            await connection.CloseAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Drops every open socket without a word, as a network failure would.</summary>
    public void DropAll()
    {
        foreach (var connection in Snapshot())
        {
            connection.Abort();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        DropAll();
        _stop.Dispose();
    }

    internal Uri BaseUrl => _baseUrl ?? throw new InvalidOperationException("The sandbox has not started.");

    internal void Attach(Uri baseUrl) => _baseUrl = baseUrl;

    internal void Map(IEndpointRouteBuilder routes)
    {
        // A literal route: it wins over /slack/api/{method}.
        routes.MapPost("/slack/api/apps.connections.open", (RequestDelegate)OpenAsync);
        routes.Map(LinkPath, (RequestDelegate)AcceptSocketAsync);
        routes.MapPost(RelayPath, (RequestDelegate)RelayAsync);
    }

    private Task OpenAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : "";
        JsonObject body;
        if (token.Length == 0)
        {
            body = new JsonObject { ["ok"] = false, ["error"] = "not_authed" };
        }
        else if (token.StartsWith("xoxb-", StringComparison.Ordinal) || token.StartsWith("xoxp-", StringComparison.Ordinal))
        {
            // Slack wants the app-level token here, never the bot's.
            body = new JsonObject { ["ok"] = false, ["error"] = "not_allowed_token_type" };
        }
        else if (!string.Equals(token, AppToken, StringComparison.Ordinal))
        {
            body = new JsonObject { ["ok"] = false, ["error"] = "invalid_auth" };
        }
        else
        {
            var ticket = NextId("tk");
            lock (_gate)
            {
                _tickets[ticket] = _time.GetUtcNow();
            }

            var url = new UriBuilder(new Uri(BaseUrl, LinkPath.TrimStart('/')))
            {
                Scheme = "ws",
                Query = $"ticket={ticket}&app_id={_workspace.AppId}",
            };
            body = new JsonObject { ["ok"] = true, ["url"] = url.Uri.ToString() };
        }

        if (body["ok"]!.GetValue<bool>() is false)
        {
            Interlocked.Increment(ref _opensRefused);
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(body.ToJsonString(SlackWorkspace.WireOptions), context.RequestAborted);
    }

    private async Task AcceptSocketAsync(HttpContext context)
    {
        var ticket = context.Request.Query["ticket"].ToString();
        bool known;
        lock (_gate)
        {
            // One connection per ticket.
            known = _tickets.Remove(ticket);
        }

        if (!context.WebSockets.IsWebSocketRequest || !known)
        {
            context.Response.StatusCode = known ? StatusCodes.Status400BadRequest : StatusCodes.Status401Unauthorized;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stop.Token);
        var connection = new Connection(socket);
        int count;
        lock (_gate)
        {
            _connections.Add(connection);
            count = _connections.Count;
        }

        try
        {
            await connection.SendAsync(
                new JsonObject
                {
                    ["type"] = "hello",
                    ["num_connections"] = count,
                    ["debug_info"] = new JsonObject { ["host"] = "applink-sandbox", ["build_number"] = 1, ["approximate_connection_time"] = 18060 },
                    ["connection_info"] = new JsonObject { ["app_id"] = _workspace.AppId },
                },
                aborted.Token).ConfigureAwait(false);
            Interlocked.Increment(ref _connectionsOpened);

            // What waited for a connection (or for an acknowledgement a dropped socket never carried) goes out now.
            foreach (var envelope in Unacknowledged())
            {
                await SendEnvelopeAsync(envelope, aborted.Token).ConfigureAwait(false);
            }

            await ReceiveAsync(connection, aborted.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The client went away or the sandbox stops: nothing to answer.
        }
        finally
        {
            lock (_gate)
            {
                _connections.Remove(connection);
            }
        }
    }

    private async Task ReceiveAsync(Connection connection, CancellationToken cancellationToken)
    {
        while (await connection.ReceiveTextAsync(cancellationToken).ConfigureAwait(false) is { } text)
        {
            JsonNode? ack;
            try
            {
                ack = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                continue;
            }

            if (ack?["envelope_id"]?.GetValue<string>() is not { } id)
            {
                continue;
            }

            lock (_gate)
            {
                if (LoseAcks > 0)
                {
                    LoseAcks--;
                    continue;
                }

                if (_envelopes.TryGetValue(id, out var envelope) && envelope.AckedAt is null)
                {
                    envelope.AckedAt = _time.GetUtcNow();
                    envelope.Response = ack["payload"]?.DeepClone() as JsonObject;
                }
            }
        }
    }

    private async Task RelayAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = JsonNode.Parse(await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false)) as JsonObject;
        if (body?["type"]?.GetValue<string>() == "url_verification")
        {
            // Not an event: a Socket Mode app has no request URL to verify, but the relay answers like one.
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(new JsonObject { ["challenge"] = body["challenge"]?.DeepClone() }.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (body is not null)
        {
            _ = int.TryParse(context.Request.Headers["X-Slack-Retry-Num"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var retry);
            Queue("events_api", body, acceptsResponsePayload: false, retry, context.Request.Headers["X-Slack-Retry-Reason"].ToString());
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private string Queue(string type, JsonObject payload, bool acceptsResponsePayload, int retryAttempt, string retryReason)
    {
        var envelope = new Envelope(Guid.NewGuid().ToString(), type, payload, acceptsResponsePayload) { RetryAttempt = retryAttempt, RetryReason = retryReason };
        lock (_gate)
        {
            _envelopes[envelope.Id] = envelope;
            _order.Add(envelope);
        }

        _ = SendEnvelopeAsync(envelope, _stop.Token);
        return envelope.Id;
    }

    private async Task SendEnvelopeAsync(Envelope envelope, CancellationToken cancellationToken)
    {
        Connection? connection;
        JsonObject message;
        lock (_gate)
        {
            // The newest connection carries it; with none open it waits for the next hello.
            connection = _connections.Count == 0 ? null : _connections[^1];
            if (connection is null || envelope.AckedAt is not null)
            {
                return;
            }

            if (envelope.Attempts > 0)
            {
                envelope.RetryAttempt++;
                envelope.RetryReason = "timeout";
            }

            envelope.Attempts++;
            message = envelope.ToMessage();
        }

        try
        {
            await connection.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            return;
        }

        try
        {
            await Task.Delay(AckTimeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        bool again;
        lock (_gate)
        {
            again = envelope.AckedAt is null && envelope.RetryAttempt < MaxRetries;
        }

        if (again)
        {
            await SendEnvelopeAsync(envelope, cancellationToken).ConfigureAwait(false);
        }
    }

    private List<Envelope> Unacknowledged()
    {
        lock (_gate)
        {
            return [.. _order.Where(e => e.AckedAt is null && e.RetryAttempt < MaxRetries)];
        }
    }

    private List<Connection> Snapshot()
    {
        lock (_gate)
        {
            return [.. _connections];
        }
    }

    private string NextId(string prefix) =>
        prefix + Interlocked.Increment(ref _counter).ToString("D8", CultureInfo.InvariantCulture);

    private sealed class Envelope(string id, string type, JsonObject payload, bool acceptsResponsePayload)
    {
        public string Id { get; } = id;
        public int Attempts { get; set; }
        public int RetryAttempt { get; set; }
        public string RetryReason { get; set; } = "";
        public DateTimeOffset? AckedAt { get; set; }
        public JsonObject? Response { get; set; }

        public JsonObject ToMessage() => new()
        {
            ["envelope_id"] = Id,
            ["payload"] = payload.DeepClone(),
            ["type"] = type,
            ["accepts_response_payload"] = acceptsResponsePayload,
            ["retry_attempt"] = RetryAttempt,
            ["retry_reason"] = RetryReason,
        };

        public SocketModeEnvelope Snapshot() =>
            new(Id, type, payload["event_id"]?.GetValue<string>(), Attempts, RetryAttempt, AckedAt is not null, Response?.ToJsonString());
    }

    private sealed class Connection(WebSocket socket)
    {
        private readonly SemaphoreSlim _send = new(1, 1);

        public async Task SendAsync(JsonObject message, CancellationToken cancellationToken)
        {
            var bytes = Encoding.UTF8.GetBytes(message.ToJsonString(SlackWorkspace.WireOptions));
            await _send.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _send.Release();
            }
        }

        public async Task<string?> ReceiveTextAsync(CancellationToken cancellationToken)
        {
            var buffer = new byte[8 * 1024];
            using var message = new MemoryStream();
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    return Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
                }
            }
        }

        public async Task CloseAsync(CancellationToken cancellationToken)
        {
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "disconnect", cancellationToken).ConfigureAwait(false);
            }
            catch (WebSocketException)
            {
                socket.Abort();
            }
        }

        public void Abort() => socket.Abort();
    }
}

/// <summary>One Socket Mode envelope as the sandbox sent it: how often, and whether (and with what) it was acknowledged.</summary>
public sealed record SocketModeEnvelope(
    string EnvelopeId, string Type, string? EventId, int Attempts, int RetryAttempt, bool Acknowledged, string? ResponsePayload);
