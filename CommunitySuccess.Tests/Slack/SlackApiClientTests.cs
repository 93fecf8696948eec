using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySuccess.Tests.Slack;

public sealed class SlackApiClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Each Web API method we call, by the name its fixture file starts with.
    private static readonly Dictionary<string, Func<ISlackApi, Task<object>>> Calls = new(StringComparer.Ordinal)
    {
        ["auth.test"] = async api => await api.AuthTestAsync(Ct),
        ["bots.info"] = async api => await api.GetBotInfoAsync("B061F7JD2", Ct),
        ["chat.delete"] = async api => { await api.DeleteMessageAsync("C024BE91L", "1401383885.000061", Ct); return "deleted"; },
        ["chat.getPermalink"] = async api => await api.GetPermalinkAsync("C1H9RESGA", "1358546515.000008", Ct),
        ["chat.postMessage"] = async api => await api.PostMessageAsync(new SlackPostMessage("C1H9RESGL", "Here's a message for you"), Ct),
        ["chat.update"] = async api => { await api.UpdateMessageAsync("C024BE91L", "1401383885.000061", "Updated text", Ct); return "updated"; },
        ["conversations.history"] = async api => await api.GetHistoryPageAsync("C012AB3CD", cancellationToken: Ct),
        ["conversations.info"] = async api => await api.GetConversationInfoAsync("C012AB3CD", Ct),
        ["conversations.list"] = async api => await api.ListConversationsAsync(cancellationToken: Ct).ToListAsync(Ct),
        ["conversations.replies"] = async api => await api.GetRepliesAsync("C012AB3CD", "1482960137.003543", cancellationToken: Ct),
        ["reactions.add"] = async api => { await api.AddReactionAsync("C012AB3CD", "1482960137.003543", "eyes", Ct); return "added"; },
        ["reactions.get"] = async api => await api.GetReactionsAsync("C2U7V2YA2", "1507850315.000000", Ct),
        ["reactions.remove"] = async api => { await api.RemoveReactionAsync("C012AB3CD", "1482960137.003543", "eyes", Ct); return "removed"; },
        ["team.info"] = async api => await api.GetTeamInfoAsync(Ct),
        ["users.info"] = async api => await api.GetUserInfoAsync("W012A3CDE", Ct),
        ["users.list"] = async api => await api.ListUsersAsync(Ct).ToListAsync(Ct),
    };

    public static TheoryData<string> WebFixtures => [.. Fixtures.Files("slack/web").Select(Path.GetFileName).OfType<string>()];

    [Theory]
    [MemberData(nameof(WebFixtures))]
    public async Task EveryWebFixture_ServedOverHttp_ParsesIntoItsMethodsDto(string file)
    {
        var name = file[..^".json".Length];
        var method = Calls.Keys.Where(m => name == m || name.StartsWith(m + ".", StringComparison.Ordinal)).MaxBy(m => m.Length);
        Assert.True(method is not null, $"No client method is tested for fixture {file}.");
        await using var harness = await SlackApiHarness.ServingFixturesAsync(_ => name);

        if (name.EndsWith(".error", StringComparison.Ordinal))
        {
            var expected = JsonNode.Parse(Fixtures.Read($"slack/web/{file}"))!["error"]!.GetValue<string>();
            var ex = await Assert.ThrowsAsync<SlackApiException>(() => Calls[method](harness.Api));
            Assert.Equal(expected, ex.Error);
            Assert.Equal(method, ex.Method);
        }
        else
        {
            Assert.NotNull(await Calls[method](harness.Api));
        }

        Assert.Empty(harness.Server.HandlerErrors);
        Assert.Equal($"/api/{method}", harness.Requests[0].Path);
    }

    [Fact]
    public async Task AuthTestAsync_RecordedResponse_ReturnsBotUserAndBotIdWithBearerToken()
    {
        await using var harness = await SlackApiHarness.ServingFixturesAsync();

        var info = await harness.Api.AuthTestAsync(Ct);

        Assert.Equal(new SlackAuthInfo("https://rubybot.slack.com/", "team_name", "TDEADBEEF", "UBAADFOOD", "B0J1L75DY", "user_name"), info);
        var request = Assert.Single(harness.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/auth.test", request.Path);
        Assert.Equal($"Bearer {SlackApiHarness.Token}", request.Header("Authorization"));
        Assert.DoesNotContain(SlackApiHarness.Token, request.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(SlackApiHarness.Token, request.QueryString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthTestAsync_NotAuthed_ThrowsSlackApiExceptionWithSlackCode()
    {
        await using var harness = await SlackApiHarness.ServingFixturesAsync(m => m + ".error");

        var ex = await Assert.ThrowsAsync<SlackApiException>(() => harness.Api.AuthTestAsync(Ct));

        Assert.Equal("not_authed", ex.Error);
        Assert.Equal("auth.test", ex.Method);
        Assert.Contains("not_authed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetHistoryPageAsync_DocumentedExample_ReturnsMessagesCursorAndSendsBounds()
    {
        await using var harness = await SlackApiHarness.StartAsync((context, _) =>
            SlackApiHarness.WriteJsonAsync(context, Fixtures.Read("slack/web/conversations.history.json")));

        var page = await harness.Api.GetHistoryPageAsync("C012AB3CD", "1512085000.000000", "1512105000.000000", "abc", 50, Ct);

        Assert.Equal(["1512085950.000216", "1512104434.000490"], page.Messages.Select(m => m.Ts));
        Assert.Equal(["U012AB3CDE", "U061F7AUR"], page.Messages.Select(m => m.User));
        Assert.Equal("What, you want to smell my shoes better?", page.Messages[1].Text);
        Assert.True(page.HasMore);
        Assert.Equal("bmV4dF90czoxNTEyMDg1ODYxMDAwNTQz", page.NextCursor);

        var request = Assert.Single(harness.Requests);
        Assert.StartsWith("application/x-www-form-urlencoded", request.ContentType, StringComparison.Ordinal);
        Assert.Equal("C012AB3CD", request.Form["channel"]);
        Assert.Equal("1512085000.000000", request.Form["oldest"]);
        Assert.Equal("1512105000.000000", request.Form["latest"]);
        Assert.Equal("abc", request.Form["cursor"]);
        Assert.Equal("50", request.Form["limit"]);
        Assert.Equal("true", request.Form["include_all_metadata"]);
    }

    [Fact]
    public async Task GetHistoryPageAsync_ChannelNotFound_ThrowsWithSlackErrorCode()
    {
        await using var harness = await SlackApiHarness.ServingFixturesAsync(m => m + ".error");

        var ex = await Assert.ThrowsAsync<SlackApiException>(() => harness.Api.GetHistoryPageAsync("C0NOPE", cancellationToken: Ct));

        Assert.Equal("channel_not_found", ex.Error);
        Assert.Equal("conversations.history", ex.Method);
    }

    [Fact]
    public async Task GetHistoryAsync_ThreePages_FollowsCursorsUntilTheLastPage()
    {
        static string Page(string next, params string[] ts) =>
            new JsonObject
            {
                ["ok"] = true,
                ["has_more"] = next.Length > 0,
                ["messages"] = new JsonArray([.. ts.Select(t => (JsonNode)new JsonObject { ["type"] = "message", ["user"] = "U1", ["ts"] = t })]),
                ["response_metadata"] = new JsonObject { ["next_cursor"] = next },
            }.ToJsonString();

        await using var harness = await SlackApiHarness.StartAsync((context, request) =>
            SlackApiHarness.WriteJsonAsync(context, request.Form.GetValueOrDefault("cursor") switch
            {
                null => Page("page2", "1700000006.000000", "1700000005.000000"),
                "page2" => Page("page3", "1700000004.000000", "1700000003.000000"),
                "page3" => Page("", "1700000002.000000", "1700000001.000000"),
                var other => throw new InvalidOperationException($"unexpected cursor {other}"),
            }));

        var messages = await harness.Api.GetHistoryAsync("C1", oldest: "1690000000.000000", cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal(
            ["1700000006.000000", "1700000005.000000", "1700000004.000000", "1700000003.000000", "1700000002.000000", "1700000001.000000"],
            messages.Select(m => m.Ts));
        Assert.Equal([null, "page2", "page3"], harness.Requests.Select(r => r.Form.GetValueOrDefault("cursor")));
        Assert.All(harness.Requests, r => Assert.Equal("1690000000.000000", r.Form["oldest"]));
        Assert.Empty(harness.Server.HandlerErrors);
    }

    [Fact]
    public async Task GetRepliesAsync_ParentRepeatedOnNextPage_ReturnsParentAndRepliesOnce()
    {
        await using var harness = await SlackApiHarness.StartAsync((context, request) =>
            SlackApiHarness.WriteJsonAsync(context, request.Form.ContainsKey("cursor")
                ? """
                  {"ok":true,"has_more":false,"messages":[
                    {"type":"message","user":"U061F7AUR","text":"island","thread_ts":"1482960137.003543","ts":"1482960137.003543","reply_count":4},
                    {"type":"message","user":"U0TEAM","text":"four","thread_ts":"1482960137.003543","ts":"1483125400.000100","parent_user_id":"U061F7AUR"}],
                   "response_metadata":{"next_cursor":""}}
                  """
                : Fixtures.Read("slack/web/conversations.replies.json")));

        var messages = await harness.Api.GetRepliesAsync("C012AB3CD", "1482960137.003543", includeAllMetadata: true, Ct);

        Assert.Equal(
            ["1482960137.003543", "1483037603.017503", "1483051909.018632", "1483125339.020269", "1483125400.000100"],
            messages.Select(m => m.Ts));
        Assert.Equal(3, messages[0].ReplyCount);
        Assert.Equal("U061F7AUR", messages[1].ParentUserId);
        Assert.Equal(2, harness.Requests.Count);
        Assert.Equal("bmV4dF90czoxNDg0Njc4MjkwNTE3MDkx", harness.Requests[1].Form["cursor"]);
        Assert.All(harness.Requests, r =>
        {
            Assert.Equal("1482960137.003543", r.Form["ts"]);
            Assert.Equal("true", r.Form["include_all_metadata"]);
        });
    }

    [Fact]
    public async Task GetConversationInfoAsync_PublicChannel_MapsNameTopicAndPurpose()
    {
        await using var harness = await SlackApiHarness.ServingFixturesAsync();

        var channel = await harness.Api.GetConversationInfoAsync("C012AB3CD", Ct);

        Assert.Equal("C012AB3CD", channel.Id);
        Assert.Equal("general", channel.Name);
        Assert.True(channel.IsChannel);
        Assert.False(channel.IsPrivate);
        Assert.False(channel.IsArchived);
        Assert.Equal("For public discussion of generalities", channel.Topic);
        Assert.Equal("This part of the workspace is for fun. Make fun here.", channel.Purpose);
        Assert.Equal("C012AB3CD", Assert.Single(harness.Requests).Form["channel"]);
    }

    [Fact]
    public async Task GetConversationInfoAsync_GroupDm_IsMpim()
    {
        await using var harness = await SlackApiHarness.ServingFixturesAsync(m => m + ".mpim");

        var channel = await harness.Api.GetConversationInfoAsync("G0K7EV5A7", Ct);

        Assert.Equal("G0K7EV5A7", channel.Id);
        Assert.True(channel.IsMpim);
        Assert.True(channel.IsGroup);
        Assert.Equal("Group messaging with: @dblock @rubybot @player1", channel.Purpose);
    }

    [Fact]
    public async Task GetUserInfoAsync_Person_MapsTimeZoneProfileAndAvatar()
    {
        await using var harness = await SlackApiHarness.ServingFixturesAsync();

        var user = await harness.Api.GetUserInfoAsync("W012A3CDE", Ct);

        Assert.Equal("W012A3CDE", user.Id);
        Assert.Equal("spengler", user.Name);
        Assert.Equal("Egon Spengler", user.RealName);
        Assert.Equal("spengler", user.DisplayName);
        Assert.Equal("America/Los_Angeles", user.TimeZone);
        Assert.Equal(-25200, user.TimeZoneOffsetSeconds);
        Assert.False(user.IsBot);
        Assert.False(user.Deleted);
        Assert.Equal("spengler@ghostbusters.example.com", user.Email);
        Assert.Equal("https://.../avatar/e3b51ca72dee4ef87916ae2b9240df50.jpg", user.Image72);
        Assert.Equal("T012AB3C4", user.TeamId);
        Assert.Equal("W012A3CDE", Assert.Single(harness.Requests).Form["user"]);
    }

    [Fact]
    public async Task GetUserInfoAsync_DeletedBotWithoutTz_HasNullTimeZone()
    {
        await using var harness = await SlackApiHarness.ServingFixturesAsync(m => m + ".deleted_bot");

        var user = await harness.Api.GetUserInfoAsync("U07KECJ77", Ct);

        Assert.Equal("U07KECJ77", user.Id);
        Assert.True(user.Deleted);
        Assert.True(user.IsBot);
        Assert.Null(user.TimeZone);
        Assert.Null(user.TimeZoneOffsetSeconds);
        Assert.Equal("AWS Cloud", user.RealName);
        Assert.Equal("B07KECJ6R", user.BotId);
        Assert.Equal("https://avatars.slack-edge.com/2015-07-14/7660472085_4755a86e204c9706c84f_48.jpg", user.Image48);
        Assert.Null(user.Email);
    }

    [Fact]
    public async Task ListUsersAsync_CursorToEmptyLastPage_ReturnsEveryMember()
    {
        await using var harness = await SlackApiHarness.ServingFixturesAsync();

        var users = await harness.Api.ListUsersAsync(Ct).ToListAsync(Ct);

        Assert.Equal(["W012A3CDE", "W07QCRPA4"], users.Select(u => u.Id));
        Assert.Equal("Glinda the Fairly Good", users[1].DisplayName);
        Assert.Equal("dXNlcjpVMEc5V0ZYTlo=", harness.Requests[1].Form["cursor"]);
    }

    [Fact]
    public async Task ListConversationsAsync_DocumentedExample_ReturnsChannelsAndSendsTypes()
    {
        await using var harness = await SlackApiHarness.ServingFixturesAsync();

        var channels = await harness.Api.ListConversationsAsync("public_channel,private_channel", cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal(["general", "random"], channels.Select(c => c.Name));
        Assert.All(channels, c => Assert.True(c.IsMember));
        Assert.Equal("public_channel,private_channel", harness.Requests[0].Form["types"]);
        Assert.Equal("true", harness.Requests[0].Form["exclude_archived"]);
    }

    [Fact]
    public async Task GetTeamInfoAndBotInfo_DocumentedExamples_MapIds()
    {
        await using var harness = await SlackApiHarness.ServingFixturesAsync();

        Assert.Equal(new SlackTeamInfo("T12345", "My Team", "example"), await harness.Api.GetTeamInfoAsync(Ct));
        Assert.Equal(new SlackBotInfo("B061F7JD2", "beforebot", "A161CLERW", "U012ABCDEF", false), await harness.Api.GetBotInfoAsync("B061F7JD2", Ct));
        Assert.Equal("B061F7JD2", harness.Requests[1].Form["bot"]);
    }

    [Fact]
    public async Task PostMessageAsync_ThreadReplyWithMetadata_SendsJsonAndReturnsTs()
    {
        await using var harness = await SlackApiHarness.ServingFixturesAsync();
        var metadata = SlackPostMessage.CreateMetadata("cs_outbox", new Dictionary<string, string> { ["outbox_id"] = "42" });

        var ts = await harness.Api.PostMessageAsync(
            new SlackPostMessage("C1H9RESGL", "Thanks, looking into it", ThreadTs: "1503435900.000100", Metadata: metadata),
            Ct);

        Assert.Equal("1503435956.000247", ts);
        var request = Assert.Single(harness.Requests);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        var json = request.Json!;
        Assert.Equal("C1H9RESGL", json["channel"]!.GetValue<string>());
        Assert.Equal("Thanks, looking into it", json["text"]!.GetValue<string>());
        Assert.Equal("1503435900.000100", json["thread_ts"]!.GetValue<string>());
        Assert.Equal("cs_outbox", json["metadata"]!["event_type"]!.GetValue<string>());
        Assert.Equal("42", json["metadata"]!["event_payload"]!["outbox_id"]!.GetValue<string>());
        Assert.Null(json["username"]);
        Assert.Null(json["reply_broadcast"]);
    }

    [Fact]
    public async Task UpdateDeletePermalinkAndReactions_SendTheDocumentedFields()
    {
        await using var harness = await SlackApiHarness.ServingFixturesAsync();

        await harness.Api.UpdateMessageAsync("C024BE91L", "1401383885.000061", "new text", Ct);
        await harness.Api.DeleteMessageAsync("C024BE91L", "1401383885.000061", Ct);
        var permalink = await harness.Api.GetPermalinkAsync("C1H9RESGA", "1358546515.000008", Ct);
        await harness.Api.AddReactionAsync("C1", "1358546515.000008", ":white_check_mark:", Ct);
        await harness.Api.RemoveReactionAsync("C1", "1358546515.000008", "eyes", Ct);

        Assert.Equal("https://ghostbusters.slack.com/archives/C1H9RESGA/p135854651500008", permalink);
        var requests = harness.Requests;
        Assert.Equal(
            ["chat.update", "chat.delete", "chat.getPermalink", "reactions.add", "reactions.remove"],
            requests.Select(SlackApiHarness.MethodOf));
        Assert.Equal("new text", requests[0].Json!["text"]!.GetValue<string>());
        Assert.Equal("1401383885.000061", requests[0].Json!["ts"]!.GetValue<string>());
        Assert.Equal("1401383885.000061", requests[1].Form["ts"]);
        Assert.Equal("1358546515.000008", requests[2].Form["message_ts"]);
        Assert.Equal("white_check_mark", requests[3].Form["name"]);
        Assert.Equal("1358546515.000008", requests[3].Form["timestamp"]);
        Assert.Equal("eyes", requests[4].Form["name"]);
    }

    [Fact]
    public async Task GetReactionsAsync_FileItem_ReturnsItsReactions()
    {
        await using var harness = await SlackApiHarness.ServingFixturesAsync();

        var reactions = await harness.Api.GetReactionsAsync("C2U7V2YA2", "1507850315.000000", Ct);

        var reaction = Assert.Single(reactions);
        Assert.Equal("stuck_out_tongue_winking_eye", reaction.Name);
        Assert.Equal(1, reaction.Count);
        Assert.Equal(["U2U85N1RV"], reaction.Users);
    }

    [Fact]
    public async Task UpdateUserGroupUsersAsync_SendsGroupAndCommaSeparatedUsers()
    {
        await using var harness = await SlackApiHarness.StartAsync((context, _) =>
            SlackApiHarness.WriteJsonAsync(context, """{"ok":true,"usergroup":{"id":"S0614TZR7","users":["U1","U2"]}}"""));

        await harness.Api.UpdateUserGroupUsersAsync("S0614TZR7", ["U1", "U2", "U1"], Ct);

        var request = Assert.Single(harness.Requests);
        Assert.Equal("/api/usergroups.users.update", request.Path);
        Assert.Equal("S0614TZR7", request.Form["usergroup"]);
        Assert.Equal("U1,U2", request.Form["users"]);
    }

    [Fact]
    public async Task UpdateUserGroupUsersAsync_NoUsers_ThrowsWithoutCallingSlack()
    {
        await using var harness = await SlackApiHarness.ServingFixturesAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => harness.Api.UpdateUserGroupUsersAsync("S0614TZR7", [], Ct));

        Assert.Empty(harness.Requests);
    }

    [Fact]
    public async Task Read429_RetryAfterOneSecond_WaitsOnTimeProviderThenSucceeds()
    {
        var fake = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.Zero));
        var clock = new TimerWatchingTimeProvider(fake);
        var served = 0;
        await using var harness = await SlackApiHarness.StartAsync(
            async (context, _) =>
            {
                if (Interlocked.Increment(ref served) == 1)
                {
                    context.Response.Headers.RetryAfter = "1";
                    await SlackApiHarness.WriteJsonAsync(context, """{"ok":false,"error":"ratelimited"}""", 429);
                    return;
                }

                await SlackApiHarness.WriteJsonAsync(context, Fixtures.Read("slack/web/auth.test.json"));
            },
            clientTime: clock,
            serverTime: fake);

        var call = harness.Api.AuthTestAsync(Ct);
        Assert.True(await clock.TimerCreated.WaitAsync(TimeSpan.FromSeconds(30), Ct), "the client never started waiting");
        Assert.False(call.IsCompleted);
        Assert.Single(harness.Requests);

        fake.Advance(TimeSpan.FromSeconds(1));
        var info = await call;

        Assert.Equal("UBAADFOOD", info.UserId);
        Assert.Equal(2, harness.Requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(1), harness.Requests[1].ReceivedAt - harness.Requests[0].ReceivedAt);
    }

    [Fact]
    public async Task Read429_EveryTime_GivesUpAfterBoundedRetries()
    {
        var fake = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var clock = new TimerWatchingTimeProvider(fake);
        await using var harness = await SlackApiHarness.StartAsync(
            (context, _) =>
            {
                context.Response.Headers.RetryAfter = "2";
                return SlackApiHarness.WriteJsonAsync(context, """{"ok":false,"error":"ratelimited"}""", 429);
            },
            clientTime: clock);

        var call = harness.Api.GetHistoryPageAsync("C1", cancellationToken: Ct);
        for (var wait = 0; wait < SlackApiClient.MaxReadRetries; wait++)
        {
            Assert.True(await clock.TimerCreated.WaitAsync(TimeSpan.FromSeconds(30), Ct), $"wait {wait + 1} never started");
            fake.Advance(TimeSpan.FromSeconds(2));
        }

        var ex = await Assert.ThrowsAsync<SlackRateLimitedException>(() => call);
        Assert.Equal(TimeSpan.FromSeconds(2), ex.RetryAfter);
        Assert.Equal("conversations.history", ex.Method);
        Assert.Equal(SlackApiClient.MaxReadRetries + 1, harness.Requests.Count);
    }

    [Fact]
    public async Task PostMessageAsync_429_ThrowsRateLimitedAndPostsExactlyOnce()
    {
        var clock = new TimerWatchingTimeProvider(new Microsoft.Extensions.Time.Testing.FakeTimeProvider());
        await using var harness = await SlackApiHarness.StartAsync(
            (context, _) =>
            {
                context.Response.Headers.RetryAfter = "30";
                return SlackApiHarness.WriteJsonAsync(context, """{"ok":false,"error":"ratelimited"}""", 429);
            },
            clientTime: clock);

        var ex = await Assert.ThrowsAsync<SlackRateLimitedException>(() =>
            harness.Api.PostMessageAsync(new SlackPostMessage("C1", "hello"), Ct));

        Assert.Equal(TimeSpan.FromSeconds(30), ex.RetryAfter);
        Assert.Equal("chat.postMessage", ex.Method);
        Assert.Equal("ratelimited", ex.Error);
        Assert.Single(harness.Requests);
        Assert.Equal(0, clock.TimerCreated.CurrentCount);
    }

    [Fact]
    public async Task Http500_PlainTextBody_ThrowsClearSlackApiException()
    {
        await using var harness = await SlackApiHarness.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = 500;
            await context.Response.WriteAsync("upstream exploded", Ct);
        });

        var ex = await Assert.ThrowsAsync<SlackApiException>(() => harness.Api.GetConversationInfoAsync("C1", Ct));

        Assert.Equal("http_500", ex.Error);
        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.Contains("conversations.info", ex.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 500", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SlackApiHarness.Token, ex.Message, StringComparison.Ordinal);
        Assert.Single(harness.Requests);
    }

    [Fact]
    public async Task Http400_SlackJsonError_KeepsSlackCode()
    {
        await using var harness = await SlackApiHarness.StartAsync((context, _) =>
            SlackApiHarness.WriteJsonAsync(context, """{"ok":false,"error":"invalid_arguments"}""", 400));

        var ex = await Assert.ThrowsAsync<SlackApiException>(() => harness.Api.DeleteMessageAsync("C1", "1.000001", Ct));

        Assert.Equal("invalid_arguments", ex.Error);
        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
    }

    [Fact]
    public async Task NonJsonBodyWithStatus200_ThrowsSlackApiExceptionNotJsonException()
    {
        await using var harness = await SlackApiHarness.StartAsync(async (context, _) =>
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><body>Captive portal</body></html>", Ct);
        });

        var ex = await Assert.ThrowsAsync<SlackApiException>(() => harness.Api.AuthTestAsync(Ct));

        Assert.Equal("invalid_response", ex.Error);
        Assert.Contains("not a Slack response", ex.Message, StringComparison.Ordinal);
        Assert.Contains("<html>", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<JsonException>(ex.InnerException);
    }

    [Fact]
    public async Task MissingScope_MessageNamesTheNeededScope()
    {
        await using var harness = await SlackApiHarness.StartAsync((context, _) =>
            SlackApiHarness.WriteJsonAsync(context, """{"ok":false,"error":"missing_scope","needed":"usergroups:write","provided":"chat:write"}"""));

        var ex = await Assert.ThrowsAsync<SlackApiException>(() => harness.Api.UpdateUserGroupUsersAsync("S1", ["U1"], Ct));

        Assert.Equal("missing_scope", ex.Error);
        Assert.Contains("usergroups:write", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OptionsReloaded_NextRequestUsesNewTokenAndBaseUrl()
    {
        await using var harness = await SlackApiHarness.ServingFixturesAsync();
        await using var second = await SlackApiHarness.ServingFixturesAsync();

        await harness.Api.AuthTestAsync(Ct);
        harness.Configuration["Slack:BotToken"] = "xoxb-rotated";
        harness.Configuration["Slack:ApiBaseUrl"] = new Uri(second.Server.BaseAddress, "api").ToString();
        ((Microsoft.Extensions.Configuration.IConfigurationRoot)harness.Configuration).Reload();
        var info = await harness.Api.AuthTestAsync(Ct);

        Assert.Equal("UBAADFOOD", info.UserId);
        Assert.Equal($"Bearer {SlackApiHarness.Token}", Assert.Single(harness.Requests).Header("Authorization"));
        var moved = Assert.Single(second.Requests);
        Assert.Equal("Bearer xoxb-rotated", moved.Header("Authorization"));
        Assert.Equal("/api/auth.test", moved.Path);
    }

    [Fact]
    public async Task InvalidBaseUrl_ThrowsConfigurationErrorNamingTheKey()
    {
        await using var harness = await SlackApiHarness.ServingFixturesAsync();
        harness.Configuration["Slack:ApiBaseUrl"] = "not a url";
        ((Microsoft.Extensions.Configuration.IConfigurationRoot)harness.Configuration).Reload();

        var ex = await Assert.ThrowsAsync<SlackApiException>(() => harness.Api.AuthTestAsync(Ct));

        Assert.Equal("invalid_configuration", ex.Error);
        Assert.Contains("Slack:ApiBaseUrl", ex.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Requests);
    }

    [Fact]
    public void AddSlackClient_RegistersTypedClientAndVerifier()
    {
        var services = new ServiceCollection();
        services.AddOptions<SlackOptions>();
        services.AddSingleton(TimeProvider.System);
        services.AddSlackClient();
        using var provider = services.BuildServiceProvider();

        Assert.IsType<SlackApiClient>(provider.GetRequiredService<ISlackApi>());
        Assert.Same(provider.GetRequiredService<SlackSignatureVerifier>(), provider.GetRequiredService<SlackSignatureVerifier>());
    }
}
