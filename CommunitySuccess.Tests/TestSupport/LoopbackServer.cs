using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CommunitySuccess.Tests.TestSupport;

/// <summary>
/// A real HTTP server on 127.0.0.1 with a port the OS picks: a tiny Kestrel app that logs every request
/// (method, path, headers, body, when) and answers through the test's delegate. Dispose it at the end of the test.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<LoopbackRequest> _requests;
    private readonly ConcurrentQueue<Exception> _errors;

    private LoopbackServer(WebApplication app, Uri baseAddress, ConcurrentQueue<LoopbackRequest> requests, ConcurrentQueue<Exception> errors)
    {
        _app = app;
        BaseAddress = baseAddress;
        _requests = requests;
        _errors = errors;
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<LoopbackRequest> Requests => [.. _requests];

    /// <summary>Exceptions thrown by the handler (each also answered with a 500), so a test can show them.</summary>
    public IReadOnlyList<Exception> HandlerErrors => [.. _errors];

    /// <summary>Starts a server whose handler gets the context and the already-read request.</summary>
    /// <param name="handler">Writes the response; the request body has been read into <see cref="LoopbackRequest.Body"/>.</param>
    /// <param name="timeProvider">Stamps <see cref="LoopbackRequest.ReceivedAt"/> (a fake clock shows waits); the system clock by default.</param>
    public static async Task<LoopbackServer> StartAsync(Func<HttpContext, LoopbackRequest, Task> handler, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var clock = timeProvider ?? TimeProvider.System;
        var requests = new ConcurrentQueue<LoopbackRequest>();
        var errors = new ConcurrentQueue<Exception>();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var request = new LoopbackRequest(
                context.Request.Method,
                context.Request.Path.Value ?? "",
                context.Request.QueryString.Value ?? "",
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                context.Request.ContentType,
                body,
                clock.GetUtcNow());
            requests.Enqueue(request);
            try
            {
                await handler(context, request);
            }
            catch (Exception ex) when (!context.Response.HasStarted)
            {
                errors.Enqueue(ex);
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                await context.Response.WriteAsync($"LoopbackServer handler failed: {ex.Message}", context.RequestAborted);
            }
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new LoopbackServer(app, new Uri(address.TrimEnd('/') + "/"), requests, errors);
    }

    /// <summary>Starts a server with a handler that needs only the context.</summary>
    public static Task<LoopbackServer> StartAsync(Func<HttpContext, Task> handler, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return StartAsync((context, _) => handler(context), timeProvider);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One request as the <see cref="LoopbackServer"/> received it.</summary>
public sealed record LoopbackRequest(
    string Method,
    string Path,
    string QueryString,
    IReadOnlyDictionary<string, string> Headers,
    string? ContentType,
    string Body,
    DateTimeOffset ReceivedAt)
{
    /// <summary>A header's value, or null when it was not sent.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The body read as <c>application/x-www-form-urlencoded</c> fields.</summary>
    public IReadOnlyDictionary<string, string> Form =>
        QueryHelpers.ParseQuery(Body).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);

    /// <summary>The body read as JSON.</summary>
    public JsonNode? Json => JsonNode.Parse(Body);
}
