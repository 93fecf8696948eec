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
/// Like Slack, a delivery not answered 2xx within 3 seconds is retried (by default at once, after one minute and after
/// five minutes) with <c>X-Slack-Retry-Num</c> and <c>X-Slack-Retry-Reason</c>; an error answer carrying
/// <c>X-Slack-No-Retry: 1</c> is not retried. Every attempt is recorded so that tests see exactly what was sent.
/// </summary>
internal sealed class SlackEventSender : IAsyncDisposable
{
    /// <summary>Slack's acknowledgement deadline.</summary>
    public static readonly TimeSpan AckDeadline = TimeSpan.FromSeconds(3);

    private readonly Channel<PendingEvent> _queue = Channel.CreateUnbounded<PendingEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<SlackEventDelivery> _deliveries = [];
    private readonly List<(long Target, TaskCompletionSource Done)> _waiters = [];
    private readonly string _signingSecret;
    private readonly TimeProvider _timeProvider;
    private readonly Task _loop;
    private long _enqueued;
    private long _processed;

    private readonly IReadOnlyList<TimeSpan> _retryDelays;
    private readonly Func<bool> _loseAck;

    public SlackEventSender(string signingSecret, TimeProvider timeProvider, IReadOnlyList<TimeSpan> retryDelays, Func<bool> loseAck)
    {
        _signingSecret = signingSecret;
        _timeProvider = timeProvider;
        _retryDelays = retryDelays;
        _loseAck = loseAck;
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

        Write(new PendingEvent(url, eventId, eventType, body, 0, null));
    }

    private void Write(PendingEvent pending)
    {
        if (!_queue.Writer.TryWrite(pending))
        {
            MarkProcessed(new SlackEventDelivery(pending.EventId, pending.EventType, pending.Body, null, "the sandbox is shutting down", pending.RetryNum, pending.RetryReason));
        }
    }

    /// <summary>Posts a body once, signed, and returns the receiver's status and body (url_verification uses it).</summary>
    public async Task<(int? Status, string Body)> PostOnceAsync(Uri url, string body, CancellationToken cancellationToken)
    {
        using var request = NewRequest(url, body, retry: null);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
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
            var delivery = await DeliverAsync(pending).ConfigureAwait(false);
            if (delivery.Error is not null && delivery.RetryReason is not "no_retry" && pending.RetryNum < _retryDelays.Count)
            {
                ScheduleRetry(pending, delivery);
            }

            MarkProcessed(delivery);
        }
    }

    private void ScheduleRetry(PendingEvent pending, SlackEventDelivery failed)
    {
        var reason = failed.StatusCode is null ? failed.Error == "http_timeout" ? "http_timeout" : "connection_failed"
            : failed.Error == "http_timeout" ? "http_timeout" : "http_error";
        var retry = pending with { RetryNum = pending.RetryNum + 1, RetryReason = reason };
        var delay = _retryDelays[pending.RetryNum];
        lock (_gate)
        {
            _enqueued++;
        }

        if (delay <= TimeSpan.Zero)
        {
            Write(retry);
            return;
        }

        _ = Task.Delay(delay, _timeProvider, _stop.Token).ContinueWith(
            _ => Write(retry), TaskScheduler.Default);
    }

    private HttpRequestMessage NewRequest(Uri url, string body, PendingEvent? retry)
    {
        var timestamp = _timeProvider.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", Sign(_signingSecret, timestamp, body));
        if (retry is { RetryNum: > 0 })
        {
            request.Headers.Add("X-Slack-Retry-Num", retry.RetryNum.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Retry-Reason", retry.RetryReason);
        }

        request.Headers.UserAgent.ParseAdd("Slackbot 1.0 (+https://api.slack.com/robots)");
        return request;
    }

    private async Task<SlackEventDelivery> DeliverAsync(PendingEvent pending)
    {
        SlackEventDelivery Result(int? status, string? error) =>
            new(pending.EventId, pending.EventType, pending.Body, status, error, pending.RetryNum, pending.RetryReason);

        // Slack waits 3 seconds for the acknowledgement, on the network's clock, then counts the delivery as failed.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        deadline.CancelAfter(AckDeadline);
        try
        {
            using var request = NewRequest(pending.Url, pending.Body, pending);
            using var response = await _http.SendAsync(request, deadline.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (_loseAck())
            {
                return Result(status, "http_timeout");
            }

            if (!response.IsSuccessStatusCode)
            {
                Logger.LogWarning("Slack event {EventId} ({EventType}) to {Url} was answered HTTP {Status}", pending.EventId, pending.EventType, pending.Url, status);
                var noRetry = response.Headers.TryGetValues("X-Slack-No-Retry", out var values) && values.Contains("1");
                return new SlackEventDelivery(pending.EventId, pending.EventType, pending.Body, status, $"HTTP {status}", pending.RetryNum, noRetry ? "no_retry" : pending.RetryReason);
            }

            return Result(status, null);
        }
        catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
        {
            Logger.LogWarning("Slack event {EventId} ({EventType}) was not acknowledged by {Url} within 3 s", pending.EventId, pending.EventType, pending.Url);
            return Result(null, "http_timeout");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or OperationCanceledException)
        {
            Logger.LogWarning("Slack event {EventId} ({EventType}) could not be delivered to {Url}: {Error}", pending.EventId, pending.EventType, pending.Url, ex.Message);
            return Result(null, ex.Message);
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

    private sealed record PendingEvent(Uri Url, string EventId, string EventType, string Body, int RetryNum, string? RetryReason);
}
