using CommunitySuccess.Core.Slack;
using CommunitySuccess.Core.SlackMarkup;

namespace CommunitySuccess.Tests.Slack;

public sealed class SlackMrkdwnTests
{
    private static readonly SlackNames Names = new(
        new Dictionary<string, string> { ["U0PRIYA"] = "Priya" },
        new Dictionary<string, string> { ["C0SUPPORT"] = "support" });

    [Theory]
    [InlineData("*bold*", "<strong>bold</strong>")]
    [InlineData("_italic_", "<em>italic</em>")]
    [InlineData("~gone~", "<del>gone</del>")]
    [InlineData("run `make test` now", "run <code class=\"slack-code\">make test</code> now")]
    [InlineData("a &lt;b&gt; &amp; c", "a &lt;b&gt; &amp; c")]
    [InlineData("line one\nline two", "line one<br>line two")]
    [InlineData("snake_case_name and 2*3*4", "snake_case_name and 2*3*4")]
    public void ToHtml_Formatting_BecomesTheMatchingTags(string mrkdwn, string html) =>
        Assert.Equal(html, SlackMrkdwn.ToHtml(mrkdwn));

    [Fact]
    public void ToHtml_CodeBlock_KeepsTextAsTypedAndInert()
    {
        var html = SlackMrkdwn.ToHtml("before\n```\nSELECT * FROM t WHERE a &lt; 3;\n<b>not bold</b>\n```\nafter");

        Assert.Contains("<pre class=\"slack-pre\"><code>SELECT * FROM t WHERE a &lt; 3;\n&lt;b&gt;not bold&lt;/b&gt;</code></pre>", html, StringComparison.Ordinal);
        Assert.StartsWith("before", html, StringComparison.Ordinal);
        Assert.EndsWith("after", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_QuoteLines_BecomeOneBlockquote()
    {
        var html = SlackMrkdwn.ToHtml("&gt; first\n&gt; second\nreply");

        Assert.Equal("<blockquote class=\"slack-quote\">first<br>second</blockquote>reply", html);
    }

    [Fact]
    public void ToHtml_MentionsAndChannels_ShowNames()
    {
        var html = SlackMrkdwn.ToHtml("<@U0PRIYA> see <#C0SUPPORT> and <#C0OTHER|random>, <!here>, <@U0UNKNOWN>", Names);

        Assert.Contains("<span class=\"slack-mention\">@Priya</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"slack-mention\">#support</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"slack-mention\">#random</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"slack-mention\">@here</span>", html, StringComparison.Ordinal);
        Assert.Contains("@U0UNKNOWN", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_Links_OpenSafelyInANewTab()
    {
        var html = SlackMrkdwn.ToHtml("<https://example.com/a?b=1&amp;c=2|the *docs*> or <mailto:help@example.com>");

        Assert.Contains("<a href=\"https://example.com/a?b=1&amp;c=2\" target=\"_blank\" rel=\"noopener noreferrer nofollow\">the *docs*</a>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"mailto:help@example.com\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<javascript:alert(1)|click me>")]
    [InlineData("<JaVaScRiPt:alert(1)>")]
    [InlineData("<data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==|x>")]
    [InlineData("```</code></pre><script>alert(1)</script>```")]
    [InlineData("`<svg onload=alert(1)>`")]
    [InlineData("<https://ok.example/\" onmouseover=\"alert(1)|x>")]
    [InlineData("*<img src=x onerror=alert(1)>*")]
    public void ToHtml_HostileText_RendersInert(string mrkdwn)
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<body>" + SlackMrkdwn.ToHtml(mrkdwn) + "</body>");
        var elements = document.Body!.QuerySelectorAll("*");

        Assert.Empty(document.Body.QuerySelectorAll("script, img, svg, iframe, object, style"));
        Assert.DoesNotContain(elements.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.All(document.Body.QuerySelectorAll("a"), a => Assert.Matches("^(https?|mailto):", a.GetAttribute("href")!));
    }

    [Fact]
    public void ToHtml_JavascriptLink_KeepsTheWordsWithoutTheLink()
    {
        var html = SlackMrkdwn.ToHtml("<javascript:alert(1)|click me>");

        Assert.Equal("<span class=\"slack-unsafe-link\">click me</span>", html);
    }

    [Theory]
    [InlineData(":tada:", "🎉")]
    [InlineData(":+1::skin-tone-3:", "👍")]
    [InlineData(":white_check_mark:", "✅")]
    [InlineData(":eyes:", "👀")]
    public void ToHtml_CommonEmoji_BecomeCharacters(string shortcode, string emoji) =>
        Assert.Contains(emoji, SlackMrkdwn.ToHtml("done " + shortcode), StringComparison.Ordinal);

    [Fact]
    public void ToHtml_UnknownEmojiAndClockTimes_StayAsWritten()
    {
        Assert.Equal("meet at 10:30:45 :our-custom-emoji:", SlackMrkdwn.ToHtml("meet at 10:30:45 :our-custom-emoji:"));
    }

    [Fact]
    public void ToHtml_FortyThousandCharacters_RendersEverythingQuickly()
    {
        var text = string.Concat(Enumerable.Repeat("*word* <https://example.com|link> :tada: ", 1000)) + new string('x', 4000);

        var html = SlackMrkdwn.ToHtml(text);

        Assert.Equal(1000, html.Split("<strong>word</strong>").Length - 1);
        Assert.EndsWith(new string('x', 4000), html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToPlainText_Markup_BecomesReadableWords()
    {
        Assert.Equal("@Priya look at the docs in #support 🎉 a < b, run make test now",
            SlackMrkdwn.ToPlainText("<@U0PRIYA> look at <https://x.example|the docs> in <#C0SUPPORT> :tada: a &lt; b, *run* `make test` _now_", Names));
    }

    [Fact]
    public void MentionedUsers_Text_ListsEachIdOnce()
    {
        Assert.Equal(["U0PRIYA", "W0KENJI"], SlackMrkdwn.MentionedUsers("<@U0PRIYA> <@W0KENJI|kenji> <@U0PRIYA>"));
    }
}
