using AngleSharp.Dom;
using Ganss.Xss;
using Markdig;

namespace CommunitySuccess.Core.GitHub;

/// <summary>
/// Renders GitHub-flavoured markdown from issues and comments (untrusted: anyone can write it) as HTML that is safe to
/// put into our page: Markdig renders, HtmlSanitizer keeps only harmless tags, attributes and http(s)/mailto links, so
/// <c>&lt;script&gt;</c>, <c>on*=</c> handlers and <c>javascript:</c> URLs are gone. Links open in a new tab without
/// handing it our window.
/// </summary>
public static class GitHubMarkdown
{
    // GitHub renders a single newline in an issue or comment as a line break (unlike in a .md file).
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseAdvancedExtensions()
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    // Configured once; HtmlSanitizer is safe to share for Sanitize calls.
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>Safe HTML for <paramref name="markdown"/>; an empty string for null or blank input.</summary>
    public static string ToSafeHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }

        return Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("mailto");

        // Inline styles and ids from strangers could restyle or spoof our page.
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedAttributes.Remove("id");
        foreach (var tag in new[] { "form", "button", "textarea", "select", "option" })
        {
            sanitizer.AllowedTags.Remove(tag);
        }

        // Task-list checkboxes are the one input GitHub renders: keep them, disabled; drop any other input.
        sanitizer.AllowedTags.Add("input");
        sanitizer.AllowedAttributes.Add("type");
        sanitizer.AllowedAttributes.Add("checked");
        sanitizer.AllowedAttributes.Add("disabled");
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is not IElement element)
            {
                return;
            }

            switch (element.TagName)
            {
                case "A":
                    element.SetAttribute("target", "_blank");
                    element.SetAttribute("rel", "noopener noreferrer nofollow");
                    break;
                case "INPUT" when element.GetAttribute("type") == "checkbox":
                    element.SetAttribute("disabled", "disabled");
                    break;
                case "INPUT":
                    element.Remove();
                    break;
            }
        };
        return sanitizer;
    }
}
