using static CommunitySuccess.Tests.Sandbox.SandboxTestHost;

namespace CommunitySuccess.Tests.Sandbox;

/// <summary>Writes through the Web API: who may change what, deletions, reactions.</summary>
public sealed class SlackMessagingTests
{
    [Fact]
    public async Task ChatUpdateAndDelete_SomeoneElsesMessage_AreRefusedAndChangeNothing()
    {
        await using var host = await StartAsync();
        var ts = host.Slack.PostAsUser(SupportChannel, Asker, "my question");

        AssertError(await host.PostFormAsync("chat.update", ("channel", SupportChannel), ("ts", ts), ("text", "hijacked")), "cant_update_message");
        AssertError(await host.PostFormAsync("chat.delete", ("channel", SupportChannel), ("ts", ts)), "cant_delete_message");

        Assert.Equal("my question", host.Slack.GetMessage(SupportChannel, ts)!.Text);
    }

    [Fact]
    public async Task ChatUpdateDeleteAndPermalink_UnknownTs_AnswerMessageNotFound()
    {
        await using var host = await StartAsync();

        AssertError(await host.PostFormAsync("chat.update", ("channel", SupportChannel), ("ts", "1700000000.000100"), ("text", "x")), "message_not_found");
        AssertError(await host.PostFormAsync("chat.delete", ("channel", SupportChannel), ("ts", "1700000000.000100")), "message_not_found");
        AssertError(await host.PostFormAsync("chat.getPermalink", ("channel", SupportChannel), ("message_ts", "1700000000.000100")), "message_not_found");
        AssertError(await host.PostFormAsync("reactions.add", ("channel", SupportChannel), ("timestamp", "1700000000.000100"), ("name", "eyes")), "message_not_found");
    }

    [Fact]
    public async Task ChatDelete_ParentWithReplies_LeavesTombstoneThatVanishesWithItsLastReply()
    {
        await using var host = await StartAsync();
        var parent = (await host.PostFormAsync("chat.postMessage", ("channel", SupportChannel), ("text", "announcement"))).GetProperty("ts").GetString()!;
        var reply = (await host.PostFormAsync("chat.postMessage", ("channel", SupportChannel), ("thread_ts", parent), ("text", "details"))).GetProperty("ts").GetString()!;

        AssertOk(await host.PostFormAsync("chat.delete", ("channel", SupportChannel), ("ts", parent)));
        var history = await host.PostFormAsync("conversations.history", ("channel", SupportChannel));
        var tombstone = Assert.Single(history.GetProperty("messages").EnumerateArray());
        Assert.Equal("tombstone", tombstone.GetProperty("subtype").GetString());
        Assert.Equal("This message was deleted.", tombstone.GetProperty("text").GetString());
        Assert.Equal("USLACKBOT", tombstone.GetProperty("user").GetString());
        Assert.Equal(1, tombstone.GetProperty("reply_count").GetInt32());
        AssertError(await host.PostFormAsync("chat.update", ("channel", SupportChannel), ("ts", parent), ("text", "x")), "message_not_found");

        AssertOk(await host.PostFormAsync("chat.delete", ("channel", SupportChannel), ("ts", reply)));
        var after = await host.PostFormAsync("conversations.history", ("channel", SupportChannel));
        Assert.Equal(0, after.GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task ChatDelete_Reply_VanishesAndParentSummaryDrops()
    {
        await using var host = await StartAsync();
        var parent = host.Slack.PostAsUser(SupportChannel, Asker, "question");
        var reply = (await host.PostFormAsync("chat.postMessage", ("channel", SupportChannel), ("thread_ts", parent), ("text", "wrong thread, sorry"))).GetProperty("ts").GetString()!;

        AssertOk(await host.PostFormAsync("chat.delete", ("channel", SupportChannel), ("ts", reply)));

        var history = await host.PostFormAsync("conversations.history", ("channel", SupportChannel));
        var summary = Assert.Single(history.GetProperty("messages").EnumerateArray());
        Assert.False(summary.TryGetProperty("reply_count", out _));
        Assert.Single(host.Slack.GetThread(SupportChannel, parent));
    }

    [Fact]
    public async Task Reactions_Twice_AnswerAlreadyReactedAndRemovingMissingAnswersNoReaction()
    {
        await using var host = await StartAsync();
        var ts = host.Slack.PostAsUser(SupportChannel, Asker, "question");

        AssertOk(await host.PostFormAsync("reactions.add", ("channel", SupportChannel), ("timestamp", ts), ("name", ":white_check_mark:")));
        AssertError(await host.PostFormAsync("reactions.add", ("channel", SupportChannel), ("timestamp", ts), ("name", "white_check_mark")), "already_reacted");
        AssertError(await host.PostFormAsync("reactions.remove", ("channel", SupportChannel), ("timestamp", ts), ("name", "eyes")), "no_reaction");
        AssertError(await host.PostFormAsync("reactions.add", ("channel", SupportChannel), ("timestamp", ts), ("name", "")), "invalid_name");

        Assert.Equal("white_check_mark", Assert.Single(host.Slack.GetReactions(SupportChannel, ts)).Name);
    }

    [Fact]
    public async Task ReactionsByPeopleAndBot_ShowTogetherInReplies()
    {
        await using var host = await StartAsync();
        var parent = host.Slack.PostAsUser(SupportChannel, Asker, "question");
        host.Slack.React(SupportChannel, parent, Helper, "eyes");
        await host.PostFormAsync("reactions.add", ("channel", SupportChannel), ("timestamp", parent), ("name", "eyes"));
        host.Slack.React(SupportChannel, parent, Asker, "pray");
        host.Slack.Unreact(SupportChannel, parent, Asker, "pray");

        var answer = await host.PostFormAsync("conversations.replies", ("channel", SupportChannel), ("ts", parent));

        var reaction = Assert.Single(answer.GetProperty("messages")[0].GetProperty("reactions").EnumerateArray());
        Assert.Equal(2, reaction.GetProperty("count").GetInt32());
        Assert.Equal([Helper, host.Slack.BotUserId], reaction.GetProperty("users").EnumerateArray().Select(u => u.GetString()));
    }

    [Fact]
    public async Task EditByAuthor_MarksEditedInHistory()
    {
        await using var host = await StartAsync();
        var ts = host.Slack.PostAsUser(SupportChannel, Asker, "teh question");
        host.Time.Advance(TimeSpan.FromMinutes(2));

        host.Slack.Edit(SupportChannel, ts, "the question");

        var message = (await host.PostFormAsync("conversations.history", ("channel", SupportChannel))).GetProperty("messages")[0];
        Assert.Equal("the question", message.GetProperty("text").GetString());
        Assert.Equal(Asker, message.GetProperty("edited").GetProperty("user").GetString());
        Assert.Equal(Start.AddMinutes(2).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), message.GetProperty("edited").GetProperty("ts").GetString()![..10]);
    }

    [Fact]
    public async Task PersonMessage_CarriesRichTextBlockWithMentionsLinksAndCode()
    {
        await using var host = await StartAsync();
        var ts = host.Slack.PostAsUser(SupportChannel, Asker, "<@U0TESTHELP1> see <https://docs.example.com|docs> :tada:\n```\nstack trace\n```");

        var message = (await host.PostFormAsync("conversations.history", ("channel", SupportChannel))).GetProperty("messages")[0];

        Assert.Equal(ts, message.GetProperty("ts").GetString());
        Assert.False(string.IsNullOrEmpty(message.GetProperty("client_msg_id").GetString()));
        var block = message.GetProperty("blocks")[0];
        Assert.Equal("rich_text", block.GetProperty("type").GetString());
        var section = block.GetProperty("elements")[0].GetProperty("elements").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["user", "text", "link", "text", "emoji", "text"], section);
        Assert.Equal("rich_text_preformatted", block.GetProperty("elements")[1].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Files_OnMessage_AreListedWithSlackFileFields()
    {
        await using var host = await StartAsync();
        host.Slack.AddMessage(new CommunitySuccess.Sandbox.Slack.SlackMessageDraft
        {
            ChannelId = SupportChannel,
            UserId = Asker,
            Text = "log attached",
            Files = [new("F0TESTFILE1", "error.log", "error.log", "text/plain", 1234)],
        });

        var file = (await host.PostFormAsync("conversations.history", ("channel", SupportChannel))).GetProperty("messages")[0].GetProperty("files")[0];

        Assert.Equal("F0TESTFILE1", file.GetProperty("id").GetString());
        Assert.Equal("text/plain", file.GetProperty("mimetype").GetString());
        Assert.StartsWith("https://files.slack.com/files-pri/", file.GetProperty("url_private").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("https://sandbox.slack.com/files/", file.GetProperty("permalink").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Avatar_OfAUser_IsServedAsSvgByTheSandbox()
    {
        await using var host = await StartAsync();
        var user = await host.PostFormAsync("users.info", ("user", Asker));
        var avatarUrl = user.GetProperty("user").GetProperty("profile").GetProperty("image_48").GetString()!;

        using var response = await host.Http.GetAsync(new Uri(avatarUrl), TestContext.Current.CancellationToken);

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(">PR<", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
