namespace CommunitySuccess.Core.SlackMarkup;

/// <summary>
/// Slack's escaping of message text, in one place. Slack sends what a person typed with <c>&amp;</c>, <c>&lt;</c>
/// and <c>&gt;</c> as <c>&amp;amp;</c>, <c>&amp;lt;</c>, <c>&amp;gt;</c>, and uses <c>&lt;…&gt;</c> only for links,
/// mentions and channels; text we post must be escaped the same way so Slack shows it as typed and never as markup.
/// Stored message text stays as Slack sent it (it is the wire format); readers decode it here.
/// </summary>
public static class SlackText
{
    /// <summary>The characters a person typed, from Slack's wire text. Markup (<c>&lt;@U…&gt;</c>) is not resolved: see <see cref="ToPlain"/>.</summary>
    public static string Decode(string? wireText) =>
        (wireText ?? "").Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);

    /// <summary>Text for Slack: the three control characters escaped, so it shows as written and can trigger no mention or link.</summary>
    public static string Escape(string? text) =>
        (text ?? "").Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>What a person reads, as plain text: decoded, mentions as names, links as their labels, no formatting marks.</summary>
    public static string ToPlain(string? wireText, SlackNames? names = null) => SlackMrkdwn.ToPlainText(wireText, names);
}
