using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace CommunitySuccess.Sandbox.GitHub;

/// <summary>
/// Delivers webhooks the way a GitHub repository webhook does: <c>POST</c> of the JSON payload with
/// <c>X-GitHub-Event</c>, <c>X-GitHub-Delivery</c> (a GUID, kept on redelivery), <c>X-GitHub-Hook-ID</c>,
/// <c>User-Agent: GitHub-Hookshot/…</c> and, when a secret is set, <c>X-Hub-Signature-256</c>
/// (<c>sha256=</c> + hex HMAC-SHA256 of the raw body) and the legacy SHA-1 <c>X-Hub-Signature</c>.
/// Deliveries go out one at a time in the order they were queued; a failure is recorded, never thrown.
/// </summary>
public sealed class GitHubWebhookSender : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly byte[]? _secret;
    private readonly Lock _gate = new();
    private readonly ConcurrentQueue<GitHubWebhookDelivery> _deliveries = new();
    private Task _tail = Task.CompletedTask;

    /// <summary>Creates a sender for one webhook.</summary>
    /// <param name="target">The payload URL, e.g. <c>http://127.0.0.1:5000/github/webhooks</c>.</param>
    /// <param name="secret">The webhook secret; empty sends unsigned deliveries, as GitHub does without a secret.</param>
    /// <param name="httpClient">The client to post with; a new one with GitHub's 10-second timeout when null.</param>
    public GitHubWebhookSender(Uri target, string secret, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(secret);
        Target = target;
        _secret = secret.Length == 0 ? null : Encoding.UTF8.GetBytes(secret);
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>The payload URL.</summary>
    public Uri Target { get; }

    /// <summary>The hook's id, sent as <c>X-GitHub-Hook-ID</c> and in <c>ping</c>.</summary>
    public long HookId { get; init; } = 478_201_653;

    /// <summary>Where failed deliveries are logged (as a warning); nothing is logged when null.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>Every delivery attempted so far (redeliveries included), in order.</summary>
    public IReadOnlyList<GitHubWebhookDelivery> Deliveries => [.. _deliveries];

    /// <summary>GitHub's signature header value for a body: <c>sha256=</c> + lower-case hex HMAC-SHA256.</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
    }

    /// <summary>Sends one event now (after whatever is already queued) and returns how it went.</summary>
    public Task<GitHubWebhookDelivery> SendAsync(string eventName, string payload, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        ArgumentNullException.ThrowIfNull(payload);
        return Chain(Guid.NewGuid(), eventName, payload, redelivery: false, cancellationToken);
    }

    /// <summary>Sends a recorded delivery again with the same <c>X-GitHub-Delivery</c> GUID and body, as GitHub's "Redeliver" does.</summary>
    public Task<GitHubWebhookDelivery> RedeliverAsync(Guid deliveryId, CancellationToken cancellationToken = default)
    {
        var original = _deliveries.FirstOrDefault(d => d.Id == deliveryId && !d.Redelivery)
            ?? throw new KeyNotFoundException($"No webhook delivery {deliveryId} was sent.");
        return Chain(original.Id, original.Event, original.Payload, redelivery: true, cancellationToken);
    }

    /// <summary>Completes when every delivery queued so far has been attempted.</summary>
    public Task WaitForDeliveriesAsync(CancellationToken cancellationToken = default)
    {
        Task tail;
        lock (_gate)
        {
            tail = _tail;
        }

        return tail.WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    /// <summary>Queues an event without waiting (the state's mutators call this under their lock).</summary>
    internal void Enqueue(string eventName, string payload) =>
        _ = Chain(Guid.NewGuid(), eventName, payload, redelivery: false, CancellationToken.None);

    private Task<GitHubWebhookDelivery> Chain(Guid id, string eventName, string payload, bool redelivery, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var previous = _tail;
            var next = DeliverAfterAsync(previous, id, eventName, payload, redelivery, cancellationToken);
            _tail = next;
            return next;
        }
    }

    private async Task<GitHubWebhookDelivery> DeliverAfterAsync(
        Task previous, Guid id, string eventName, string payload, bool redelivery, CancellationToken cancellationToken)
    {
        // Never run any of the send on the caller's thread: the state queues deliveries while holding its lock.
        await Task.Yield();
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var body = Encoding.UTF8.GetBytes(payload);
        var action = ActionOf(payload);
        GitHubWebhookDelivery delivery;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Target);
            request.Headers.TryAddWithoutValidation("User-Agent", "GitHub-Hookshot/3a2e5b1");
            request.Headers.Add("X-GitHub-Event", eventName);
            request.Headers.Add("X-GitHub-Delivery", id.ToString());
            request.Headers.Add("X-GitHub-Hook-ID", HookId.ToString(CultureInfo.InvariantCulture));
            if (RepositoryIdOf(payload) is { } repositoryId)
            {
                request.Headers.Add("X-GitHub-Hook-Installation-Target-ID", repositoryId);
                request.Headers.Add("X-GitHub-Hook-Installation-Target-Type", "repository");
            }

            if (_secret is not null)
            {
                request.Headers.Add("X-Hub-Signature", "sha1=" + Convert.ToHexStringLower(HMACSHA1.HashData(_secret, body)));
                request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(_secret, body)));
            }

            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            delivery = new GitHubWebhookDelivery(id, eventName, action, payload, (int)response.StatusCode, null, redelivery);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or InvalidOperationException)
        {
            // GitHub records a failed delivery and moves on; so do we.
            delivery = new GitHubWebhookDelivery(id, eventName, action, payload, null, ex.Message, redelivery);
        }

        if (!delivery.Succeeded && Logger is { } logger)
        {
            LogFailed(logger, eventName, id, Target, delivery.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? delivery.Error, null);
        }

        _deliveries.Enqueue(delivery);
        return delivery;
    }

    private static readonly Action<ILogger, string, Guid, Uri, string?, Exception?> LogFailed =
        LoggerMessage.Define<string, Guid, Uri, string?>(
            LogLevel.Warning,
            new EventId(1, "GitHubWebhookDeliveryFailed"),
            "Sandbox webhook {Event} delivery {DeliveryId} to {Target} failed: {Outcome}");

    private static string? ActionOf(string payload) =>
        JsonNode.Parse(payload) is JsonObject o && o["action"] is JsonValue v && v.TryGetValue<string>(out var action) ? action : null;

    private static string? RepositoryIdOf(string payload) =>
        JsonNode.Parse(payload) is JsonObject o && o["repository"]?["id"] is JsonValue v && v.TryGetValue<long>(out var id)
            ? id.ToString(CultureInfo.InvariantCulture)
            : null;
}

/// <summary>
/// One webhook delivery attempt: the <see cref="Id"/> sent as <c>X-GitHub-Delivery</c>, the event and action, the
/// exact body, and the receiver's status code, or the <see cref="Error"/> when it could not be reached.
/// </summary>
public sealed record GitHubWebhookDelivery(
    Guid Id,
    string Event,
    string? Action,
    string Payload,
    int? StatusCode,
    string? Error,
    bool Redelivery)
{
    /// <summary>Whether the receiver answered with a 2xx status.</summary>
    public bool Succeeded => StatusCode is >= 200 and < 300;
}
