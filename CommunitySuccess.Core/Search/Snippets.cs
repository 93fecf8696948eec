using System.Globalization;
using System.Net;
using System.Text;

namespace CommunitySuccess.Core.Search;

/// <summary>Cuts a short, HTML-escaped excerpt around the first matched word and marks the matches with &lt;mark&gt;.</summary>
public static class Snippets
{
    private const int Before = 60;
    private const int Length = 220;

    /// <summary>The words of a query, as the tokenizer sees them (letters and digits), lower-cased.</summary>
    public static IReadOnlyList<string> Terms(string query) =>
        Words(query ?? "").Select(w => w.Word.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();

    public static string Highlight(string text, IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(terms);
        var matches = Words(text).Where(w => terms.Any(t => Fold(w.Word).StartsWith(Fold(t), StringComparison.Ordinal))).ToList();
        var start = matches.Count == 0 ? 0 : Math.Max(0, matches[0].Start - Before);
        var end = Math.Min(text.Length, start + Length);
        var html = new StringBuilder();
        if (start > 0)
        {
            html.Append('…');
        }

        var position = start;
        foreach (var match in matches.Where(m => m.Start >= start && m.Start + m.Word.Length <= end))
        {
            html.Append(WebUtility.HtmlEncode(text[position..match.Start]));
            html.Append("<mark>").Append(WebUtility.HtmlEncode(match.Word)).Append("</mark>");
            position = match.Start + match.Word.Length;
        }

        html.Append(WebUtility.HtmlEncode(text[position..end]));
        if (end < text.Length)
        {
            html.Append('…');
        }

        return html.ToString();
    }

    /// <summary>Runs of letters and digits with where each starts: the full-text tokenizers' view of a text.</summary>
    internal static IEnumerable<(string Word, int Start)> Words(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && !char.IsLetterOrDigit(text[i]))
            {
                i++;
            }

            var start = i;
            while (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                i++;
            }

            if (i > start)
            {
                yield return (text[start..i], start);
            }
        }
    }

    // Like the unicode61 tokenizer with remove_diacritics: case and accents do not matter.
    private static string Fold(string word)
    {
        var decomposed = word.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark))
        {
            folded.Append(c);
        }

        return folded.ToString();
    }
}
