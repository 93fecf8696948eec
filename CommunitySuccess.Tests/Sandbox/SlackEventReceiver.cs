using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CommunitySuccess.Tests.Sandbox;

/// <summary>A tiny loopback endpoint that records the Events API callbacks the sandbox sends it.</summary>
internal sealed class SlackEventReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ReceivedSlackEvent> _received;

    private SlackEventReceiver(WebApplication app, Channel<ReceivedSlackEvent> received, Uri url)
    {
        _app = app;
        _received = received;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<SlackEventReceiver> StartAsync(int statusCode = 200, TimeSpan? answerDelay = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var received = Channel.CreateUnbounded<ReceivedSlackEvent>();
        app.MapPost("/slack/events", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            await received.Writer.WriteAsync(new ReceivedSlackEvent(body, context.Request.Headers["X-Slack-Request-Timestamp"].ToString(), context.Request.Headers["X-Slack-Signature"].ToString(), context.Request.ContentType)
            {
                RetryNum = context.Request.Headers["X-Slack-Retry-Num"].ToString(),
                RetryReason = context.Request.Headers["X-Slack-Retry-Reason"].ToString(),
            });
            if (answerDelay is { } delay)
            {
                await Task.Delay(delay, context.RequestAborted);
            }

            context.Response.StatusCode = statusCode;
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var port = new Uri(app.Urls.First()).Port;
        return new SlackEventReceiver(app, received, new Uri($"http://127.0.0.1:{port}/slack/events"));
    }

    public async Task<ReceivedSlackEvent> NextAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        return await _received.Reader.ReadAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal sealed record ReceivedSlackEvent(string Body, string Timestamp, string Signature, string? ContentType)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    public JsonElement Event => Json.GetProperty("event");

    /// <summary><c>X-Slack-Retry-Num</c>; empty on a first delivery.</summary>
    public string RetryNum { get; init; } = "";

    /// <summary><c>X-Slack-Retry-Reason</c>; empty on a first delivery.</summary>
    public string RetryReason { get; init; } = "";
}
