using System.Globalization;

namespace CommunitySuccess.Sandbox.Slack;

/// <summary>Slack message timestamps ("1700000000.000100"): seconds and microseconds, kept as one long of microseconds.</summary>
internal static class SlackTs
{
    public static string Format(long micros) =>
        string.Create(CultureInfo.InvariantCulture, $"{micros / 1_000_000}.{micros % 1_000_000:D6}");

    public static long FromTime(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset ToTime(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * 10);

    /// <summary>Accepts "1700000000.000100", "1700000000" and shorter fractions ("1700000000.0001"), as Slack does.</summary>
    public static bool TryParse(string? value, out long micros)
    {
        micros = 0;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var text = value.Trim();
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var secondsPart = dot < 0 ? text : text[..dot];
        var fractionPart = dot < 0 ? "" : text[(dot + 1)..];
        if (secondsPart.Length is 0 or > 12 || fractionPart.Length > 6 ||
            !secondsPart.All(char.IsAsciiDigit) || !fractionPart.All(char.IsAsciiDigit))
        {
            return false;
        }

        var seconds = long.Parse(secondsPart, CultureInfo.InvariantCulture);
        var fraction = fractionPart.Length == 0 ? 0 : long.Parse(fractionPart.PadRight(6, '0'), CultureInfo.InvariantCulture);
        micros = (seconds * 1_000_000) + fraction;
        return true;
    }
}
