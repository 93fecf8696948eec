using System.Net;
using System.Text.Json;
using CommunitySuccess.Sandbox.Slack;
using CommunitySuccess.Tests.TestSupport;
using static CommunitySuccess.Tests.Sandbox.SandboxTestHost;

namespace CommunitySuccess.Tests.Sandbox;

/// <summary>
/// The sandbox is as strict as Slack by default: rate limits per method, bot membership, scopes, escaped text,
/// Events API retries, and the answers of team.info, conversations.join and conversations.open shaped like the
/// examples on their reference pages (docs.slack.dev/reference/methods/…).
/// </summary>
public sealed class SlackStrictnessTests
{
    private const string PublicElsewhere = "C0TESTPUBL1";
    private const string PrivateElsewhere = "G0TESTPRIV1";

    /// <summary>conversations.join's "typical success response", as published.</summary>
    private const string JoinExample = """
        {"ok":true,"channel":{"id":"C061EG9SL","name":"general","is_channel":true,"is_group":false,"is_im":false,"created":1449252889,
        "creator":"U061F7AUR","is_archived":false,"is_general":true,"unlinked":0,"name_normalized":"general","is_shared":false,
        "is_ext_shared":false,"is_org_shared":false,"pending_shared":[],"is_pending_ext_shared":false,"is_member":true,"is_private":false,
        "is_mpim":false,"topic":{"value":"Which widget do you worry about?","creator":"","last_set":0},
        "purpose":{"value":"For widget discussion","creator":"","last_set":0},"previous_names":[]},
        "warning":"already_in_channel","response_metadata":{"warnings":["already_in_channel"]}}
        """;

    /// <summary>conversations.open's published answers: the DM's id, and <c>no_op</c>/<c>already_open</c> when it was open.</summary>
    private const string OpenExample = """{"ok":true,"no_op":true,"already_open":true,"channel":{"id":"D069C7QFK"}}""";

    /// <summary>A <c>missing_scope</c> answer as Slack sends it (the scope needed, the token's scopes).</summary>
    private const string MissingScopeExample = """{"ok":false,"error":"missing_scope","needed":"chat:write:bot","provided":"incoming-webhook,files:write"}""";

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public async Task ConversationsHistory_MoreThanTier3Burst_Answers429WithRetryAfterThenRecoversWhenTheMinuteRefills()
    {
        await using var host = await StartAsync();

        for (var i = 0; i < 50; i++)
        {
            AssertOk(await host.PostFormAsync("conversations.history", ("channel", SupportChannel)));
        }

        using var limited = await host.Http.PostAsync("conversations.history", Form(("channel", SupportChannel)), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), limited.Headers.RetryAfter?.Delta);
        AssertError(Json(await limited.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)), "ratelimited");

        // Another method has its own allowance; the limited one refills at 50 a minute.
        AssertOk(await host.PostFormAsync("users.info", ("user", Asker)));
        host.Time.Advance(TimeSpan.FromSeconds(2));
        AssertOk(await host.PostFormAsync("conversations.history", ("channel", SupportChannel)));
    }

    [Fact]
    public async Task ChatPostMessage_FasterThanOnePerSecondInOneChannel_Answers429ButOtherChannelsPost()
    {
        await using var host = await StartAsync();
        host.Slack.AddChannel(PublicElsewhere, "elsewhere");

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await host.Http.PostAsync("chat.postMessage", Form(("channel", SupportChannel), ("text", $"post {i}")), TestContext.Current.CancellationToken);
            answers.Add(response.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), HttpStatusCode.TooManyRequests], answers);
        AssertOk(await host.PostFormAsync("chat.postMessage", ("channel", PublicElsewhere), ("text", "another channel")));
        host.Time.Advance(TimeSpan.FromSeconds(1));
        AssertOk(await host.PostFormAsync("chat.postMessage", ("channel", SupportChannel), ("text", "a second later")));
        Assert.Equal(6, host.Slack.GetHistory(SupportChannel).Count);
    }

    [Fact]
    public async Task NonMarketplaceApp_HistoryAndReplies_OneCallAMinuteAndAtMost15Messages()
    {
        await using var host = await StartAsync(rateLimits: SlackRateLimits.NonMarketplaceApp);
        host.Slack.SeedBulk(SupportChannel, 20, 0, Start.AddHours(-1));

        var page = await host.PostFormAsync("conversations.history", ("channel", SupportChannel), ("limit", "200"));
        using var second = await host.Http.PostAsync("conversations.history", Form(("channel", SupportChannel)), TestContext.Current.CancellationToken);

        Assert.Equal(15, page.GetProperty("messages").GetArrayLength());
        Assert.True(page.GetProperty("has_more").GetBoolean());
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), second.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public void Scaled_BelowOneOrInfinite_IsRefusedSoLimitsAreNeverOff()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SlackRateLimits.Published.Scaled(0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => SlackRateLimits.Published.Scaled(double.PositiveInfinity));
        Assert.Equal(100, SlackRateLimits.Published.Scaled(100).Scale);
    }

    [Fact]
    public async Task BotNotInvited_PublicAnswersNotInChannelUntilJoined_PrivateStaysHidden()
    {
        await using var host = await StartAsync();
        host.Slack.AddChannel(PublicElsewhere, "questions", inviteBot: false);
        host.Slack.AddChannel(PrivateElsewhere, "secret-support", isPrivate: true, inviteBot: false);

        AssertError(await host.PostFormAsync("conversations.history", ("channel", PublicElsewhere)), "not_in_channel");
        AssertError(await host.PostFormAsync("chat.postMessage", ("channel", PublicElsewhere), ("text", "hi")), "not_in_channel");
        Assert.False((await host.PostFormAsync("conversations.info", ("channel", PublicElsewhere))).GetProperty("channel").GetProperty("is_member").GetBoolean());
        AssertError(await host.PostFormAsync("conversations.history", ("channel", PrivateElsewhere)), "channel_not_found");
        AssertError(await host.PostFormAsync("conversations.info", ("channel", PrivateElsewhere)), "channel_not_found");
        AssertError(await host.PostFormAsync("conversations.join", ("channel", PrivateElsewhere)), "channel_not_found");

        var joined = await host.PostFormAsync("conversations.join", ("channel", PublicElsewhere));
        var again = await host.PostFormAsync("conversations.join", ("channel", PublicElsewhere));

        AssertOk(joined);
        Assert.False(joined.TryGetProperty("warning", out _));
        JsonShape.AssertHasShapeOf(Json(JoinExample), again);
        Assert.True(again.GetProperty("channel").GetProperty("is_member").GetBoolean());
        AssertOk(await host.PostFormAsync("conversations.history", ("channel", PublicElsewhere)));
        host.Slack.InviteBot(PrivateElsewhere);
        AssertOk(await host.PostFormAsync("conversations.history", ("channel", PrivateElsewhere)));
        AssertError(await host.PostFormAsync("conversations.join", ("channel", PrivateElsewhere)), "method_not_supported_for_channel_type");
    }

    [Fact]
    public async Task MissingScope_AnswersNeededAndProvidedLikeSlack()
    {
        await using var host = await StartAsync();
        host.Slack.SetBotScopes(SlackWorkspace.DefaultBotScopes.Where(s => s is not "channels:join" and not "team:read"));
        host.Slack.AddChannel(PublicElsewhere, "questions", inviteBot: false);

        var join = await host.PostFormAsync("conversations.join", ("channel", PublicElsewhere));
        var team = await host.PostFormAsync("team.info");

        JsonShape.AssertHasShapeOf(Json(MissingScopeExample), join);
        AssertError(join, "missing_scope");
        Assert.Equal("channels:join", join.GetProperty("needed").GetString());
        Assert.Contains("channels:history", join.GetProperty("provided").GetString()!.Split(','));
        Assert.Equal("team:read", team.GetProperty("needed").GetString());
    }

    [Fact]
    public async Task TeamInfo_MatchesFixtureShape()
    {
        await using var host = await StartAsync();

        var answer = await host.PostFormAsync("team.info");

        // enterprise_id and enterprise_name are sent only for Enterprise Grid workspaces.
        JsonShape.AssertHasShapeOf(Json(Fixtures.Read("slack/web/team.info.json")), answer, "$.team.enterprise_id", "$.team.enterprise_name");
        Assert.Equal(host.Slack.TeamName, answer.GetProperty("team").GetProperty("name").GetString());
    }

    [Fact]
    public async Task ConversationsOpen_Person_AnswersTheSameDmIdTwiceAndPostsThere()
    {
        await using var host = await StartAsync();

        var first = await host.PostFormAsync("conversations.open", ("users", Asker));
        var second = await host.PostFormAsync("conversations.open", ("users", Asker));
        var dm = first.GetProperty("channel").GetProperty("id").GetString()!;
        var posted = await host.PostFormAsync("chat.postMessage", ("channel", dm), ("text", "your thread was answered"));
        var history = await host.PostFormAsync("conversations.history", ("channel", dm));

        AssertOk(first);
        JsonShape.AssertHasShapeOf(Json(OpenExample), second);
        Assert.StartsWith("D", dm, StringComparison.Ordinal);
        Assert.Equal(dm, second.GetProperty("channel").GetProperty("id").GetString());
        AssertOk(posted);
        Assert.Equal("your thread was answered", history.GetProperty("messages")[0].GetProperty("text").GetString());
        AssertError(await host.PostFormAsync("conversations.open", ("users", "U0NOBODY000")), "user_not_found");
    }

    [Fact]
    public async Task PostAsUser_TypedControlCharacters_ArriveEscapedButLinksAndMentionsStayMarkup()
    {
        await using var host = await StartAsync();

        var ts = host.Slack.PostAsUser(SupportChannel, Asker, "if a < b && c > d see <https://example.com/docs?a=1&b=2|the docs & FAQ> or ask <@U0TESTHELP1> <script>");
        var history = await host.PostFormAsync("conversations.history", ("channel", SupportChannel));

        Assert.Equal(
            "if a &lt; b &amp;&amp; c &gt; d see <https://example.com/docs?a=1&b=2|the docs &amp; FAQ> or ask <@U0TESTHELP1> &lt;script&gt;",
            history.GetProperty("messages")[0].GetProperty("text").GetString());
        Assert.Equal(ts, history.GetProperty("messages")[0].GetProperty("ts").GetString());
    }

    [Fact]
    public async Task EventNotAcknowledged_IsRetriedThreeTimesWithRetryHeadersAndTheSameEventId()
    {
        await using var receiver = await SlackEventReceiver.StartAsync();
        await using var host = await StartAsync(eventsUrl: receiver.Url, eventRetryDelays: [TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero]);
        host.Slack.Faults.LoseEventAcknowledgements(3);

        host.Slack.PostAsUser(SupportChannel, Asker, "are you there?");
        var received = new List<ReceivedSlackEvent>();
        for (var i = 0; i < 4; i++)
        {
            received.Add(await receiver.NextAsync());
        }

        Assert.Single(received.Select(r => r.Json.GetProperty("event_id").GetString()).Distinct());
        Assert.Equal(["", "1", "2", "3"], received.Select(r => r.RetryNum));
        Assert.Equal(["", "http_timeout", "http_timeout", "http_timeout"], received.Select(r => r.RetryReason));
        await host.Slack.WhenEventsDeliveredAsync(TestContext.Current.CancellationToken);
        Assert.True(host.Slack.EventDeliveries[^1].Delivered);
    }

    [Fact]
    public async Task VerifyEventsUrl_SendsSignedUrlVerificationShapedLikeFixture_AndFailsWhenTheChallengeIsNotEchoed()
    {
        await using var receiver = await SlackEventReceiver.StartAsync();
        await using var host = await StartAsync(eventsUrl: receiver.Url);

        var verified = await host.Slack.VerifyEventsUrlAsync(TestContext.Current.CancellationToken);
        var received = await receiver.NextAsync();

        // This receiver answers 200 with an empty body: not an echo of the challenge.
        Assert.False(verified);
        JsonShape.AssertHasShapeOf(Json(Fixtures.Read("slack/events/url_verification.json")), received.Json);
        Assert.Equal("url_verification", received.Json.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(received.Signature));
    }

    [Fact]
    public async Task PostDirectMessageAsUser_SendsMessageEventWithChannelTypeIm()
    {
        await using var receiver = await SlackEventReceiver.StartAsync();
        await using var host = await StartAsync(eventsUrl: receiver.Url);

        host.Slack.PostDirectMessageAsUser(Asker, "a question in private");
        var received = await receiver.NextAsync();

        Assert.Equal("im", received.Event.GetProperty("channel_type").GetString());
        Assert.Equal(SlackWorkspace.DirectMessageChannelIdOf(Asker), received.Event.GetProperty("channel").GetString());
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] args) =>
        new(args.Select(a => KeyValuePair.Create(a.Name, a.Value)));
}
