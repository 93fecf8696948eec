using System.Text.Json;
using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Tests.TestSupport;

namespace CommunitySuccess.Tests.GitHub.Integration;

/// <summary>Issue and comment bodies are strangers' markdown: rendered, then sanitized.</summary>
public sealed class GitHubMarkdownTests
{
    [Theory]
    [InlineData("<script>alert('x')</script>hello")]
    [InlineData("<img src=x onerror=\"alert('x')\">")]
    [InlineData("[click](javascript:alert('x'))")]
    [InlineData("<a href=\"javascript:alert('x')\">click</a>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("<div onclick=\"alert('x')\" style=\"position:fixed\">x</div>")]
    [InlineData("<form action=\"https://evil.example\"><input name=password><button>Go</button></form>")]
    [InlineData("<svg><script>alert('x')</script></svg>")]
    public void ToSafeHtml_HostileMarkdown_LeavesNothingThatRuns(string markdown)
    {
        var html = GitHubMarkdown.ToSafeHtml(markdown);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onclick", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<form", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<input name", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("![screenshot](https://tracker.example/pixel.png?issue=1)")]
    [InlineData("<img src=\"https://tracker.example/pixel.png?issue=1\" alt=\"screenshot\">")]
    public void ToSafeHtml_RemoteImage_BecomesALinkThatLoadsNothingByItself(string markdown)
    {
        var html = GitHubMarkdown.ToSafeHtml(markdown);

        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("srcset", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<source", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("href=\"https://tracker.example/pixel.png?issue=1\"", html, StringComparison.Ordinal);
        Assert.Contains("Image: screenshot", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<video src=\"https://tracker.example/v.mp4\" poster=\"https://tracker.example/p.png\"></video>")]
    [InlineData("<picture><source srcset=\"https://tracker.example/a.png\"><img src=\"https://tracker.example/pixel.png?issue=1\" alt=\"screenshot\"></picture>")]
    [InlineData("<audio src=\"https://tracker.example/a.mp3\" autoplay></audio>")]
    [InlineData("<table background=\"https://tracker.example/bg.png\"><tr><td>x</td></tr></table>")]
    public void ToSafeHtml_OtherRemoteMedia_IsDropped(string markdown)
    {
        var html = GitHubMarkdown.ToSafeHtml(markdown);

        Assert.DoesNotContain("tracker.example", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSafeHtml_GitHubMarkdown_KeepsFormattingLinksAndTaskLists()
    {
        var html = GitHubMarkdown.ToSafeHtml("""
            ## Steps
            1. Run `acme sync`
            2. See https://example.com/docs
            line two

            - [x] done
            - [ ] todo

            ```go
            fmt.Println("hi")
            ```
            <!-- cs:42 -->
            """);

        Assert.Contains("<h2>Steps</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<code>acme sync</code>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.com/docs\" target=\"_blank\" rel=\"noopener noreferrer nofollow\">", html, StringComparison.Ordinal);
        Assert.Contains("<br>", html, StringComparison.Ordinal);
        Assert.Contains("type=\"checkbox\"", html, StringComparison.Ordinal);
        Assert.Contains("disabled", html, StringComparison.Ordinal);
        Assert.Contains("<pre><code>fmt.Println", html, StringComparison.Ordinal);

        // Classes are dropped: a stranger's class="mud-overlay" must not restyle our page.
        Assert.DoesNotContain("class=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("cs:42", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSafeHtml_EveryRecordedIssueBody_Renders()
    {
        foreach (var file in Fixtures.Files("github/rest").Where(f => Path.GetFileName(f).StartsWith("issue", StringComparison.Ordinal)))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            var items = json.RootElement.ValueKind == JsonValueKind.Array ? json.RootElement.EnumerateArray().ToList() : [json.RootElement];
            foreach (var item in items)
            {
                var body = item.TryGetProperty("body", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString() : null;
                var html = GitHubMarkdown.ToSafeHtml(body);
                Assert.Equal(string.IsNullOrWhiteSpace(body), html.Length == 0);
            }
        }

        Assert.Equal("", GitHubMarkdown.ToSafeHtml(null));
    }
}
