using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;

namespace CommunitySuccess.Core.Observability;

/// <summary>
/// Counts the HTTP requests one sync run sends, so its summary line can say how many API calls it cost without
/// logging each request. The count follows the async flow: a scope opened by a run sees the requests that run makes,
/// not those of an event or an outbox send running beside it.
/// </summary>
public static class ApiCallCounter
{
    private static readonly AsyncLocal<Tally?> Current = new();

    /// <summary>Starts counting for the calling async flow (and what it awaits) until the scope is disposed.</summary>
    public static Scope Begin()
    {
        var tally = new Tally(Current.Value);
        Current.Value = tally;
        return new Scope(tally);
    }

    internal static void Record()
    {
        // An enclosing run counts the calls of the runs it contains, too.
        for (var tally = Current.Value; tally is not null; tally = tally.Parent)
        {
            Interlocked.Increment(ref tally.Count);
        }
    }

    /// <summary>One counting scope; <see cref="Calls"/> is the number of requests sent so far.</summary>
    public sealed class Scope : IDisposable
    {
        private readonly Tally _tally;

        internal Scope(Tally tally) => _tally = tally;

        public int Calls => Volatile.Read(ref _tally.Count);

        public void Dispose()
        {
            if (ReferenceEquals(Current.Value, _tally))
            {
                Current.Value = _tally.Parent;
            }
        }
    }

    internal sealed class Tally(Tally? parent)
    {
#pragma warning disable SA1401, CA1051 // a plain field: Interlocked needs a ref
        public int Count;
#pragma warning restore SA1401, CA1051

        public Tally? Parent { get; } = parent;
    }
}

/// <summary>Adds the counting handler innermost on every client from the HTTP client factory (retries count too).</summary>
public static class ApiCallCounterServiceCollectionExtensions
{
    public static IServiceCollection AddApiCallCounting(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHttpMessageHandlerBuilderFilter, ApiCallCountingFilter>());
        return services;
    }
}

internal sealed class ApiCallCountingFilter : IHttpMessageHandlerBuilderFilter
{
    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
    {
        next(builder);
        builder.AdditionalHandlers.Add(new ApiCallCountingHandler());
    };
}

internal sealed class ApiCallCountingHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ApiCallCounter.Record();
        return base.SendAsync(request, cancellationToken);
    }
}
