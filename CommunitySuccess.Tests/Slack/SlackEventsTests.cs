using System.Text.Json;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Tests.TestSupport;

namespace CommunitySuccess.Tests.Slack;

public sealed class SlackEventsTests
{
    public static TheoryData<string> EventFixtures => [.. Fixtures.Files("slack/events").Select(Path.GetFileName).OfType<string>()];

    [Theory]
    [MemberData(nameof(EventFixtures))]
    public void EveryEventFixture_Parses_IntoTheTypeItsNameSays(string file)
    {
        var json = Fixtures.Read($"slack/events/{file}");
        var parts = file.Split('.');

        switch (parts[0])
        {
            case "url_verification":
                Assert.IsType<SlackUrlVerification>(SlackEvents.Parse(json));
                break;

            case "message":
                // An inner event only (no envelope).
                Assert.IsType<SlackMessageEvent>(SlackEvents.ParseInnerEvent(json));
                break;

            case "event_callback":
                var callback = Assert.IsType<SlackEventCallback>(SlackEvents.Parse(json));
                var innerType = parts[1];
                if (innerType.StartsWith("reaction_", StringComparison.Ordinal))
                {
                    var reaction = Assert.IsType<SlackReactionEvent>(callback.Event);
                    Assert.Equal(innerType, reaction.Type);
                }
                else
                {
                    var message = Assert.IsType<SlackMessageEvent>(callback.Event);
                    Assert.Equal("message", message.Type);
                    var subtype = innerType.StartsWith("message_", StringComparison.Ordinal) ? innerType
                        : parts[2] is "bot_message" or "thread_broadcast" ? parts[2]
                        : null;
                    Assert.Equal(subtype, message.Subtype);
                }

                break;

            default:
                Assert.Fail($"No expectation for event fixture {file}; name it <envelope type>.<event>.json.");
                break;
        }
    }

    [Fact]
    public void Parse_UrlVerification_ReturnsChallenge()
    {
        var result = SlackEvents.Parse(Fixtures.Read("slack/events/url_verification.json"));

        Assert.Equal("valid_challenge_token", Assert.IsType<SlackUrlVerification>(result).Challenge);
    }

    [Fact]
    public void Parse_ReactionAdded_ReturnsReactionItemAndUsers()
    {
        var callback = Assert.IsType<SlackEventCallback>(SlackEvents.Parse(Fixtures.Read("slack/events/event_callback.reaction_added.json")));

        Assert.Equal("T0JFD6M53", callback.TeamId);
        Assert.Equal("A28SCUES3", callback.ApiAppId);
        Assert.Null(callback.EventId);
        var reaction = Assert.IsType<SlackReactionEvent>(callback.Event);
        Assert.True(reaction.Added);
        Assert.Equal("grinning", reaction.Reaction);
        Assert.Equal("U27FFLNF4", reaction.User);
        Assert.Equal("U299ATJ2X", reaction.ItemUser);
        Assert.Equal(new SlackReactionItem("message", "D2AQCJCQ2", "1477958101.000004", null), reaction.Item);
        Assert.Equal("1477958240.864741", reaction.EventTs);
    }

    [Fact]
    public void Parse_ReactionRemoved_IsNotAddedAndKeepsItemTs()
    {
        var callback = Assert.IsType<SlackEventCallback>(SlackEvents.Parse(Fixtures.Read("slack/events/event_callback.reaction_removed.json")));

        var reaction = Assert.IsType<SlackReactionEvent>(callback.Event);
        Assert.False(reaction.Added);
        Assert.Equal("reaction_removed", reaction.Type);
        Assert.Equal("0000000000.000000", reaction.Item.Ts);
        Assert.Equal(12345, callback.EventTime);
    }

    [Fact]
    public void Parse_UserMessage_ReturnsChannelUserTextAndEventId()
    {
        var callback = Assert.IsType<SlackEventCallback>(SlackEvents.Parse(Fixtures.Read("slack/events/event_callback.message.json")));

        Assert.Equal("Ev079SP4TP1P", callback.EventId);
        Assert.Equal(1719209506, callback.EventTime);
        Assert.Equal(new DateTime(2024, 6, 24, 6, 11, 46, DateTimeKind.Utc), callback.EventTimeUtc);
        Assert.Equal("T06NRA6HM3P", callback.TeamId);
        var message = Assert.IsType<SlackMessageEvent>(callback.Event);
        Assert.Equal("C06NRA6JLER", message.Channel);
        Assert.Equal("channel", message.ChannelType);
        Assert.Null(message.Subtype);
        Assert.Equal("U06NU4E26M9", message.Message.User);
        Assert.Equal("Hello, this is a normal text message", message.Message.Text);
        Assert.Equal("1719209506.817929", message.Message.Ts);
        Assert.Null(message.Message.ThreadTs);
        Assert.Equal("7cc3cc17-2fed-4356-b3c2-48106ab3a209", message.Message.ClientMsgId);
    }

    [Fact]
    public void Parse_BotMessageFromIntegration_HasBotIdAndNoUser()
    {
        var callback = Assert.IsType<SlackEventCallback>(SlackEvents.Parse(Fixtures.Read("slack/events/event_callback.message.bot_message.json")));

        var message = Assert.IsType<SlackMessageEvent>(callback.Event);
        Assert.Equal(SlackMessageSubtypes.BotMessage, message.Subtype);
        Assert.Null(message.Message.User);
        Assert.Equal("B06NWMNUQ3W", message.Message.BotId);
        Assert.Equal("ClickUp", message.Message.Username);
        Assert.Equal("A3G4A68V9", message.Message.AppId);
        Assert.Equal("*Task status changed* from `complete` to `to do`", message.Message.Text);
    }

    [Fact]
    public void Parse_MessageChangedSample_CarriesNewAndPreviousMessage()
    {
        var callback = Assert.IsType<SlackEventCallback>(SlackEvents.Parse(Fixtures.Read("slack/events/event_callback.message_changed.json")));

        var message = Assert.IsType<SlackMessageEvent>(callback.Event);
        Assert.Equal(SlackMessageSubtypes.MessageChanged, message.Subtype);
        Assert.NotNull(message.Changed);
        Assert.NotNull(message.Previous);
        Assert.Equal(123, message.Changed.ReplyCount);
        Assert.NotNull(message.Changed.Edited);
        Assert.NotNull(message.Previous.BotProfile);
    }

    [Fact]
    public void Parse_MessageChangedWithRealText_GivesNewAndPreviousText()
    {
        const string json = """
            {"token":"XXYYZZ","team_id":"T123ABC456","api_app_id":"A123ABC456","type":"event_callback","event_id":"Ev1","event_time":1358878755,
             "event":{"type":"message","subtype":"message_changed","hidden":true,"channel":"C123ABC456","ts":"1358878755.000001","event_ts":"1358878755.000001",
               "message":{"type":"message","user":"U123ABC456","text":"Hello, world!","ts":"1355517523.000005","edited":{"user":"U123ABC456","ts":"1358878755.000001"}},
               "previous_message":{"type":"message","user":"U123ABC456","text":"Hello, wrld!","ts":"1355517523.000005"}}}
            """;

        var message = Assert.IsType<SlackMessageEvent>(Assert.IsType<SlackEventCallback>(SlackEvents.Parse(json)).Event);

        Assert.True(message.Message.Hidden);
        Assert.Equal("Hello, world!", message.Changed?.Text);
        Assert.Equal("Hello, wrld!", message.Previous?.Text);
        Assert.Equal("1355517523.000005", message.Changed?.Ts);
        Assert.Equal("1358878755.000001", message.Changed?.Edited?.Ts);
    }

    [Fact]
    public void Parse_MessageDeleted_GivesDeletedTs()
    {
        const string json = """
            {"token":"XXYYZZ","team_id":"T123ABC456","api_app_id":"A123ABC456","type":"event_callback","event_id":"Ev2","event_time":123456789,
             "event":{"type":"message","subtype":"message_deleted","hidden":true,"channel":"C123ABC456","ts":"1358878755.000001","deleted_ts":"1358878749.000002",
               "previous_message":{"type":"message","user":"U1","text":"gone","ts":"1358878749.000002"}}}
            """;

        var message = Assert.IsType<SlackMessageEvent>(Assert.IsType<SlackEventCallback>(SlackEvents.Parse(json)).Event);

        Assert.Equal(SlackMessageSubtypes.MessageDeleted, message.Subtype);
        Assert.Equal("1358878749.000002", message.DeletedTs);
        Assert.Equal("gone", message.Previous?.Text);
        Assert.Equal("C123ABC456", message.Channel);
    }

    [Fact]
    public void Parse_ThreadBroadcast_HasSubtypeAndRoot()
    {
        var callback = Assert.IsType<SlackEventCallback>(SlackEvents.Parse(Fixtures.Read("slack/events/event_callback.message.thread_broadcast.json")));

        var message = Assert.IsType<SlackMessageEvent>(callback.Event);
        Assert.Equal(SlackMessageSubtypes.ThreadBroadcast, message.Subtype);
        Assert.NotNull(message.Message.Root);
        Assert.Equal(123, message.Message.Root.ReplyCount);
    }

    [Fact]
    public void Parse_MessageAllFieldsSample_ReadsMetadataEditedAndBotProfile()
    {
        var callback = Assert.IsType<SlackEventCallback>(SlackEvents.Parse(Fixtures.Read("slack/events/event_callback.message.all_fields.json")));

        var message = Assert.IsType<SlackMessageEvent>(callback.Event).Message;
        Assert.NotNull(message.Metadata);
        Assert.Equal("", message.Metadata.EventType);
        Assert.NotNull(message.Edited);
        Assert.NotNull(message.BotProfile);
        Assert.False(message.BotProfile.Deleted);
        Assert.Empty(message.Reactions);
    }

    [Fact]
    public void ParseInnerEvent_AppHomeMessage_ReturnsChannelTypeAndText()
    {
        var message = Assert.IsType<SlackMessageEvent>(SlackEvents.ParseInnerEvent(Fixtures.Read("slack/events/message.inner_event.app_home.json")));

        Assert.Equal("D0PNCRP9N", message.Channel);
        Assert.Equal("app_home", message.ChannelType);
        Assert.Equal("1525215129.000001", message.EventTs);
        Assert.Equal("U061F7AUR", message.Message.User);
        Assert.Equal("How many cats did we herd yesterday?", message.Message.Text);
    }

    [Fact]
    public void Parse_MessageWithReactionsFilesAndMetadataPayload_ReadsThem()
    {
        const string json = """
            {"type":"message","channel":"C1","user":"U1","text":"see file","ts":"1700000000.000100","thread_ts":"1700000000.000100",
             "reply_count":2,"reply_users_count":1,"latest_reply":"1700000100.000200","reply_users":["U2"],
             "reactions":[{"name":"eyes","users":["U2"],"count":1}],
             "files":[{"id":"F1","name":"log.txt","title":"log","mimetype":"text/plain","url_private":"https://files.example/F1","permalink":"https://x.example/F1"}],
             "metadata":{"event_type":"cs_outbox","event_payload":{"outbox_id":"42"}}}
            """;

        var message = Assert.IsType<SlackMessageEvent>(SlackEvents.ParseInnerEvent(json)).Message;

        Assert.Equal(2, message.ReplyCount);
        Assert.Equal("1700000100.000200", message.LatestReply);
        Assert.Equal(["U2"], message.ReplyUsers);
        Assert.Equal("eyes", Assert.Single(message.Reactions).Name);
        var file = Assert.Single(message.Files);
        Assert.Equal("https://files.example/F1", file.UrlPrivate);
        Assert.Equal("text/plain", file.Mimetype);
        Assert.Equal("cs_outbox", message.Metadata?.EventType);
        Assert.Equal("42", message.Metadata?.EventPayload?["outbox_id"]?.GetValue<string>());
    }

    [Fact]
    public void Parse_AppRateLimited_ReturnsTheMinute()
    {
        const string json = """{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","type":"app_rate_limited","team_id":"T123456","minute_rate_limited":1518467820,"api_app_id":"A123456"}""";

        var limited = Assert.IsType<SlackAppRateLimited>(SlackEvents.Parse(json));

        Assert.Equal(new SlackAppRateLimited("T123456", "A123456", 1518467820), limited);
    }

    [Fact]
    public void Parse_UnknownEnvelopeType_IsKeptAsUnknown()
    {
        var unknown = Assert.IsType<SlackUnknownEnvelope>(SlackEvents.Parse("""{"type":"app_deleted","team_id":"T1"}"""));

        Assert.Equal("app_deleted", unknown.Type);
        Assert.Equal("T1", unknown.Raw.GetProperty("team_id").GetString());
    }

    [Fact]
    public void Parse_UnknownInnerEvent_IsKeptAsUnknownWithItsBody()
    {
        const string json = """{"type":"event_callback","event_id":"Ev3","event":{"type":"app_mention","user":"U1","text":"<@U0> hi","event_ts":"1.000001"}}""";

        var callback = Assert.IsType<SlackEventCallback>(SlackEvents.Parse(json));

        var unknown = Assert.IsType<SlackUnknownInnerEvent>(callback.Event);
        Assert.Equal("app_mention", unknown.Type);
        Assert.Equal("1.000001", unknown.EventTs);
        Assert.Equal("<@U0> hi", unknown.Raw.GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("")]
    [InlineData("[1,2]")]
    [InlineData("\"event_callback\"")]
    public void Parse_MalformedBody_ThrowsSlackPayloadException(string body)
    {
        var ex = Assert.Throws<SlackPayloadException>(() => SlackEvents.Parse(body));

        Assert.NotEmpty(ex.Message);
    }

    [Fact]
    public void ParseInnerEvent_MalformedJson_ThrowsSlackPayloadExceptionWrappingJsonException()
    {
        var ex = Assert.Throws<SlackPayloadException>(() => SlackEvents.ParseInnerEvent("{\"type\":"));

        Assert.IsAssignableFrom<JsonException>(ex.InnerException);
    }

    [Fact]
    public void Parse_EventCallbackWithoutEvent_ThrowsSlackPayloadException()
    {
        var ex = Assert.Throws<SlackPayloadException>(() => SlackEvents.Parse("""{"type":"event_callback","event_id":"Ev4"}"""));

        Assert.Contains("'event'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UrlVerificationWithoutChallenge_ThrowsSlackPayloadException()
    {
        Assert.Throws<SlackPayloadException>(() => SlackEvents.Parse("""{"type":"url_verification"}"""));
    }

    [Fact]
    public void ParseInnerEvent_ReactionWithoutItem_ThrowsSlackPayloadException()
    {
        var ex = Assert.Throws<SlackPayloadException>(() =>
            SlackEvents.ParseInnerEvent("""{"type":"reaction_added","user":"U1","reaction":"eyes"}"""));

        Assert.Contains("'item'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseInnerEvent_MessageWithWrongFieldType_ThrowsSlackPayloadException()
    {
        var ex = Assert.Throws<SlackPayloadException>(() =>
            SlackEvents.ParseInnerEvent("""{"type":"message","ts":"1.000001","reply_count":{"not":"a number"}}"""));

        Assert.IsAssignableFrom<JsonException>(ex.InnerException);
    }
}
