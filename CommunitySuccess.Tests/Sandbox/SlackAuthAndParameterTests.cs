using System.Net;
using System.Net.Http.Headers;
using System.Text;
using static CommunitySuccess.Tests.Sandbox.SandboxTestHost;

namespace CommunitySuccess.Tests.Sandbox;

/// <summary>Tokens are checked as Slack checks them, and arguments arrive by query, form or JSON alike.</summary>
public sealed class SlackAuthAndParameterTests
{
    [Fact]
    public async Task AnyMethod_WithoutToken_AnswersNotAuthedWithHttp200()
    {
        await using var host = await StartAsync();
        using var anonymous = new HttpClient { BaseAddress = host.Server.SlackApiBaseUrl };

        using var response = await anonymous.PostAsync("auth.test", new FormUrlEncodedContent([]), TestContext.Current.CancellationToken);

        AssertError(await ReadAsync(response), "not_authed");
    }

    [Fact]
    public async Task AnyMethod_WithWrongToken_AnswersInvalidAuthAndChangesNothing()
    {
        await using var host = await StartAsync();
        using var stranger = new HttpClient { BaseAddress = host.Server.SlackApiBaseUrl };
        stranger.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "xoxb-not-our-token");

        using var response = await stranger.PostAsync("chat.postMessage", new FormUrlEncodedContent([KeyValuePair.Create("channel", SupportChannel), KeyValuePair.Create("text", "hi")]), TestContext.Current.CancellationToken);

        AssertError(await ReadAsync(response), "invalid_auth");
        Assert.Empty(host.Slack.GetHistory(SupportChannel));
    }

    [Fact]
    public async Task AnyMethod_TokenInFormBody_IsAcceptedAndNeverLogged()
    {
        await using var host = await StartAsync();
        using var legacy = new HttpClient { BaseAddress = host.Server.SlackApiBaseUrl };

        using var response = await legacy.PostAsync("auth.test", new FormUrlEncodedContent([KeyValuePair.Create("token", host.Slack.BotToken)]), TestContext.Current.CancellationToken);

        AssertOk(await ReadAsync(response));
        Assert.DoesNotContain(host.Slack.Requests, call => call.Parameters.ContainsKey("token"));
    }

    [Fact]
    public async Task UnknownMethod_Answers404UnknownMethod()
    {
        await using var host = await StartAsync();

        using var response = await host.Http.PostAsync("chat.postMessagee", new FormUrlEncodedContent([]), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("unknown_method", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConversationsHistory_QueryFormAndJson_GiveTheSameAnswer()
    {
        await using var host = await StartAsync();
        for (var i = 0; i < 5; i++)
        {
            host.Slack.PostAsUser(SupportChannel, Asker, $"question {i}");
        }

        var byQuery = await host.GetAsync("conversations.history", ("channel", SupportChannel), ("limit", "2"), ("include_all_metadata", "true"));
        var byForm = await host.PostFormAsync("conversations.history", ("channel", SupportChannel), ("limit", "2"), ("include_all_metadata", "1"));
        var byJson = await host.PostJsonAsync("conversations.history", $$"""{"channel":"{{SupportChannel}}","limit":2,"include_all_metadata":true}""");

        Assert.Equal(2, byQuery.GetProperty("messages").GetArrayLength());
        Assert.Equal(byQuery.ToString(), byForm.ToString());
        Assert.Equal(byQuery.ToString(), byJson.ToString());
    }

    [Fact]
    public async Task ChatPostMessage_JsonBodyWithObjectsAndBooleans_IsUnderstood()
    {
        await using var host = await StartAsync();
        var parent = host.Slack.PostAsUser(SupportChannel, Asker, "question");

        var answer = await host.PostJsonAsync("chat.postMessage", $$$"""
            {"channel":"{{{SupportChannel}}}","text":"fixed in 3.8.1","thread_ts":"{{{parent}}}","reply_broadcast":true,
             "metadata":{"event_type":"cs_reply","event_payload":{"outbox_id":42}},
             "blocks":[{"type":"section","text":{"type":"mrkdwn","text":"fixed in *3.8.1*"}}]}
            """);

        AssertOk(answer);
        var message = answer.GetProperty("message");
        Assert.Equal("thread_broadcast", message.GetProperty("subtype").GetString());
        Assert.Equal("section", message.GetProperty("blocks")[0].GetProperty("type").GetString());
        Assert.Equal(42, message.GetProperty("metadata").GetProperty("event_payload").GetProperty("outbox_id").GetInt32());
    }

    [Fact]
    public async Task ChatPostMessage_MetadataAsFormString_IsParsed()
    {
        await using var host = await StartAsync();

        var answer = await host.PostFormAsync("chat.postMessage", ("channel", SupportChannel), ("text", "hi"), ("metadata", """{"event_type":"cs_reply","event_payload":{"outbox_id":"7"}}"""));

        AssertOk(answer);
        var stored = host.Slack.GetMessage(SupportChannel, answer.GetProperty("ts").GetString()!)!;
        Assert.Equal("cs_reply", stored.Metadata!.EventType);
        Assert.Equal("7", stored.Metadata.EventPayload.GetProperty("outbox_id").GetString());
    }

    [Fact]
    public async Task MalformedJsonBody_AnswersInvalidJson()
    {
        await using var host = await StartAsync();

        using var response = await host.Http.PostAsync("chat.postMessage", new StringContent("{\"channel\":", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        AssertError(await ReadAsync(response), "invalid_json");
        Assert.Empty(host.Slack.GetHistory(SupportChannel));
    }

    [Fact]
    public async Task ChatPostMessage_BadArguments_AnswerSlackErrorsAndPostNothing()
    {
        await using var host = await StartAsync();

        AssertError(await host.PostFormAsync("chat.postMessage", ("channel", SupportChannel)), "no_text");
        AssertError(await host.PostFormAsync("chat.postMessage", ("channel", "C0NOSUCH000"), ("text", "hi")), "channel_not_found");
        AssertError(await host.PostFormAsync("chat.postMessage", ("channel", SupportChannel), ("text", "hi"), ("thread_ts", "yesterday")), "invalid_thread_ts");
        AssertError(await host.PostFormAsync("chat.postMessage", ("channel", SupportChannel), ("text", "hi"), ("metadata", "{\"event_type\":1}")), "invalid_metadata_format");
        AssertError(await host.PostFormAsync("chat.postMessage", ("channel", SupportChannel), ("blocks", "not json")), "invalid_blocks_format");
        Assert.Empty(host.Slack.GetHistory(SupportChannel));
    }

    [Fact]
    public async Task ConversationsHistory_BadCursorOrTimestamps_AnswerSlackErrors()
    {
        await using var host = await StartAsync();

        AssertError(await host.PostFormAsync("conversations.history", ("channel", SupportChannel), ("cursor", "not-a-cursor")), "invalid_cursor");
        AssertError(await host.PostFormAsync("conversations.history", ("channel", SupportChannel), ("oldest", "last week")), "invalid_ts_oldest");
        AssertError(await host.PostFormAsync("conversations.history", ("channel", SupportChannel), ("latest", "now")), "invalid_ts_latest");
        AssertError(await host.PostFormAsync("conversations.replies", ("channel", SupportChannel)), "invalid_arguments");
    }
}
