using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CommunitySuccess.Sandbox.Slack;

/// <summary>
/// The <c>rich_text</c> block Slack attaches to every message a person types: fenced code becomes
/// <c>rich_text_preformatted</c>; mentions, channel links, links, emoji and inline code become their own elements.
/// </summary>
internal static partial class SlackRichText
{
    public static JsonArray FromText(string text, string blockId)
    {
        var elements = new JsonArray();
        var parts = text.Split("```");
        for (var i = 0; i < parts.Length; i++)
        {
            var part = i % 2 == 1 ? parts[i].Trim('\n') : parts[i];
            if (part.Length == 0)
            {
                continue;
            }

            elements.Add(i % 2 == 1
                ? new JsonObject { ["type"] = "rich_text_preformatted", ["elements"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = part }), ["border"] = 0 }
                : new JsonObject { ["type"] = "rich_text_section", ["elements"] = Inline(part) });
        }

        return new JsonArray(new JsonObject { ["type"] = "rich_text", ["block_id"] = blockId, ["elements"] = elements });
    }

    private static JsonArray Inline(string text)
    {
        var elements = new JsonArray();
        var position = 0;
        foreach (Match match in Token().Matches(text))
        {
            AddText(elements, text[position..match.Index], code: false);
            position = match.Index + match.Length;
            if (match.Groups["user"].Success)
            {
                elements.Add(new JsonObject { ["type"] = "user", ["user_id"] = match.Groups["user"].Value });
            }
            else if (match.Groups["channel"].Success)
            {
                elements.Add(new JsonObject { ["type"] = "channel", ["channel_id"] = match.Groups["channel"].Value });
            }
            else if (match.Groups["url"].Success)
            {
                var link = new JsonObject { ["type"] = "link", ["url"] = match.Groups["url"].Value };
                if (match.Groups["label"].Success)
                {
                    link["text"] = match.Groups["label"].Value;
                }

                elements.Add(link);
            }
            else if (match.Groups["emoji"].Success)
            {
                elements.Add(new JsonObject { ["type"] = "emoji", ["name"] = match.Groups["emoji"].Value });
            }
            else
            {
                AddText(elements, match.Groups["code"].Value, code: true);
            }
        }

        AddText(elements, text[position..], code: false);
        return elements;
    }

    private static void AddText(JsonArray elements, string text, bool code)
    {
        if (text.Length == 0)
        {
            return;
        }

        var element = new JsonObject { ["type"] = "text", ["text"] = text };
        if (code)
        {
            element["style"] = new JsonObject { ["code"] = true };
        }

        elements.Add(element);
    }

    [GeneratedRegex(@"<@(?<user>[UW][A-Z0-9]+)>|<#(?<channel>C[A-Z0-9]+)(\|[^>]*)?>|<(?<url>(https?|mailto):[^|>]+)(\|(?<label>[^>]*))?>|:(?<emoji>[a-z0-9_+\-]+):|`(?<code>[^`\n]+)`")]
    private static partial Regex Token();
}
