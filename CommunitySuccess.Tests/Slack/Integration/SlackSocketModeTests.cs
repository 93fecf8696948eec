using System.Text.Json;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Core.Slack.SocketMode;
using CommunitySuccess.Sandbox.Slack;
using Microsoft.Extensions.DependencyInjection;
using static CommunitySuccess.Tests.Slack.Integration.SlackAppHarness;

namespace CommunitySuccess.Tests.Slack.Integration;

/// <summary>
/// Issue 11 item 8: with <c>Slack:AppToken</c> set the app needs no public URL. It connects to the sandbox's Socket Mode,
/// acknowledges every envelope, reconnects when Slack asks or the socket drops, and applies a redelivered event once.
/// </summary>
public sealed class SlackSocketModeTests
{
    private static Task<SlackAppHarness> StartAsync() =>
        SlackAppHarness.StartAsync(new SlackAppHarnessOptions { Settings = s => s["Slack:AppToken"] = SocketModeServer.DefaultAppToken });

    private static Task WaitForConnectionsAsync(SlackAppHarness harness, int count) =>
        WaitUntilAsync(() => Task.FromResult(harness.Sandbox.SocketMode.ConnectionsOpened >= count && harness.Sandbox.SocketMode.OpenConnections == 1), $"{count} Socket Mode connection(s) were opened");

    private static Task WaitForThreadAsync(SlackAppHarness harness, string ts) =>
        WaitUntilAsync(async () => await harness.FindThreadAsync(ts) is not null, $"thread {ts} is in the inbox");

    [Fact]
    public async Task Start_AppTokenSet_ConnectsAndAppliesEventsFromTheSocketAcknowledgingEach()
    {
        await using var harness = await StartAsync();
        await WaitForConnectionsAsync(harness, 1);
        harness.Sandbox.SocketMode.Enable();

        var ts = harness.Slack.PostAsUser(SupportChannel, Asker, "The export fails with a timeout");

        await WaitForThreadAsync(harness, ts);
        await WaitUntilAsync(() => Task.FromResult(harness.Sandbox.SocketMode.Envelopes.All(e => e.Acknowledged)), "every envelope is acknowledged");
        var envelope = Assert.Single(harness.Sandbox.SocketMode.Envelopes);
        Assert.Equal("events_api", envelope.Type);
        // Acknowledged within the 3 s Slack allows: sent once, never redelivered.
        Assert.Equal(1, envelope.Attempts);
        Assert.True(harness.Services.GetRequiredService<SlackSocketModeService>().IsConnected);
    }

    [Fact]
    public async Task Start_AppTokenRefusedBySlack_NeverConnects()
    {
        await using var harness = await SlackAppHarness.StartAsync(new SlackAppHarnessOptions { Settings = s => s["Slack:AppToken"] = "xapp-1-A0OTHER-1-not-this-apps-token" });

        await WaitUntilAsync(() => Task.FromResult(harness.Sandbox.SocketMode.OpensRefused >= 1), "Slack refused the connection");

        Assert.Equal(0, harness.Sandbox.SocketMode.ConnectionsOpened);
        Assert.False(harness.Services.GetRequiredService<SlackSocketModeService>().IsConnected);
    }

    [Theory]
    [InlineData("refresh_requested")]
    [InlineData("warning")]
    public async Task Disconnect_SlackAsksToRefresh_ReconnectsAndKeepsDelivering(string reason)
    {
        await using var harness = await StartAsync();
        await WaitForConnectionsAsync(harness, 1);
        harness.Sandbox.SocketMode.Enable();

        await harness.Sandbox.SocketMode.DisconnectAllAsync(reason, Ct);
        await WaitForConnectionsAsync(harness, 2);
        var ts = harness.Slack.PostAsUser(SupportChannel, Asker, "Asked after the refresh");

        await WaitForThreadAsync(harness, ts);
    }

    [Fact]
    public async Task DroppedSocket_NetworkFailure_ReconnectsAndDeliversWhatWasSentMeanwhile()
    {
        await using var harness = await StartAsync();
        await WaitForConnectionsAsync(harness, 1);
        harness.Sandbox.SocketMode.Enable();

        harness.Sandbox.SocketMode.DropAll();
        var ts = harness.Slack.PostAsUser(SupportChannel, Asker, "Asked while the socket was down");

        await WaitForConnectionsAsync(harness, 2);
        await WaitForThreadAsync(harness, ts);
    }

    [Fact]
    public async Task Redelivery_AcknowledgementLost_EventAppliedOnce()
    {
        await using var harness = await StartAsync();
        await WaitForConnectionsAsync(harness, 1);
        var socketMode = harness.Sandbox.SocketMode;
        socketMode.Enable();
        socketMode.AckTimeout = TimeSpan.FromMilliseconds(300);
        socketMode.LoseAcks = 1;

        var ts = harness.Slack.PostAsUser(SupportChannel, Asker, "Delivered twice");

        await WaitUntilAsync(() => Task.FromResult(socketMode.Envelopes is [{ Acknowledged: true }]), "the redelivered envelope is acknowledged");
        var processor = harness.Services.GetRequiredService<SlackEventProcessor>();
        await WaitUntilAsync(() => Task.FromResult(processor.Pending == 0), "the event processor is idle");
        var envelope = Assert.Single(socketMode.Envelopes);
        Assert.True(envelope.Attempts >= 2, $"sent {envelope.Attempts} time(s)");
        Assert.True(envelope.RetryAttempt >= 1);
        Assert.NotNull(await harness.FindThreadAsync(ts));
        // Applied once: the thread was fetched once, not once per delivery.
        Assert.Single(harness.Slack.RequestsTo("conversations.replies"));
    }

    [Fact]
    public async Task SlashCommand_OnCallOverSocket_AnsweredInTheAcknowledgement()
    {
        await using var harness = await StartAsync();
        await WaitForConnectionsAsync(harness, 1);

        var id = harness.Sandbox.SocketMode.SendSlashCommand("/oncall", "", Asker, "D0ASKERDM01");

        await WaitUntilAsync(() => Task.FromResult(harness.Sandbox.SocketMode.Envelopes.Any(e => e.EnvelopeId == id && e.Acknowledged)), "the command is acknowledged");
        var envelope = harness.Sandbox.SocketMode.Envelopes.Single(e => e.EnvelopeId == id);
        using var reply = JsonDocument.Parse(envelope.ResponsePayload!);
        Assert.Equal("ephemeral", reply.RootElement.GetProperty("response_type").GetString());
        Assert.StartsWith("On call today: ", reply.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(7, 60)]
    [InlineData(50, 60)]
    public void Backoff_FailuresInARow_DoublesUpToAMinute(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), SlackSocketModeService.Backoff(failures));
}
