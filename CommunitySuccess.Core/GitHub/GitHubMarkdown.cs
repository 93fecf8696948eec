using AngleSharp.Dom;
using Ganss.Xss;
using Markdig;

namespace CommunitySuccess.Core.GitHub;

/// <summary>
/// Renders GitHub-flavoured markdown from issues and comments (untrusted: anyone can write it) as HTML that is safe to
/// put into our page: Markdig renders, HtmlSanitizer keeps only harmless tags, attributes and http(s)/mailto links, so
/// <c>&lt;script&gt;</c>, <c>on*=</c> handlers and <c>javascript:</c> URLs are gone. Links open in a new tab without
/// handing it our window. Nothing loads from a stranger's server by itself: an image becomes a link to it (opened
/// on a click), so an issue author cannot learn from their server's logs when the on-call read the issue.
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
        foreach (var tag in new[] { "form", "button", "textarea", "select", "option", "video", "audio", "source", "track", "picture" })
        {
            sanitizer.AllowedTags.Remove(tag);
        }

        // Attributes that make the browser fetch from elsewhere without a click.
        foreach (var attribute in new[] { "srcset", "poster", "background", "longdesc", "usemap" })
        {
            sanitizer.AllowedAttributes.Remove(attribute);
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
                case "IMG":
                    element.Replace(ImageLink(element));
                    break;
            }
        };
        return sanitizer;
    }

    /// <summary>"🖼 Image: alt" linking to the image (a click loads it, in a new tab), or only the text without a usable address.</summary>
    private static INode ImageLink(IElement image)
    {
        var document = image.Owner!;
        var alt = image.GetAttribute("alt");
        var text = document.CreateTextNode(string.IsNullOrWhiteSpace(alt) ? "🖼 Image" : $"🖼 Image: {alt}");
        var source = image.GetAttribute("src");
        if (!Uri.TryCreate(source, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return text;
        }

        var link = document.CreateElement("a");
        link.SetAttribute("href", uri.AbsoluteUri);
        link.SetAttribute("target", "_blank");
        link.SetAttribute("rel", "noopener noreferrer nofollow");
        link.SetAttribute("class", "gh-image-link");
        link.AppendChild(text);
        return link;
    }
}
