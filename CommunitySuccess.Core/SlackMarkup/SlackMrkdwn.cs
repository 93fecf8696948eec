using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Ganss.Xss;

namespace CommunitySuccess.Core.SlackMarkup;

/// <summary>Names to show for the ids inside Slack text (<c>&lt;@U…&gt;</c>, <c>&lt;#C…&gt;</c>).</summary>
public sealed record SlackNames(IReadOnlyDictionary<string, string> Users, IReadOnlyDictionary<string, string> Channels)
{
    public static readonly SlackNames None = new(new Dictionary<string, string>(), new Dictionary<string, string>());

    public string User(string id) => Users.TryGetValue(id, out var name) ? name : id;

    public string Channel(string id) => Channels.TryGetValue(id, out var name) ? name : id;
}

/// <summary>
/// Renders Slack <c>mrkdwn</c> (untrusted: anybody in a public workspace writes it) as HTML that is safe to put
/// in a page: links (http, https and mailto only), <c>`code`</c> and <c>```blocks```</c>, <c>&gt;</c> quotes,
/// <c>*bold*</c> <c>_italic_</c> <c>~strike~</c>, mentions shown as names, and emoji shortcodes. Everything else is
/// text: the renderer only ever emits its own tags and encodes the rest, and the result then goes through an
/// allow-list sanitizer as a second line of defence.
/// </summary>
public static partial class SlackMrkdwn
{
    private const char PlaceholderStart = '\u0001';
    private const char PlaceholderEnd = '\u0002';

    private static readonly HashSet<string> SafeSchemes = new(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" };

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>The CSS class on the wrapper-free fragment's mentions (<c>@name</c>).</summary>
    public const string MentionClass = "slack-mention";

    /// <summary>Renders <paramref name="text"/> as sanitized HTML.</summary>
    public static string ToHtml(string? text, SlackNames? names = null)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        names ??= SlackNames.None;
        var html = new StringBuilder(text.Length + 64);
        var source = Clean(text);
        var last = 0;
        foreach (Match block in CodeBlock().Matches(source))
        {
            RenderLines(source[last..block.Index], names, html);
            html.Append("<pre class=\"slack-pre\"><code>").Append(Encode(PlainInline(block.Groups[1].Value.Trim('\n'), names))).Append("</code></pre>");
            last = block.Index + block.Length;
        }

        RenderLines(source[last..], names, html);
        return Sanitizer.Sanitize(html.ToString());
    }

    /// <summary>The text as a person reads it, without markup: mentions as names, links as their labels, no
    /// formatting marks, emoji. For previews; the result is plain text (encode it when writing HTML).</summary>
    public static string ToPlainText(string? text, SlackNames? names = null)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var plain = PlainInline(Clean(text).Replace("```", "", StringComparison.Ordinal), names ?? SlackNames.None);
        plain = InlineCode().Replace(plain, "$1");
        plain = Strike().Replace(Italic().Replace(Bold().Replace(plain, "$1"), "$1"), "$1");
        return Emoji().Replace(plain, m => SlackEmoji.Find(m.Groups[1].Value) ?? m.Value);
    }

    /// <summary>The user ids mentioned (<c>&lt;@U…&gt;</c>), to look their names up before rendering.</summary>
    public static IEnumerable<string> MentionedUsers(string? text) =>
        string.IsNullOrEmpty(text) ? [] : UserMention().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal);

    /// <summary>The channel ids mentioned (<c>&lt;#C…&gt;</c>).</summary>
    public static IEnumerable<string> MentionedChannels(string? text) =>
        string.IsNullOrEmpty(text) ? [] : ChannelMention().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal);

    // Our placeholders must never come from the input, and Windows line ends would double every break.
    private static string Clean(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace(PlaceholderStart, ' ').Replace(PlaceholderEnd, ' ');

    private static void RenderLines(string segment, SlackNames names, StringBuilder html)
    {
        if (segment.Length == 0)
        {
            return;
        }

        var lines = segment.Split('\n');
        var inQuote = false;
        var restIsQuote = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var quoted = restIsQuote;
            if (!quoted && TryStripQuote(ref line, out var multi))
            {
                quoted = true;
                restIsQuote = multi;
            }

            if (quoted != inQuote)
            {
                html.Append(quoted ? "<blockquote class=\"slack-quote\">" : "</blockquote>");
                inQuote = quoted;
            }
            else if (i > 0)
            {
                html.Append("<br>");
            }

            html.Append(RenderInline(line, names));
        }

        if (inQuote)
        {
            html.Append("</blockquote>");
        }
    }

    private static bool TryStripQuote(ref string line, out bool multiLine)
    {
        foreach (var marker in new[] { "&gt;&gt;&gt;", ">>>" })
        {
            if (line.StartsWith(marker, StringComparison.Ordinal))
            {
                line = line[marker.Length..].TrimStart();
                multiLine = true;
                return true;
            }
        }

        multiLine = false;
        foreach (var marker in new[] { "&gt;", ">" })
        {
            if (line.StartsWith(marker, StringComparison.Ordinal))
            {
                line = line[marker.Length..].TrimStart();
                return true;
            }
        }

        return false;
    }

    private static string RenderInline(string line, SlackNames names)
    {
        // Tokens (code spans, links, mentions) become placeholders so that formatting never reaches inside them.
        var tokens = new List<string>();
        string Hold(string html)
        {
            tokens.Add(html);
            return $"{PlaceholderStart}{tokens.Count - 1}{PlaceholderEnd}";
        }

        var held = InlineCode().Replace(line, m => Hold($"<code class=\"slack-code\">{Encode(PlainInline(m.Groups[1].Value, names))}</code>"));
        held = ControlSequence().Replace(held, m => Hold(RenderControl(m.Groups[1].Value, names)));

        var encoded = Encode(DecodeSlackEntities(held));
        encoded = Bold().Replace(encoded, "<strong>$1</strong>");
        encoded = Italic().Replace(encoded, "<em>$1</em>");
        encoded = Strike().Replace(encoded, "<del>$1</del>");
        encoded = Emoji().Replace(encoded, m => SlackEmoji.Find(m.Groups[1].Value) is { } emoji
            ? $"<span class=\"slack-emoji\" title=\":{m.Groups[1].Value}:\">{emoji}</span>"
            : m.Value);
        return Placeholder().Replace(encoded, m => tokens[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)]);
    }

    private static string RenderControl(string inner, SlackNames names)
    {
        var (target, label) = SplitLabel(inner);
        switch (target)
        {
            case ['@', ..]:
                return Mention("@" + (label ?? names.User(target[1..])));
            case ['#', ..]:
                return Mention("#" + (label ?? names.Channel(target[1..])));
            case ['!', ..]:
                return Mention(SpecialMention(target, label));
        }

        if (UrlScheme().Match(target) is { Success: true } scheme)
        {
            var text = Encode(DecodeSlackEntities(label ?? target));
            if (!SafeSchemes.Contains(scheme.Groups[1].Value) || !Uri.TryCreate(DecodeSlackEntities(target), UriKind.Absolute, out var uri))
            {
                // javascript:, data:, vbscript: … keep the words, lose the link.
                return $"<span class=\"slack-unsafe-link\">{text}</span>";
            }

            return $"<a href=\"{Encode(uri.AbsoluteUri)}\" target=\"_blank\" rel=\"noopener noreferrer nofollow\">{text}</a>";
        }

        // Not a Slack control sequence (raw HTML such as <script> or <img …>): show it as typed.
        return Encode("<" + DecodeSlackEntities(inner) + ">");
    }

    private static string SpecialMention(string target, string? label)
    {
        var command = target[1..];
        if (label is not null)
        {
            return label;
        }

        var caret = command.IndexOf('^', StringComparison.Ordinal);
        return "@" + (caret < 0 ? command : command[..caret]);
    }

    private static string Mention(string text) => $"<span class=\"{MentionClass}\">{Encode(DecodeSlackEntities(text))}</span>";

    /// <summary>Control sequences as plain words (inside code, and for previews).</summary>
    private static string PlainInline(string text, SlackNames names) =>
        DecodeSlackEntities(ControlSequence().Replace(text, m =>
        {
            var (target, label) = SplitLabel(m.Groups[1].Value);
            return target switch
            {
                ['@', ..] => "@" + (label ?? names.User(target[1..])),
                ['#', ..] => "#" + (label ?? names.Channel(target[1..])),
                ['!', ..] => SpecialMention(target, label),
                _ when UrlScheme().IsMatch(target) => label ?? target,
                _ => m.Value,
            };
        }));

    private static (string Target, string? Label) SplitLabel(string inner)
    {
        var bar = inner.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? (inner, null) : (inner[..bar], inner[(bar + 1)..]);
    }

    private static string DecodeSlackEntities(string text) => SlackText.Decode(text);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        Only(sanitizer.AllowedTags, "a", "strong", "em", "del", "code", "pre", "blockquote", "br", "span");
        Only(sanitizer.AllowedAttributes, "href", "class", "title", "target", "rel");
        Only(sanitizer.AllowedSchemes, "http", "https", "mailto");
        Only(sanitizer.UriAttributes, "href");
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedAtRules.Clear();
        return sanitizer;
    }

    private static void Only(ISet<string> set, params string[] values)
    {
        set.Clear();
        set.UnionWith(values);
    }

    [GeneratedRegex("```(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex("`([^`\n]+)`")]
    private static partial Regex InlineCode();

    [GeneratedRegex("<([^<>\n]+)>")]
    private static partial Regex ControlSequence();

    [GeneratedRegex("<@([UW][A-Z0-9]+)(?:\\|[^>]*)?>")]
    private static partial Regex UserMention();

    [GeneratedRegex("<#(C[A-Z0-9]+)(?:\\|[^>]*)?>")]
    private static partial Regex ChannelMention();

    [GeneratedRegex("^([a-zA-Z][a-zA-Z0-9+.\\-]*):")]
    private static partial Regex UrlScheme();

    [GeneratedRegex("(?<![\\w*])\\*(?=\\S)([^*\n]*?\\S)\\*(?![\\w*])")]
    private static partial Regex Bold();

    [GeneratedRegex("(?<![\\w_])_(?=\\S)([^_\n]*?\\S)_(?![\\w_])")]
    private static partial Regex Italic();

    [GeneratedRegex("(?<![\\w~])~(?=\\S)([^~\n]*?\\S)~(?![\\w~])")]
    private static partial Regex Strike();

    [GeneratedRegex(":([a-z0-9_+\\-]+):(?::skin-tone-[2-6]:)?")]
    private static partial Regex Emoji();

    [GeneratedRegex("\u0001(\\d+)\u0002")]
    private static partial Regex Placeholder();
}
