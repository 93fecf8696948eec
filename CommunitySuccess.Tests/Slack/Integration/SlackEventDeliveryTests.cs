using System.Text.Json.Nodes;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Sandbox.Slack;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CommunitySuccess.Tests.Slack.Integration.SlackAppHarness;

namespace CommunitySuccess.Tests.Slack.Integration;

/// <summary>
/// Events as Slack sends them: retried with the same <c>event_id</c> when an acknowledgement is lost, verified with
/// <c>url_verification</c>, and direct messages marked <c>channel_type: "im"</c>.
/// </summary>
public abstract class SlackEventDeliveryTests(TestProvider provider)
{
    /// <summary>The harness on this class's database.</summary>
    private Task<SlackAppHarness> StartAsync(SlackAppHarnessOptions? options = null) =>
        SlackAppHarness.StartAsync((options ?? new SlackAppHarnessOptions()) with { Provider = provider });

    private static readonly TimeSpan[] AtOnce = [TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero];

    [Fact]
    public async Task MessageEvent_DeliveredFourTimes_AppliedOnceAndEveryDeliveryAcknowledged()
    {
        await using var h = await StartAsync(new SlackAppHarnessOptions { LiveEvents = true, EventRetryDelays = AtOnce });
        await h.SyncAsync();
        h.Slack.Faults.LoseEventAcknowledgements(3);

        var ts = h.Slack.PostAsUser(SupportChannel, Asker, "Export to CSV drops the header row");
        await WaitUntilAsync(() => Task.FromResult(h.Slack.EventDeliveries.Count == 4), "Slack delivered the event four times");
        await WaitUntilAsync(() => Task.FromResult(h.Services.GetRequiredService<SlackEventProcessor>().Pending == 0), "accepted events are applied");

        var deliveries = h.Slack.EventDeliveries;
        Assert.Single(deliveries.Select(d => d.EventId).Distinct());
        Assert.Equal([0, 1, 2, 3], deliveries.Select(d => d.RetryNum));
        Assert.All(deliveries, d => Assert.Equal(200, d.StatusCode));
        Assert.Single(h.Slack.RequestsTo("conversations.replies"), c => c["ts"] == ts);
        var thread = await h.ThreadAsync(ts);
        Assert.Single(thread.Messages);
        await using var db = await h.DbAsync();
        Assert.Equal(1, await db.Set<SupportThread>().CountAsync(Ct));
        Assert.Equal(1, await db.Set<ProcessedSlackEvent>().CountAsync(e => e.EventId == deliveries[0].EventId, Ct));
    }

    [Fact]
    public async Task HandleEnvelopeAsync_FirstApplyFailed_RedeliveryIsAppliedThenLaterOnesAreDuplicates()
    {
        await using var h = await StartAsync();
        await h.SyncAsync();
        var ts = h.Slack.AddMessage(new SlackMessageDraft { ChannelId = SupportChannel, UserId = Asker, Text = "Webhooks stopped after the upgrade", At = DateTimeOffset.UtcNow.AddMinutes(-1) });
        var envelope = MessageEnvelope(h, "Ev0REDELIV1", ts, "Webhooks stopped after the upgrade");
        var processor = h.Services.GetRequiredService<SlackEventProcessor>();

        // Slack's side fails while the first delivery is applied: nothing stored, so the id must not count as seen.
        h.Slack.Faults.FailNext(1, "conversations.replies");
        var first = await processor.HandleEnvelopeAsync(envelope, Ct);
        await WaitUntilAsync(() => Task.FromResult(processor.Pending == 0), "the first delivery was tried");
        var storedAfterFailure = await h.FindThreadAsync(ts);

        var second = await processor.HandleEnvelopeAsync(envelope, Ct);
        await WaitUntilAsync(() => Task.FromResult(processor.Pending == 0), "the redelivery was applied");
        var third = await processor.HandleEnvelopeAsync(envelope, Ct);

        Assert.Equal(SlackEnvelopeOutcome.Accepted, first.Outcome);
        Assert.Null(storedAfterFailure);
        Assert.Equal(SlackEnvelopeOutcome.Accepted, second.Outcome);
        Assert.Equal("Webhooks stopped after the upgrade", (await h.ThreadAsync(ts)).Text);
        Assert.Equal(SlackEnvelopeOutcome.Duplicate, third.Outcome);
    }

    [Fact]
    public async Task UrlVerification_FromTheSandbox_TheAppEchoesTheChallenge()
    {
        await using var h = await StartAsync(new SlackAppHarnessOptions { LiveEvents = true });

        Assert.True(await h.Slack.VerifyEventsUrlAsync(Ct));
    }

    [Fact]
    public async Task DirectMessageEvent_ChannelTypeIm_AcknowledgedAndOpensNoSupportThread()
    {
        await using var h = await StartAsync(new SlackAppHarnessOptions { LiveEvents = true, EventRetryDelays = AtOnce });
        await h.SyncAsync();

        h.Slack.PostDirectMessageAsUser(Asker, "Can you look at my thread in private?");
        await WaitUntilAsync(() => Task.FromResult(h.Slack.EventDeliveries.Count == 1), "the DM event was delivered");
        await WaitUntilAsync(() => Task.FromResult(h.Services.GetRequiredService<SlackEventProcessor>().Pending == 0), "accepted events are applied");

        var delivery = Assert.Single(h.Slack.EventDeliveries);
        Assert.True(delivery.Delivered);
        Assert.Equal("im", JsonNode.Parse(delivery.Body)!["event"]!["channel_type"]!.GetValue<string>());
        await using var db = await h.DbAsync();
        Assert.Equal(0, await db.Set<SupportThread>().CountAsync(Ct));
    }

    private static string MessageEnvelope(SlackAppHarness h, string eventId, string ts, string text) => new JsonObject
    {
        ["token"] = h.Slack.VerificationToken,
        ["team_id"] = h.Slack.TeamId,
        ["api_app_id"] = h.Slack.AppId,
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

public sealed class SlackEventDeliveryOnSqliteTests() : SlackEventDeliveryTests(TestProvider.Sqlite);

public sealed class SlackEventDeliveryOnPostgresTests() : SlackEventDeliveryTests(TestProvider.Postgres);
