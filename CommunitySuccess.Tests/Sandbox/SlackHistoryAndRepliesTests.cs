using System.Text.Json;
using static CommunitySuccess.Tests.Sandbox.SandboxTestHost;

namespace CommunitySuccess.Tests.Sandbox;

/// <summary>conversations.history and conversations.replies: order, ranges, cursors and thread summaries.</summary>
public sealed class SlackHistoryAndRepliesTests
{
    [Fact]
    public async Task ConversationsHistory_PagingThrough1000Threads_ReturnsEachParentExactlyOnceNewestFirst()
    {
        await using var host = await StartAsync();
        var parents = host.Slack.SeedBulk(SupportChannel, 1000, 3, Start.AddDays(-10));

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            (string, string)[] args = cursor is null ? [("channel", SupportChannel), ("limit", "200")] : [("channel", SupportChannel), ("limit", "200"), ("cursor", cursor)];
            var page = await host.PostFormAsync("conversations.history", args);
            AssertOk(page);
            pages++;
            foreach (var message in page.GetProperty("messages").EnumerateArray())
            {
                seen.Add(message.GetProperty("ts").GetString()!);
                Assert.Equal(3, message.GetProperty("reply_count").GetInt32());
            }

            cursor = page.GetProperty("response_metadata").GetProperty("next_cursor").GetString();
            Assert.Equal(page.GetProperty("has_more").GetBoolean(), cursor!.Length > 0);
        }
        while (cursor.Length > 0);

        Assert.Equal(5, pages);
        Assert.Equal(parents.Reverse(), seen);
    }

    [Fact]
    public async Task ConversationsHistory_OldestLatestInclusive_BoundTheRange()
    {
        await using var host = await StartAsync();
        var ts = host.Slack.SeedBulk(SupportChannel, 5, 0, Start.AddHours(-1));

        var exclusive = await host.PostFormAsync("conversations.history", ("channel", SupportChannel), ("oldest", ts[1]), ("latest", ts[3]));
        var inclusive = await host.PostFormAsync("conversations.history", ("channel", SupportChannel), ("oldest", ts[1]), ("latest", ts[3]), ("inclusive", "true"));

        Assert.Equal([ts[2]], Timestamps(exclusive));
        Assert.Equal([ts[3], ts[2], ts[1]], Timestamps(inclusive));
    }

    [Fact]
    public async Task ConversationsHistory_OnlyTopLevelAndBroadcastReplies()
    {
        await using var host = await StartAsync();
        var parent = host.Slack.PostAsUser(SupportChannel, Asker, "question");
        host.Slack.PostAsUser(SupportChannel, Helper, "quiet reply", parent);
        var broadcast = await host.PostFormAsync("chat.postMessage", ("channel", SupportChannel), ("thread_ts", parent), ("text", "also sent to channel"), ("reply_broadcast", "true"));

        var history = await host.PostFormAsync("conversations.history", ("channel", SupportChannel));

        var messages = history.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(2, messages.Count);
        Assert.Equal(broadcast.GetProperty("ts").GetString(), messages[0].GetProperty("ts").GetString());
        Assert.Equal("thread_broadcast", messages[0].GetProperty("subtype").GetString());
        Assert.Equal(parent, messages[0].GetProperty("root").GetProperty("ts").GetString());
        Assert.Equal(parent, messages[1].GetProperty("ts").GetString());
    }

    [Fact]
    public async Task PostedReply_ShowsInRepliesAndUpdatesParentSummaryInHistory()
    {
        await using var host = await StartAsync();
        var parent = host.Slack.PostAsUser(SupportChannel, Asker, "question");
        host.Slack.PostAsUser(SupportChannel, Asker, "more details", parent);
        host.Slack.React(SupportChannel, parent, Helper, "eyes");

        var posted = await host.PostFormAsync("chat.postMessage", ("channel", SupportChannel), ("thread_ts", parent), ("text", "Looking into it"));
        var replyTs = posted.GetProperty("ts").GetString();
        var replies = await host.PostFormAsync("conversations.replies", ("channel", SupportChannel), ("ts", parent));
        var history = await host.PostFormAsync("conversations.history", ("channel", SupportChannel));

        var thread = replies.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal([parent, thread[1].GetProperty("ts").GetString(), replyTs], thread.Select(m => m.GetProperty("ts").GetString()));
        Assert.Equal(parent, thread[2].GetProperty("thread_ts").GetString());
        Assert.Equal(Asker, thread[2].GetProperty("parent_user_id").GetString());
        Assert.Equal(host.Slack.BotId, thread[2].GetProperty("bot_id").GetString());

        var summary = Assert.Single(history.GetProperty("messages").EnumerateArray());
        Assert.Equal(parent, summary.GetProperty("thread_ts").GetString());
        Assert.Equal(2, summary.GetProperty("reply_count").GetInt32());
        Assert.Equal(2, summary.GetProperty("reply_users_count").GetInt32());
        Assert.Equal(replyTs, summary.GetProperty("latest_reply").GetString());
        Assert.Equal([Asker, host.Slack.BotUserId], summary.GetProperty("reply_users").EnumerateArray().Select(u => u.GetString()));
        var eyes = Assert.Single(summary.GetProperty("reactions").EnumerateArray());
        Assert.Equal("eyes", eyes.GetProperty("name").GetString());
        Assert.Equal(1, eyes.GetProperty("count").GetInt32());
        Assert.Equal([Helper], eyes.GetProperty("users").EnumerateArray().Select(u => u.GetString()));
    }

    [Fact]
    public async Task ConversationsReplies_Metadata_OnlyWithIncludeAllMetadata()
    {
        await using var host = await StartAsync();
        var parent = host.Slack.PostAsUser(SupportChannel, Asker, "question");
        await host.PostFormAsync("chat.postMessage", ("channel", SupportChannel), ("thread_ts", parent), ("text", "answer"), ("metadata", """{"event_type":"cs_outbox","event_payload":{"id":"ob-1"}}"""));

        var without = await host.PostFormAsync("conversations.replies", ("channel", SupportChannel), ("ts", parent));
        var with = await host.PostFormAsync("conversations.replies", ("channel", SupportChannel), ("ts", parent), ("include_all_metadata", "true"));

        Assert.False(without.GetProperty("messages")[1].TryGetProperty("metadata", out _));
        var metadata = with.GetProperty("messages")[1].GetProperty("metadata");
        Assert.Equal("cs_outbox", metadata.GetProperty("event_type").GetString());
        Assert.Equal("ob-1", metadata.GetProperty("event_payload").GetProperty("id").GetString());
        Assert.Equal("cs_outbox", host.Slack.GetThread(SupportChannel, parent)[1].Metadata!.EventType);
    }

    [Fact]
    public async Task ConversationsReplies_PagedWithCursor_ParentLeadsEveryPageAndRepliesComeOnce()
    {
        await using var host = await StartAsync();
        var parent = host.Slack.SeedBulk(SupportChannel, 1, 7, Start.AddHours(-2))[0];

        var replies = new List<string>();
        string? cursor = null;
        do
        {
            (string, string)[] args = cursor is null ? [("channel", SupportChannel), ("ts", parent), ("limit", "3")] : [("channel", SupportChannel), ("ts", parent), ("limit", "3"), ("cursor", cursor)];
            var page = await host.PostFormAsync("conversations.replies", args);
            var messages = Timestamps(page);
            Assert.Equal(parent, messages[0]);
            replies.AddRange(messages.Skip(1));
            cursor = page.GetProperty("response_metadata").GetProperty("next_cursor").GetString()!;
        }
        while (cursor.Length > 0);

        Assert.Equal(host.Slack.GetThread(SupportChannel, parent).Skip(1).Select(m => m.Ts), replies);
    }

    [Fact]
    public async Task ConversationsReplies_MessageWithoutReplies_ReturnsJustThatMessage()
    {
        await using var host = await StartAsync();
        var ts = host.Slack.PostAsUser(SupportChannel, Asker, "lonely question");

        var answer = await host.PostFormAsync("conversations.replies", ("channel", SupportChannel), ("ts", ts));

        Assert.Equal([ts], Timestamps(answer));
        Assert.False(answer.GetProperty("has_more").GetBoolean());
    }

    [Fact]
    public async Task ConversationsReplies_TsOfAReply_ReturnsTheWholeThread()
    {
        await using var host = await StartAsync();
        var parent = host.Slack.PostAsUser(SupportChannel, Asker, "question");
        var reply = host.Slack.PostAsUser(SupportChannel, Helper, "answer", parent);

        var answer = await host.PostFormAsync("conversations.replies", ("channel", SupportChannel), ("ts", reply));

        Assert.Equal([parent, reply], Timestamps(answer));
    }

    [Fact]
    public async Task ConversationsReplies_UnknownTs_AnswersThreadNotFound()
    {
        await using var host = await StartAsync();

        AssertError(await host.PostFormAsync("conversations.replies", ("channel", SupportChannel), ("ts", "1700000000.000100")), "thread_not_found");
    }

    [Fact]
    public async Task Timestamps_PostedAtTheSameInstant_AreUniqueAndIncreasing()
    {
        await using var host = await StartAsync();

        var ts = Enumerable.Range(0, 5).Select(i => host.Slack.PostAsUser(SupportChannel, Asker, $"burst {i}")).ToList();

        Assert.Equal(ts.Distinct().Count(), ts.Count);
        Assert.Equal(ts.Order(StringComparer.Ordinal), ts);
        Assert.All(ts, t => Assert.Matches(@"^\d{10}\.\d{6}$", t));
    }

    private static List<string> Timestamps(JsonElement answer) =>
        [.. answer.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("ts").GetString()!)];
}
