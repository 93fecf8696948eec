using System.Net.Sockets;
using System.Text;
using CommunitySuccess.Tests.TestSupport;

namespace CommunitySuccess.Tests.Web.Endpoints;

/// <summary>
/// Anonymous, signed endpoints refuse oversized bodies before reading them: a sender cannot make the app buffer
/// more than GitHub or Slack would ever send. Raw sockets, because the point is what happens before the body arrives.
/// </summary>
public sealed class RequestBodyLimitTests
{
    private const int GitHubCap = 25 * 1024 * 1024;
    private const int SlackCap = 1024 * 1024;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/github/webhooks", GitHubCap)]
    [InlineData("/slack/events", SlackCap)]
    public async Task Post_DeclaredLengthOverTheCap_Is413WithoutWaitingForTheBody(string path, int cap)
    {
        await using var app = new AppFactory();
        using var connection = await ConnectAsync(app);
        var stream = connection.GetStream();

        // Headers only: a server that waits for the body would never answer (until a time-out, which is not 413).
        await WriteAsync(stream, $"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nX-GitHub-Event: issues\r\nContent-Length: {cap + 1}\r\n\r\n");

        Assert.Equal(413, await ReadStatusAsync(stream));
    }

    [Fact]
    public async Task Post_GitHubChunkedBodyOverTheCap_Is413OnceTheCapIsPassed()
    {
        await using var app = new AppFactory();
        using var connection = await ConnectAsync(app);
        var stream = connection.GetStream();
        await WriteAsync(stream, "POST /github/webhooks HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nX-GitHub-Event: issues\r\nTransfer-Encoding: chunked\r\n\r\n");

        // One chunk one byte larger than the cap, and no last chunk: only a bounded reader answers.
        var size = GitHubCap + 1;
        await WriteAsync(stream, $"{size:x}\r\n");
        var piece = new byte[64 * 1024];
        Array.Fill(piece, (byte)'x');
        try
        {
            for (var sent = 0; sent < size; sent += piece.Length)
            {
                await stream.WriteAsync(piece.AsMemory(0, Math.Min(piece.Length, size - sent)), Ct);
            }
        }
        catch (IOException)
        {
            // The server may answer and close before the last bytes: the answer is what counts.
        }

        Assert.Equal(413, await ReadStatusAsync(stream));
    }

    private static async Task<TcpClient> ConnectAsync(AppFactory app)
    {
        var client = new TcpClient();
        await client.ConnectAsync(app.BaseAddress.Host, app.BaseAddress.Port, Ct);
        return client;
    }

    private static Task WriteAsync(NetworkStream stream, string text) => stream.WriteAsync(Encoding.ASCII.GetBytes(text), Ct).AsTask();

    private static async Task<int> ReadStatusAsync(NetworkStream stream)
    {
        var received = new StringBuilder();
        var buffer = new byte[1024];
        while (!received.ToString().Contains("\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, Ct);
            if (read == 0)
            {
                break;
            }

            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        // "HTTP/1.1 413 Payload Too Large"
        var statusLine = received.ToString().Split("\r\n")[0];
        return int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
