using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CommunitySuccess.Tests.TestSupport;

/// <summary>A logger provider that keeps every line written through the app's logging filters (what a terminal would show).</summary>
internal sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _lines = new();

    public IReadOnlyList<CapturedLog> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLog> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(new CapturedLog(category, logLevel, formatter(state, exception)));
    }
}

internal sealed record CapturedLog(string Category, LogLevel Level, string Message);
