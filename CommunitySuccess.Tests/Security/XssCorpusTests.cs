using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Core.SlackMarkup;

namespace CommunitySuccess.Tests.Security;

/// <summary>
/// Strangers' text through both renderers (Slack messages, GitHub bodies and comments): whatever comes out, parsed as
/// a browser parses it, holds nothing that runs, loads or navigates to script.
/// </summary>
public sealed class XssCorpusTests
{
    public static TheoryData<string> Corpus =>
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<body onload=alert(1)>",
        "<div onmouseover=\"alert(1)\">hover</div>",
        "<a href=\"javascript:alert(1)\">click</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">click</a>",
        "<a href=\"java&#x09;script:alert(1)\">click</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">click</a>",
        "<a href=\"vbscript:msgbox(1)\">click</a>",
        "[click](javascript:alert(1))",
        "[click](data:text/html,<script>alert(1)</script>)",
        "![x](javascript:alert(1))",
        "<svg onload=alert(1)><circle r=1 /></svg>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<object data=\"javascript:alert(1)\"></object><embed src=\"javascript:alert(1)\">",
        "<form action=\"javascript:alert(1)\"><button>go</button></form>",
        "<style>body{background:url(javascript:alert(1))}</style>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"javascript:alert(1)//\">",
        "<<script>script>alert(1)<</script>/script>",
        "<img src=\"x\" onerror=\"alert(1)\"",
        "<a href=\"https://ok.example\" onclick=alert(1)>ok</a>",
        "<details open ontoggle=alert(1)>",
        "<!--<img src=x onerror=alert(1)>-->",
        "<https://evil.example|<script>alert(1)</script>>",
        "<javascript:alert(1)|click me>",
        "<data:text/html,<script>alert(1)</script>|click>",
        "<https://ok.example|text\" onmouseover=\"alert(1)>",
        "<!here|<img src=x onerror=alert(1)>>",
        "<@U123|<img src=x onerror=alert(1)>>",
        "<#C123|<svg onload=alert(1)>>",
        "`<script>alert(1)</script>`",
        "```<img src=x onerror=alert(1)>```",
        "*<img src=x onerror=alert(1)>*",
    ];

    [Theory]
    [MemberData(nameof(Corpus))]
    public void SlackMrkdwn_HostileText_RendersInert(string text) => AssertInert(SlackMrkdwn.ToHtml(text));

    [Theory]
    [MemberData(nameof(Corpus))]
    public void GitHubMarkdown_HostileText_RendersInert(string text) => AssertInert(GitHubMarkdown.ToSafeHtml(text));

    // <details> stays (GitHub's collapsible sections); its ontoggle handler may not.
    private static readonly string[] ForbiddenElements =
        ["script", "iframe", "object", "embed", "form", "style", "meta", "base", "svg", "math", "img", "link", "frame", "frameset"];

    private static void AssertInert(string html)
    {
        var document = new HtmlParser().ParseDocument($"<!DOCTYPE html><html><body>{html}</body></html>");
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            Assert.DoesNotContain(element.LocalName, ForbiddenElements);
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"event handler {attribute.Name} in {html}");
                Assert.NotEqual("style", attribute.Name);
                if (attribute.Name is "href" or "src" or "action" or "formaction" or "xlink:href" or "data")
                {
                    Assert.True(IsSafeUrl(attribute.Value), $"{attribute.Name}=\"{attribute.Value}\" in {html}");
                }
            }
        }
    }

    private static bool IsSafeUrl(string value) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto";
}
