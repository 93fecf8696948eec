using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CommunitySuccess.Sandbox.Slack;

/// <summary>
/// Delivers Events API callbacks in order, one at a time, on a background loop, so that a state change never
/// waits for the receiver. Signed as Slack signs them: <c>v0=</c> + hex HMAC-SHA256 of <c>v0:{timestamp}:{body}</c>.
/// Slack retries failed deliveries up to three times; the sandbox tries once and records the failure instead,
/// so that tests see exactly what was sent.
/// </summary>
internal sealed class SlackEventSender : IAsyncDisposable
{
    private readonly Channel<PendingEvent> _queue = Channel.CreateUnbounded<PendingEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<SlackEventDelivery> _deliveries = [];
    private readonly List<(long Target, TaskCompletionSource Done)> _waiters = [];
    private readonly string _signingSecret;
    private readonly TimeProvider _timeProvider;
    private readonly Task _loop;
    private long _enqueued;
    private long _processed;

    public SlackEventSender(string signingSecret, TimeProvider timeProvider)
    {
        _signingSecret = signingSecret;
        _timeProvider = timeProvider;
        _loop = Task.Run(RunAsync);
    }

    public ILogger Logger { get; set; } = NullLogger.Instance;

    public IReadOnlyList<SlackEventDelivery> Deliveries
    {
        get
        {
            lock (_gate)
            {
                return [.. _deliveries];
            }
        }
    }

    public void Enqueue(Uri url, string eventId, string eventType, string body)
    {
        lock (_gate)
        {
            _enqueued++;
        }

        if (!_queue.Writer.TryWrite(new PendingEvent(url, eventId, eventType, body)))
        {
            MarkProcessed(new SlackEventDelivery(eventId, eventType, body, null, "the sandbox is shutting down"));
        }
    }

    /// <summary>Completes when every event enqueued before the call has been delivered or has failed.</summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_processed >= _enqueued)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((_enqueued, done));
            return done.Task.WaitAsync(cancellationToken);
        }
    }

    public static string Sign(string signingSecret, string timestamp, string body) =>
        "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }

        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _http.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        await foreach (var pending in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            MarkProcessed(await DeliverAsync(pending).ConfigureAwait(false));
        }
    }

    private async Task<SlackEventDelivery> DeliverAsync(PendingEvent pending)
    {
        var timestamp = _timeProvider.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Sign(_signingSecret, timestamp, pending.Body);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, pending.Url);
            request.Content = new StringContent(pending.Body, Encoding.UTF8, "application/json");
            request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
            request.Headers.Add("X-Slack-Signature", signature);
            request.Headers.UserAgent.ParseAdd("Slackbot 1.0 (+https://api.slack.com/robots)");
            using var response = await _http.SendAsync(request, _stop.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                Logger.LogWarning("Slack event {EventId} ({EventType}) to {Url} was answered HTTP {Status}", pending.EventId, pending.EventType, pending.Url, status);
                return new SlackEventDelivery(pending.EventId, pending.EventType, pending.Body, status, $"HTTP {status}");
            }

            return new SlackEventDelivery(pending.EventId, pending.EventType, pending.Body, status, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or OperationCanceledException)
        {
            Logger.LogWarning("Slack event {EventId} ({EventType}) could not be delivered to {Url}: {Error}", pending.EventId, pending.EventType, pending.Url, ex.Message);
            return new SlackEventDelivery(pending.EventId, pending.EventType, pending.Body, null, ex.Message);
        }
    }

    private void MarkProcessed(SlackEventDelivery delivery)
    {
        List<TaskCompletionSource> ready;
        lock (_gate)
        {
            _deliveries.Add(delivery);
            _processed++;
            ready = [.. _waiters.Where(w => w.Target <= _processed).Select(w => w.Done)];
            _waiters.RemoveAll(w => w.Target <= _processed);
        }

        foreach (var done in ready)
        {
            done.TrySetResult();
        }
    }

    private sealed record PendingEvent(Uri Url, string EventId, string EventType, string Body);
}
