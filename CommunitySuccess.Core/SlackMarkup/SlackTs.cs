using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CommunitySuccess.Core.SlackMarkup;

/// <summary>
/// Slack timestamps (<c>"1700000000.000100"</c>): seconds since the Unix epoch and a six-digit fraction. They
/// are message ids, so they stay strings everywhere; these helpers turn them into UTC times and order them by
/// number (a plain string compare would put "999.1" after "1000.1").
/// </summary>
public static class SlackTs
{
    /// <summary>Orders ts strings by their numeric value; unparsable ones come first, ordinally among themselves.</summary>
    public static IComparer<string?> Comparer { get; } = new TsComparer();

    /// <summary>The UTC time of a ts, to the microsecond. Throws <see cref="FormatException"/> for anything else.</summary>
    public static DateTime ToUtcDateTime(string ts) =>
        TryToUtcDateTime(ts, out var value)
            ? value
            : throw new FormatException($"'{ts}' is not a Slack timestamp (seconds.microseconds).");

    /// <summary>Like <see cref="ToUtcDateTime"/>, without throwing.</summary>
    public static bool TryToUtcDateTime([NotNullWhen(true)] string? ts, out DateTime value)
    {
        if (TryParse(ts, out var seconds, out var microseconds)
            && seconds <= (DateTime.MaxValue - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerSecond - 1)
        {
            value = DateTime.UnixEpoch.AddTicks((seconds * TimeSpan.TicksPerSecond) + (microseconds * TimeSpan.TicksPerMicrosecond));
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>
    /// The ts for a time (for <c>oldest</c> / <c>latest</c> bounds). An unspecified kind is taken as UTC, which is
    /// how the database hands back stored times.
    /// </summary>
    public static string FromUtcDateTime(DateTime time)
    {
        var utc = time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);
        if (utc < DateTime.UnixEpoch)
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, "Slack timestamps start at the Unix epoch.");
        }

        var ticks = (utc - DateTime.UnixEpoch).Ticks;
        var seconds = ticks / TimeSpan.TicksPerSecond;
        var microseconds = ticks % TimeSpan.TicksPerSecond / TimeSpan.TicksPerMicrosecond;
        return string.Create(CultureInfo.InvariantCulture, $"{seconds}.{microseconds:D6}");
    }

    /// <summary>The ts for a point in time.</summary>
    public static string FromDateTimeOffset(DateTimeOffset time) => FromUtcDateTime(time.UtcDateTime);

    /// <summary>Compares two ts by number: negative when <paramref name="left"/> is earlier.</summary>
    public static int Compare(string? left, string? right) => Comparer.Compare(left, right);

    /// <summary>Whether a string is a Slack ts.</summary>
    public static bool IsValid([NotNullWhen(true)] string? ts) => TryParse(ts, out _, out _);

    private static bool TryParse(string? ts, out long seconds, out long microseconds)
    {
        seconds = 0;
        microseconds = 0;
        if (string.IsNullOrEmpty(ts))
        {
            return false;
        }

        var dot = ts.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? ts.AsSpan() : ts.AsSpan(0, dot);
        var fraction = dot < 0 ? [] : ts.AsSpan(dot + 1);
        if (whole.IsEmpty || fraction.Length > 6 || (dot >= 0 && fraction.IsEmpty)
            || !long.TryParse(whole, NumberStyles.None, CultureInfo.InvariantCulture, out seconds))
        {
            return false;
        }

        if (!fraction.IsEmpty)
        {
            if (!long.TryParse(fraction, NumberStyles.None, CultureInfo.InvariantCulture, out microseconds))
            {
                return false;
            }

            for (var i = fraction.Length; i < 6; i++)
            {
                microseconds *= 10;
            }
        }

        return true;
    }

    private sealed class TsComparer : IComparer<string?>
    {
        public int Compare(string? x, string? y)
        {
            var xValid = TryParse(x, out var xSeconds, out var xMicros);
            var yValid = TryParse(y, out var ySeconds, out var yMicros);
            if (xValid && yValid)
            {
                var bySeconds = xSeconds.CompareTo(ySeconds);
                return bySeconds != 0 ? bySeconds : xMicros.CompareTo(yMicros);
            }

            if (xValid != yValid)
            {
                return xValid ? 1 : -1;
            }

            return string.CompareOrdinal(x, y);
        }
    }
}
