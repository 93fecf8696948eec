using System.Text.Json;
using CommunitySuccess.Sandbox.Slack;
using CommunitySuccess.Tests.TestSupport;
using static CommunitySuccess.Tests.Sandbox.SandboxTestHost;

namespace CommunitySuccess.Tests.Sandbox;

/// <summary>Each Web API method answers with the field names and value kinds of Slack's published samples.</summary>
public sealed class SlackWireFormatTests
{
    private static JsonElement Fixture(string name) => JsonDocument.Parse(Fixtures.Read($"slack/web/{name}")).RootElement.Clone();

    [Fact]
    public async Task AuthTest_WithBotToken_MatchesFixtureShapeAndNamesTheBot()
    {
        await using var host = await StartAsync();

        var answer = await host.PostFormAsync("auth.test");

        JsonShape.AssertHasShapeOf(Fixture("auth.test.json"), answer);
        Assert.Equal(host.Slack.BotUserId, answer.GetProperty("user_id").GetString());
        Assert.Equal(host.Slack.BotId, answer.GetProperty("bot_id").GetString());
        Assert.Equal("https://sandbox.slack.com/", answer.GetProperty("url").GetString());
    }

    [Fact]
    public async Task ConversationsHistory_UserMessages_MatchFixtureShape()
    {
        await using var host = await StartAsync();
        host.Slack.PostAsUser(SupportChannel, Asker, "first question");
        host.Slack.PostAsUser(SupportChannel, Asker, "second question");

        var answer = await host.PostFormAsync("conversations.history", ("channel", SupportChannel), ("limit", "1"));

        JsonShape.AssertHasShapeOf(Fixture("conversations.history.json"), answer);
        Assert.True(answer.GetProperty("has_more").GetBoolean());
    }

    [Fact]
    public async Task ConversationsHistory_UnknownChannel_MatchesErrorFixture()
    {
        await using var host = await StartAsync();

        var answer = await host.PostFormAsync("conversations.history", ("channel", "C0NOSUCH000"));

        JsonShape.AssertHasShapeOf(Fixture("conversations.history.error.json"), answer);
        AssertError(answer, "channel_not_found");
    }

    [Fact]
    public async Task ConversationsReplies_Thread_MatchesFixtureShapeForParentAndReplies()
    {
        await using var host = await StartAsync();
        var parent = host.Slack.PostAsUser(SupportChannel, Asker, "island");
        host.Slack.PostAsUser(SupportChannel, Helper, "one island", parent);
        host.Slack.PostAsUser(SupportChannel, Asker, "two island", parent);
        host.Slack.PostAsUser(SupportChannel, Helper, "three for the land", parent);

        var answer = await host.PostFormAsync("conversations.replies", ("channel", SupportChannel), ("ts", parent), ("limit", "3"));

        // last_read and unread_count are only sent to user tokens; our app calls with a bot token.
        JsonShape.AssertHasShapeOf(Fixture("conversations.replies.json"), answer, "$.messages[].last_read", "$.messages[].unread_count");
    }

    [Fact]
    public async Task ConversationsInfo_KnownChannel_MatchesFixtureShape()
    {
        await using var host = await StartAsync();

        var answer = await host.GetAsync("conversations.info", ("channel", SupportChannel));

        JsonShape.AssertHasShapeOf(Fixture("conversations.info.json"), answer);
        Assert.Equal("support", answer.GetProperty("channel").GetProperty("name").GetString());
    }

    [Fact]
    public async Task UsersInfo_Person_MatchesFixtureShapeWithTimeZone()
    {
        await using var host = await StartAsync();

        var answer = await host.PostFormAsync("users.info", ("user", Asker));

        JsonShape.AssertHasShapeOf(Fixture("users.info.json"), answer);
        var user = answer.GetProperty("user");
        Assert.Equal("Asia/Kolkata", user.GetProperty("tz").GetString());
        Assert.Equal(19800, user.GetProperty("tz_offset").GetInt32());
        Assert.Equal("India Standard Time", user.GetProperty("tz_label").GetString());
        Assert.Equal("priya@example.com", user.GetProperty("profile").GetProperty("email").GetString());
    }

    [Fact]
    public async Task UsersInfo_DeletedBot_MatchesDeletedFixtureWithoutTimeZone()
    {
        await using var host = await StartAsync();
        host.Slack.AddUser(new SlackUser { Id = "U0DELETEDB1", Name = "aws", RealName = "AWS Cloud", DisplayName = "aws", IsBot = true, BotId = "B0DELETEDB1", Deleted = true });

        var answer = await host.PostFormAsync("users.info", ("user", "U0DELETEDB1"));

        JsonShape.AssertHasShapeOf(Fixture("users.info.deleted_bot.json"), answer);
        var user = answer.GetProperty("user");
        Assert.True(user.GetProperty("deleted").GetBoolean());
        Assert.False(user.TryGetProperty("tz", out _));
        Assert.False(user.TryGetProperty("tz_offset", out _));
    }

    [Fact]
    public async Task UsersInfo_UnknownUser_AnswersUserNotFound()
    {
        await using var host = await StartAsync();

        AssertError(await host.PostFormAsync("users.info", ("user", "U0NOSUCH000")), "user_not_found");
    }

    [Fact]
    public async Task ChatPostMessage_WithUsername_MatchesFixtureShapeAndCarriesBotAndUser()
    {
        await using var host = await StartAsync();

        var answer = await host.PostFormAsync("chat.postMessage", ("channel", SupportChannel), ("text", "Here's a message for you"), ("username", "ecto1"));

        // The fixture is a legacy integration post (subtype bot_message, attachments); a bot-token post has no subtype.
        JsonShape.AssertHasShapeOf(Fixture("chat.postMessage.json"), answer, "$.message.attachments", "$.message.subtype");
        var message = answer.GetProperty("message");
        Assert.Equal(host.Slack.BotId, message.GetProperty("bot_id").GetString());
        Assert.Equal(host.Slack.BotUserId, message.GetProperty("user").GetString());
        Assert.Equal(host.Slack.AppId, message.GetProperty("app_id").GetString());
        Assert.Equal("ecto1", message.GetProperty("username").GetString());
        Assert.False(message.TryGetProperty("subtype", out _));
        Assert.Equal(answer.GetProperty("ts").GetString(), message.GetProperty("ts").GetString());
    }

    [Fact]
    public async Task ChatUpdate_OwnMessage_MatchesFixtureShapeAndMarksEdited()
    {
        await using var host = await StartAsync();
        var ts = (await host.PostFormAsync("chat.postMessage", ("channel", SupportChannel), ("text", "draft"))).GetProperty("ts").GetString()!;

        var answer = await host.PostFormAsync("chat.update", ("channel", SupportChannel), ("ts", ts), ("text", "Updated text you carefully authored"));

        JsonShape.AssertHasShapeOf(Fixture("chat.update.json"), answer);
        Assert.Equal(host.Slack.BotUserId, answer.GetProperty("message").GetProperty("edited").GetProperty("user").GetString());
        Assert.Equal("Updated text you carefully authored", host.Slack.GetMessage(SupportChannel, ts)!.Text);
    }

    [Fact]
    public async Task ChatDelete_OwnMessage_MatchesFixtureShape()
    {
        await using var host = await StartAsync();
        var ts = (await host.PostFormAsync("chat.postMessage", ("channel", SupportChannel), ("text", "oops"))).GetProperty("ts").GetString()!;

        var answer = await host.PostFormAsync("chat.delete", ("channel", SupportChannel), ("ts", ts));

        JsonShape.AssertHasShapeOf(Fixture("chat.delete.json"), answer);
        Assert.Null(host.Slack.GetMessage(SupportChannel, ts));
    }

    [Fact]
    public async Task ChatGetPermalink_Reply_MatchesFixtureShapeWithThreadQuery()
    {
        await using var host = await StartAsync();
        var parent = host.Slack.PostAsUser(SupportChannel, Asker, "question");
        var reply = host.Slack.PostAsUser(SupportChannel, Helper, "answer", parent);

        var answer = await host.PostFormAsync("chat.getPermalink", ("channel", SupportChannel), ("message_ts", reply));

        JsonShape.AssertHasShapeOf(Fixture("chat.getPermalink.json"), answer);
        Assert.Equal($"https://sandbox.slack.com/archives/{SupportChannel}/p{reply.Replace(".", "", StringComparison.Ordinal)}?thread_ts={parent}&cid={SupportChannel}", answer.GetProperty("permalink").GetString());
    }

    [Fact]
    public async Task ReactionsAddAndRemove_MatchFixtureShape()
    {
        await using var host = await StartAsync();
        var ts = host.Slack.PostAsUser(SupportChannel, Asker, "question");

        var added = await host.PostFormAsync("reactions.add", ("channel", SupportChannel), ("timestamp", ts), ("name", "eyes"));
        var reactions = host.Slack.GetReactions(SupportChannel, ts);
        var removed = await host.PostFormAsync("reactions.remove", ("channel", SupportChannel), ("timestamp", ts), ("name", "eyes"));

        JsonShape.AssertHasShapeOf(Fixture("reactions.add.json"), added);
        JsonShape.AssertHasShapeOf(Fixture("reactions.remove.json"), removed);
        Assert.Equal([host.Slack.BotUserId], Assert.Single(reactions).Users);
        Assert.Empty(host.Slack.GetReactions(SupportChannel, ts));
    }

    [Fact]
    public async Task UsergroupsUsersUpdate_KnownGroup_ReplacesMembersAndReturnsUsergroup()
    {
        await using var host = await StartAsync();
        host.Slack.AddUserGroup("S0ONCALL001", "oncall", "On call", [Helper]);

        var answer = await host.PostFormAsync("usergroups.users.update", ("usergroup", "S0ONCALL001"), ("users", $"{Asker},{Helper}"));

        AssertOk(answer);
        var group = answer.GetProperty("usergroup");
        Assert.Equal("S0ONCALL001", group.GetProperty("id").GetString());
        Assert.Equal([Asker, Helper], group.GetProperty("users").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal([Asker, Helper], host.Slack.UserGroupMembers("S0ONCALL001"));
    }

    [Fact]
    public async Task UsergroupsUsersUpdate_UnknownUser_AnswersInvalidUsersAndKeepsMembers()
    {
        await using var host = await StartAsync();
        host.Slack.AddUserGroup("S0ONCALL001", "oncall", "On call", [Helper]);

        AssertError(await host.PostFormAsync("usergroups.users.update", ("usergroup", "S0ONCALL001"), ("users", "U0NOSUCH000")), "invalid_users");
        AssertError(await host.PostFormAsync("usergroups.users.update", ("usergroup", "S0NOSUCH000"), ("users", Asker)), "no_such_subteam");
        Assert.Equal([Helper], host.Slack.UserGroupMembers("S0ONCALL001"));
    }
}
