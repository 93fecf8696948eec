using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using CommunitySuccess.Sandbox.Slack;

namespace CommunitySuccess.Tests.Sandbox;

/// <summary>The sandbox's Socket Mode speaks Slack's published protocol to a plain WebSocket client.</summary>
public sealed class SlackSocketModeSandboxTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("", "not_authed")]
    [InlineData("xoxb-sandbox-token", "not_allowed_token_type")]
    [InlineData("xapp-1-A0OTHER-1-wrong", "invalid_auth")]
    public async Task ConnectionsOpen_WrongToken_AnswersSlacksError(string token, string error)
    {
        await using var host = await SandboxTestHost.StartAsync();

        var answer = await OpenAsync(host, token);

        SandboxTestHost.AssertError(answer, error);
    }

    [Fact]
    public async Task Socket_AppToken_SendsHelloThenEnvelopesUntilAcknowledged()
    {
        await using var host = await SandboxTestHost.StartAsync();
        var socketMode = host.Server.SocketMode;
        socketMode.AckTimeout = TimeSpan.FromMilliseconds(200);
        var answer = await OpenAsync(host, SocketModeServer.DefaultAppToken);
        SandboxTestHost.AssertOk(answer);
        var url = new Uri(answer.GetProperty("url").GetString()!);
        Assert.Equal("ws", url.Scheme);

        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(url, Ct);
        using (var hello = await ReceiveAsync(socket))
        {
            Assert.Equal("hello", hello.RootElement.GetProperty("type").GetString());
            Assert.Equal(1, hello.RootElement.GetProperty("num_connections").GetInt32());
            Assert.Equal(host.Slack.AppId, hello.RootElement.GetProperty("connection_info").GetProperty("app_id").GetString());
        }

        var id = socketMode.SendSlashCommand("/oncall", "", SandboxTestHost.Asker, SandboxTestHost.SupportChannel);
        using (var first = await ReceiveAsync(socket))
        {
            var root = first.RootElement;
            Assert.Equal(id, root.GetProperty("envelope_id").GetString());
            Assert.Equal("slash_commands", root.GetProperty("type").GetString());
            Assert.True(root.GetProperty("accepts_response_payload").GetBoolean());
            Assert.Equal(0, root.GetProperty("retry_attempt").GetInt32());
            Assert.Equal("/oncall", root.GetProperty("payload").GetProperty("command").GetString());
        }

        // Not acknowledged: once the sandbox's clock passes the ack time-out it comes again, marked as a retry.
        var redelivery = ReceiveAsync(socket);
        await WaitUntilAsync(() =>
        {
            host.Time.Advance(socketMode.AckTimeout);
            return redelivery.IsCompleted;
        });
        using (var again = await redelivery)
        {
            Assert.Equal(id, again.RootElement.GetProperty("envelope_id").GetString());
            Assert.Equal(1, again.RootElement.GetProperty("retry_attempt").GetInt32());
            Assert.Equal("timeout", again.RootElement.GetProperty("retry_reason").GetString());
        }

        await socket.SendAsync(Encoding.UTF8.GetBytes($$$"""{"envelope_id":"{{{id}}}","payload":{"text":"ok"}}"""), WebSocketMessageType.Text, true, Ct);
        await WaitUntilAsync(() => socketMode.Envelopes.Single().Acknowledged);
        Assert.Equal("""{"text":"ok"}""", socketMode.Envelopes.Single().ResponsePayload);

        await socketMode.DisconnectAllAsync("refresh_requested", Ct);
        // Further retries of the same envelope may still be on the wire before it.
        var disconnect = await ReceiveAsync(socket);
        while (disconnect.RootElement.GetProperty("type").GetString() != "disconnect")
        {
            Assert.Equal(id, disconnect.RootElement.GetProperty("envelope_id").GetString());
            disconnect.Dispose();
            disconnect = await ReceiveAsync(socket);
        }

        using var _ = disconnect;
        Assert.Equal("refresh_requested", disconnect.RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Socket_TicketUsedTwice_SecondConnectionRefused()
    {
        await using var host = await SandboxTestHost.StartAsync();
        var url = new Uri((await OpenAsync(host, SocketModeServer.DefaultAppToken)).GetProperty("url").GetString()!);
        using var first = new ClientWebSocket();
        await first.ConnectAsync(url, Ct);

        using var second = new ClientWebSocket();
        await Assert.ThrowsAsync<WebSocketException>(() => second.ConnectAsync(url, Ct));
    }

    private static async Task<JsonElement> OpenAsync(SandboxTestHost host, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host.Server.SlackApiBaseUrl, "apps.connections.open"));
        if (token.Length > 0)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var http = new HttpClient();
        using var response = await http.SendAsync(request, Ct);
        return await SandboxTestHost.ReadAsync(response);
    }

    private static async Task<JsonDocument> ReceiveAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var result = await socket.ReceiveAsync(buffer, timeout.Token);
        Assert.True(result.EndOfMessage);
        return JsonDocument.Parse(buffer.AsMemory(0, result.Count));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
