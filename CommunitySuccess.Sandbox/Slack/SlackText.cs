using System.Text;

namespace CommunitySuccess.Sandbox.Slack;

/// <summary>
/// What Slack does to the text a person types (docs.slack.dev "Formatting text for app surfaces", escaping): the
/// control characters <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> arrive as <c>&amp;amp;</c>, <c>&amp;lt;</c> and
/// <c>&amp;gt;</c>, and angle brackets appear only around what the client turned into markup: links
/// (<c>&lt;https://…|label&gt;</c>, <c>&lt;mailto:…&gt;</c>), mentions (<c>&lt;@U…&gt;</c>), channels
/// (<c>&lt;#C…|name&gt;</c>) and special mentions (<c>&lt;!here&gt;</c>, <c>&lt;!subteam^S…&gt;</c>).
/// </summary>
public static class SlackText
{
    private static readonly string[] MarkupStarts = ["http://", "https://", "mailto:", "@U", "@W", "@B", "#C", "#G", "!"];

    /// <summary>The wire form of typed text; markup written as Slack markup (<c>&lt;https://…&gt;</c>, <c>&lt;@U…&gt;</c>) is kept.</summary>
    public static string EncodeTyped(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '<')
            {
                var close = text.IndexOf('>', i + 1);
                var open = text.IndexOf('<', i + 1);
                if (close > i && (open < 0 || open > close) && IsMarkup(text.AsSpan(i + 1, close - i - 1)))
                {
                    // The label inside a link is typed text too.
                    var inner = text[(i + 1)..close];
                    var bar = inner.IndexOf('|', StringComparison.Ordinal);
                    result.Append('<').Append(bar < 0 ? inner : inner[..(bar + 1)] + Escape(inner[(bar + 1)..])).Append('>');
                    i = close;
                    continue;
                }
            }

            result.Append(c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", _ => c.ToString() });
        }

        return result.ToString();
    }

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static bool IsMarkup(ReadOnlySpan<char> inner)
    {
        var bar = inner.IndexOf('|');
        if (bar >= 0)
        {
            inner = inner[..bar];
        }

        foreach (var start in MarkupStarts)
        {
            if (inner.StartsWith(start, StringComparison.Ordinal) && inner.Length > start.Length && !inner.ContainsAny(' ', '\n'))
            {
                return true;
            }
        }

        return false;
    }
}
