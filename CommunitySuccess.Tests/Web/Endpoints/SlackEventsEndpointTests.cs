using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Sandbox.Slack;
using CommunitySuccess.Tests.Slack.Integration;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CommunitySuccess.Tests.Slack.Integration.SlackAppHarness;

namespace CommunitySuccess.Tests.Web.Endpoints;

/// <summary>
/// <c>POST /slack/events</c> on the real app (Kestrel) against a sandbox that also sends it live, signed callbacks.
/// The tests share one app; each works on threads of its own and waits for background work before it compares.
/// </summary>
public sealed class SlackEventsEndpointTests(SlackEventsEndpointTests.SharedApp shared) : IClassFixture<SlackEventsEndpointTests.SharedApp>
{
    private static int _eventIds;

    private SlackAppHarness H => shared.Harness;

    public static TheoryData<string> EventFixtures => [.. Fixtures.Files("slack/events").Select(Path.GetFileName).OfType<string>()];

    [Theory]
    [MemberData(nameof(EventFixtures))]
    public async Task PostEvent_PublishedFixtureValidlySigned_Accepted_AndTouchesNoSupportThread(string file)
    {
        var body = Fixtures.Read($"slack/events/{file}");
        await WaitForEventsAsync();
        var before = await SnapshotAsync();

        using var response = await PostSignedAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (file == "url_verification.json")
        {
            using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
            Assert.Equal(JsonDocument.Parse(body).RootElement.GetProperty("challenge").GetString(), answer.RootElement.GetProperty("challenge").GetString());
        }

        await WaitForEventsAsync();
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task PostEvent_BadSignature_Refused401_ChangesNothing_AndTheSameEventSignedIsThenApplied()
    {
        var ts = QuestionWithoutEvent("Charts render blank in Safari");
        var body = MessageEvent(ts, "Charts render blank in Safari");
        await WaitForEventsAsync();
        var before = await SnapshotAsync();
        var repliesBefore = RepliesCalls(ts);

        using var refused = await PostAsync(body, DateTimeOffset.UtcNow, signature: "v0=" + new string('0', 64));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        await WaitForEventsAsync();
        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal(repliesBefore, RepliesCalls(ts));

        // The refusal did not use up the event id: the genuine delivery is applied.
        using var accepted = await PostSignedAsync(body);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        await WaitForEventsAsync();
        Assert.NotNull(await H.FindThreadAsync(ts));
    }

    [Fact]
    public async Task PostEvent_TimestampOlderThanFiveMinutes_Refused401_ChangesNothing()
    {
        var ts = QuestionWithoutEvent("CSV import drops the last row");
        var body = MessageEvent(ts, "CSV import drops the last row");

        using var response = await PostAsync(body, DateTimeOffset.UtcNow.AddMinutes(-6));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await WaitForEventsAsync();
        Assert.Null(await H.FindThreadAsync(ts));
        Assert.Equal(0, RepliesCalls(ts));
    }

    [Fact]
    public async Task PostEvent_MalformedJsonValidlySigned_Answers400_ChangesNothing()
    {
        var ts = QuestionWithoutEvent("Timezone shown as UTC+0");
        var truncated = MessageEvent(ts, "Timezone shown as UTC+0")[..^7];
        await WaitForEventsAsync();
        var before = await SnapshotAsync();

        using var response = await PostSignedAsync(truncated);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid JSON", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await WaitForEventsAsync();
        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal(0, RepliesCalls(ts));
    }

    [Fact]
    public async Task PostEvent_SameEventIdTwice_AppliedOnce()
    {
        var ts = QuestionWithoutEvent("Password reset mail never arrives");
        var body = MessageEvent(ts, "Password reset mail never arrives");

        using var first = await PostSignedAsync(body);
        using var replay = await PostSignedAsync(body);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        await WaitForEventsAsync();
        Assert.Equal(1, RepliesCalls(ts));
        var thread = await H.ThreadAsync(ts);
        Assert.Single(thread.Messages);
    }

    [Fact]
    public async Task LiveEvent_UserWritesInClosedThread_ReopensIt()
    {
        var ts = QuestionWithoutEvent("Dark mode resets on reload");
        H.Slack.React(SupportChannel, ts, Helper, "white_check_mark");
        await WaitForEventsAsync();
        await H.SyncAsync();
        Assert.Equal(ThreadStatus.Closed, (await H.ThreadAsync(ts)).Status);

        H.Slack.PostAsUser(SupportChannel, Asker, "Still happening on 1.5", threadTs: ts);

        await WaitUntilAsync(async () => (await H.ThreadAsync(ts)).Status == ThreadStatus.Open, "the user's reply re-opens the thread");
        Assert.Contains((await H.ThreadAsync(ts)).Messages, m => m.Text == "Still happening on 1.5");
    }

    [Fact]
    public async Task LiveEvent_NewQuestion_OpensThread_TeamEyesOnAReply_MovesToInProgress()
    {
        var ts = H.Slack.PostAsUser(SupportChannel, SecondAsker, "Can I self-host the runner?");
        await WaitUntilAsync(async () => await H.FindThreadAsync(ts) is { Status: ThreadStatus.Open }, "the new question opens a thread");

        var more = H.Slack.PostAsUser(SupportChannel, SecondAsker, "On ARM64, that is.", threadTs: ts);
        H.Slack.React(SupportChannel, more, Helper, "eyes");

        // A reaction on a reply is not in conversations.history: only the event tells.
        await WaitUntilAsync(async () => (await H.ThreadAsync(ts)).Status == ThreadStatus.InProgress, "the team's 👀 on a reply moves the thread");
        Assert.Equal(ThreadStatusRules.ReasonTeamEyes, Assert.Single((await H.ThreadAsync(ts)).StatusChanges).Reason);
    }

    [Fact]
    public async Task LiveEvent_ReplyEdited_UpdatesText_ReplyDeleted_MarkedDeleted()
    {
        var ts = QuestionWithoutEvent("Search misses words with accents");
        var reply = H.Slack.PostAsUser(SupportChannel, Asker, "e.g. cafe", threadTs: ts);
        await WaitUntilAsync(async () => await H.FindThreadAsync(ts) is { } t && t.Messages.Any(m => m.Ts == reply), "the reply is stored");

        H.Slack.Edit(SupportChannel, reply, "e.g. café");
        await WaitUntilAsync(async () => (await H.ThreadAsync(ts)).Messages.Single(m => m.Ts == reply).Text == "e.g. café", "the edit is stored");

        H.Slack.Delete(SupportChannel, reply);
        await WaitUntilAsync(async () => (await H.ThreadAsync(ts)).Messages.Single(m => m.Ts == reply).IsDeleted, "the deletion is stored");
        Assert.Equal(1, (await H.ThreadAsync(ts)).MessageCount);
    }

    [Fact]
    public async Task LiveEvent_QuestionWithoutRepliesDeleted_MarkedDeleted()
    {
        var ts = H.Slack.PostAsUser(SupportChannel, Asker, "oops, wrong channel");
        await WaitUntilAsync(async () => await H.FindThreadAsync(ts) is not null, "the question is stored");

        H.Slack.Delete(SupportChannel, ts);

        await WaitUntilAsync(async () => (await H.ThreadAsync(ts)).Messages.Single().IsDeleted, "the deletion is stored");
    }

    /// <summary>A question in Slack that the app has not heard of (no event sent).</summary>
    private string QuestionWithoutEvent(string text) =>
        H.Slack.AddMessage(new SlackMessageDraft { ChannelId = SupportChannel, UserId = Asker, Text = text, At = DateTimeOffset.UtcNow.AddMinutes(-10) });

    /// <summary>A <c>message</c> event_callback for a question in the support channel, as Slack sends it.</summary>
    private string MessageEvent(string ts, string text)
    {
        var eventId = "Ev0TEST" + Interlocked.Increment(ref _eventIds).ToString("D5", CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["token"] = H.Slack.VerificationToken,
            ["team_id"] = H.Slack.TeamId,
            ["api_app_id"] = H.Slack.AppId,
            ["event"] = new JsonObject
            {
                ["type"] = "message",
                ["channel"] = SupportChannel,
                ["user"] = Asker,
                ["text"] = text,
                ["ts"] = ts,
                ["event_ts"] = ts,
                ["channel_type"] = "channel",
            },
            ["type"] = "event_callback",
            ["event_id"] = eventId,
            ["event_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        }.ToJsonString();
    }

    private int RepliesCalls(string ts) => H.Slack.RequestsTo("conversations.replies").Count(c => c["ts"] == ts);

    private Task<HttpResponseMessage> PostSignedAsync(string body) => PostAsync(body, DateTimeOffset.UtcNow);

    private async Task<HttpResponseMessage> PostAsync(string body, DateTimeOffset at, string? signature = null)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "slack/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(SlackSignatureVerifier.TimestampHeader, timestamp);
        request.Headers.Add(SlackSignatureVerifier.SignatureHeader, signature ?? Sign(H.Slack.SigningSecret, timestamp, body));
        return await shared.Client.SendAsync(request, Ct);
    }

    private static string Sign(string secret, string timestamp, string body) =>
        "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));

    /// <summary>Until the sandbox delivered every callback and the app applied every accepted event.</summary>
    private async Task WaitForEventsAsync()
    {
        await H.Slack.WhenEventsDeliveredAsync(Ct);
        var processor = H.Services.GetRequiredService<SlackEventProcessor>();
        await WaitUntilAsync(() => Task.FromResult(processor.Pending == 0), "accepted events are applied");
    }

    /// <summary>Everything the inbox knows about threads, as one comparable string.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var db = await H.DbAsync();
        var threads = await db.Set<SupportThread>().OrderBy(t => t.Id).Select(t => $"{t.ChannelId}/{t.Ts}:{t.Status}:{t.MessageCount}:{t.Text}").ToListAsync(Ct);
        var messages = await db.Set<ThreadMessage>().OrderBy(m => m.Id).Select(m => $"{m.Ts}:{m.IsDeleted}:{m.Text}").ToListAsync(Ct);
        var reactions = await db.Set<ThreadReaction>().CountAsync(Ct);
        var changes = await db.Set<ThreadStatusChange>().CountAsync(Ct);
        return string.Join('\n', threads.Concat(messages).Append($"reactions={reactions} changes={changes}"));
    }

    /// <summary>One app with live events for the whole class.</summary>
    public sealed class SharedApp : IAsyncLifetime
    {
        private SlackAppHarness? _harness;

        internal SlackAppHarness Harness => _harness ?? throw new InvalidOperationException("Not started.");

        internal HttpClient Client { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            _harness = await StartAsync(new SlackAppHarnessOptions { LiveEvents = true });
            Client = new HttpClient { BaseAddress = _harness.BaseAddress };
            await _harness.SyncAsync();
        }

        public async ValueTask DisposeAsync()
        {
            Client?.Dispose();
            if (_harness is not null)
            {
                await _harness.DisposeAsync();
            }
        }
    }
}
