using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CommunitySuccess.Tests.TestSupport;
using static CommunitySuccess.Tests.Sandbox.SandboxTestHost;

namespace CommunitySuccess.Tests.Sandbox;

/// <summary>Events API callbacks: signed as Slack signs them and shaped like Slack's published samples.</summary>
public sealed class SlackEventsTests
{
    private static JsonElement Fixture(string name) => JsonDocument.Parse(Fixtures.Read($"slack/events/{name}")).RootElement.Clone();

    [Fact]
    public async Task PostAsUser_WithEventsUrl_SendsSignedMessageEventShapedLikeFixture()
    {
        await using var receiver = await SlackEventReceiver.StartAsync();
        await using var host = await StartAsync(eventsUrl: receiver.Url);

        var ts = host.Slack.PostAsUser(SupportChannel, Asker, "Hello, this is a normal text message");
        var received = await receiver.NextAsync();

        var expectedSignature = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(host.Slack.SigningSecret), Encoding.UTF8.GetBytes($"v0:{received.Timestamp}:{received.Body}")));
        Assert.Equal(expectedSignature, received.Signature);
        Assert.Equal(Start.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), received.Timestamp);
        Assert.StartsWith("application/json", received.ContentType, StringComparison.Ordinal);

        JsonShape.AssertHasShapeOf(Fixture("event_callback.message.json"), received.Json);
        var evt = received.Event;
        Assert.Equal("event_callback", received.Json.GetProperty("type").GetString());
        Assert.StartsWith("Ev", received.Json.GetProperty("event_id").GetString(), StringComparison.Ordinal);
        Assert.Equal(host.Slack.BotUserId, received.Json.GetProperty("authorizations")[0].GetProperty("user_id").GetString());
        Assert.Equal(ts, evt.GetProperty("ts").GetString());
        Assert.Equal(Asker, evt.GetProperty("user").GetString());
        Assert.Equal(SupportChannel, evt.GetProperty("channel").GetString());
    }

    [Fact]
    public async Task ReplyInThread_SendsMessageEventWithThreadTsAndParentUser()
    {
        await using var receiver = await SlackEventReceiver.StartAsync();
        await using var host = await StartAsync(eventsUrl: receiver.Url);
        var parent = host.Slack.PostAsUser(SupportChannel, Asker, "question");
        await receiver.NextAsync();

        host.Slack.PostAsUser(SupportChannel, Asker, "any news?", parent);
        var evt = (await receiver.NextAsync()).Event;

        Assert.Equal(parent, evt.GetProperty("thread_ts").GetString());
        Assert.Equal(Asker, evt.GetProperty("parent_user_id").GetString());
    }

    [Fact]
    public async Task ReactAndUnreact_SendReactionEventsShapedLikeFixtures()
    {
        await using var receiver = await SlackEventReceiver.StartAsync();
        await using var host = await StartAsync(eventsUrl: receiver.Url);
        var ts = host.Slack.PostAsUser(SupportChannel, Asker, "question");
        await receiver.NextAsync();

        host.Slack.React(SupportChannel, ts, Helper, "white_check_mark");
        var added = await receiver.NextAsync();
        host.Slack.Unreact(SupportChannel, ts, Helper, "white_check_mark");
        var removed = await receiver.NextAsync();

        // authed_users is the deprecated forerunner of authorizations, which the sandbox sends instead.
        JsonShape.AssertHasShapeOf(Fixture("event_callback.reaction_added.json"), added.Json, "$.authed_users");
        JsonShape.AssertFieldsKnownTo(Fixture("event_callback.reaction_removed.json"), removed.Json);
        Assert.Equal("white_check_mark", added.Event.GetProperty("reaction").GetString());
        Assert.Equal(Helper, added.Event.GetProperty("user").GetString());
        Assert.Equal(Asker, added.Event.GetProperty("item_user").GetString());
        Assert.Equal(ts, added.Event.GetProperty("item").GetProperty("ts").GetString());
        Assert.Equal("reaction_removed", removed.Event.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Edit_SendsMessageChangedWithOldAndNewMessage()
    {
        await using var receiver = await SlackEventReceiver.StartAsync();
        await using var host = await StartAsync(eventsUrl: receiver.Url);
        var ts = host.Slack.PostAsUser(SupportChannel, Asker, "teh question");
        await receiver.NextAsync();

        host.Slack.Edit(SupportChannel, ts, "the question");
        var changed = await receiver.NextAsync();

        // The union sample predates context_team_id (see event_callback.message.json) and lists no rich_text block.
        JsonShape.AssertFieldsKnownTo(Fixture("event_callback.message_changed.json"), changed.Json,
            "$.context_team_id", "$.context_enterprise_id", "$.event.message.blocks", "$.event.previous_message.blocks");
        var evt = changed.Event;
        Assert.Equal("message_changed", evt.GetProperty("subtype").GetString());
        Assert.Equal("the question", evt.GetProperty("message").GetProperty("text").GetString());
        Assert.Equal(Asker, evt.GetProperty("message").GetProperty("edited").GetProperty("user").GetString());
        Assert.Equal("teh question", evt.GetProperty("previous_message").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Delete_SendsMessageDeleted_OrMessageChangedToTombstoneForAParentWithReplies()
    {
        await using var receiver = await SlackEventReceiver.StartAsync();
        await using var host = await StartAsync(eventsUrl: receiver.Url);
        var lonely = host.Slack.PostAsUser(SupportChannel, Asker, "nobody answered");
        var parent = host.Slack.PostAsUser(SupportChannel, Asker, "question");
        host.Slack.PostAsUser(SupportChannel, Helper, "answer", parent);
        await receiver.NextAsync();
        await receiver.NextAsync();
        await receiver.NextAsync();

        host.Slack.Delete(SupportChannel, lonely);
        var deleted = (await receiver.NextAsync()).Event;
        host.Slack.Delete(SupportChannel, parent);
        var tombstoned = (await receiver.NextAsync()).Event;

        Assert.Equal("message_deleted", deleted.GetProperty("subtype").GetString());
        Assert.Equal(lonely, deleted.GetProperty("deleted_ts").GetString());
        Assert.True(deleted.GetProperty("hidden").GetBoolean());
        Assert.Equal("nobody answered", deleted.GetProperty("previous_message").GetProperty("text").GetString());
        Assert.Equal("message_changed", tombstoned.GetProperty("subtype").GetString());
        Assert.Equal("tombstone", tombstoned.GetProperty("message").GetProperty("subtype").GetString());
    }

    [Fact]
    public async Task BotPostThroughApi_SendsMessageEventWithBotIdAndUser()
    {
        await using var receiver = await SlackEventReceiver.StartAsync();
        await using var host = await StartAsync(eventsUrl: receiver.Url);

        await host.PostFormAsync("chat.postMessage", ("channel", SupportChannel), ("text", "Hi from the desk"));
        var evt = (await receiver.NextAsync()).Event;

        // app_id is on bot posts (see event_callback.message.bot_message.json) but missing from the union sample.
        JsonShape.AssertFieldsKnownTo(Fixture("event_callback.message.all_fields.json").GetProperty("event"), evt, "$.app_id");
        Assert.Equal(host.Slack.BotId, evt.GetProperty("bot_id").GetString());
        Assert.Equal(host.Slack.BotUserId, evt.GetProperty("user").GetString());
    }

    [Fact]
    public async Task PostAsUser_SlowReceiver_DoesNotBlockTheStateChange()
    {
        await using var receiver = await SlackEventReceiver.StartAsync(answerDelay: TimeSpan.FromSeconds(5));
        await using var host = await StartAsync(eventsUrl: receiver.Url);

        var watch = Stopwatch.StartNew();
        host.Slack.PostAsUser(SupportChannel, Asker, "first");
        host.Slack.PostAsUser(SupportChannel, Asker, "second");

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"posting took {watch.Elapsed}");
        Assert.Equal(2, host.Slack.GetHistory(SupportChannel).Count);
    }

    [Fact]
    public async Task UnreachableOrFailingReceiver_IsRecordedNotThrown()
    {
        await using var failing = await SlackEventReceiver.StartAsync(statusCode: 500);
        // Slack would retry each failure three times (SlackStrictnessTests covers that); here only first attempts count.
        await using var host = await StartAsync(eventsUrl: failing.Url, eventRetryDelays: []);

        host.Slack.PostAsUser(SupportChannel, Asker, "to a failing receiver");
        await host.Slack.WhenEventsDeliveredAsync(TestContext.Current.CancellationToken);
        var closedPort = failing.Url;
        await failing.DisposeAsync();
        host.Slack.EventsUrl = closedPort;
        host.Slack.PostAsUser(SupportChannel, Asker, "to nobody");
        await host.Slack.WhenEventsDeliveredAsync(TestContext.Current.CancellationToken);

        var deliveries = host.Slack.EventDeliveries;
        Assert.Equal(2, deliveries.Count);
        Assert.Equal(500, deliveries[0].StatusCode);
        Assert.Null(deliveries[1].StatusCode);
        Assert.All(deliveries, d => Assert.False(d.Delivered));
        Assert.Equal(2, host.Slack.GetHistory(SupportChannel).Count);
    }

    [Fact]
    public async Task NoEventsUrl_SendsNothing()
    {
        await using var host = await StartAsync();

        host.Slack.PostAsUser(SupportChannel, Asker, "quiet");
        await host.Slack.WhenEventsDeliveredAsync(TestContext.Current.CancellationToken);

        Assert.Empty(host.Slack.EventDeliveries);
    }
}
