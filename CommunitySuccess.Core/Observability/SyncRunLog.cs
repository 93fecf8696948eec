using Microsoft.Extensions.Logging;

namespace CommunitySuccess.Core.Observability;

/// <summary>
/// The one line a sync run writes (what was synced, how much changed, API calls, duration), in place of a line per
/// HTTP request: the HTTP client's own request logs stay at Warning unless configured.
/// </summary>
/// <remarks>Start it before the run's first call; dispose it after the line was written.</remarks>
public sealed partial class SyncRunLog : IDisposable
{
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly string _source;
    private readonly string _target;
    private readonly long _started;
    private readonly ApiCallCounter.Scope _calls;

    private SyncRunLog(ILogger logger, TimeProvider time, string source, string target)
    {
        _logger = logger;
        _time = time;
        _source = source;
        _target = target;
        _started = time.GetTimestamp();
        _calls = ApiCallCounter.Begin();
    }

    /// <summary>Starts timing and counting API calls for one run of <paramref name="source"/> over <paramref name="target"/>.</summary>
    public static SyncRunLog Start(ILogger logger, TimeProvider time, string source, string target)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(time);
        return new SyncRunLog(logger, time, source, target);
    }

    /// <summary>API calls sent since the start.</summary>
    public int Calls => _calls.Calls;

    /// <summary>Logs the run's summary at Information.</summary>
    public void Completed(int changed, int errors = 0) =>
        LogCompleted(_logger, _source, _target, changed, errors, Calls, Seconds);

    /// <summary>Logs the run's failure at Warning.</summary>
    public void Failed(Exception exception) =>
        LogFailed(_logger, exception, _source, _target, Calls, Seconds, exception?.Message ?? "");

    public void Dispose() => _calls.Dispose();

    private double Seconds => _time.GetElapsedTime(_started).TotalSeconds;

    [LoggerMessage(Level = LogLevel.Information, Message = "{Source} sync of {Target}: {Changed} changed, {Errors} errors, {Calls} API calls, {Seconds:0.0} s")]
    private static partial void LogCompleted(ILogger logger, string source, string target, int changed, int errors, int calls, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Source} sync of {Target} failed after {Calls} API calls, {Seconds:0.0} s: {Error}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string source, string target, int calls, double seconds, string error);
}
