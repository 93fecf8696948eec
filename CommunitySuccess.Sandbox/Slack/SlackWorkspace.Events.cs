using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace CommunitySuccess.Sandbox.Slack;

/// <summary>Events API envelopes, shaped like Slack's <c>event_callback</c> (see shared/fixtures/slack/events).</summary>
public sealed partial class SlackWorkspace
{
    private void EmitMessageEvent(ChannelState channel, StoredMessage message)
    {
        var evt = RenderMessage(channel, message, MessageView.Event);
        evt["channel"] = channel.Info.Id;
        evt["event_ts"] = SlackTs.Format(message.Ts);
        evt["channel_type"] = ChannelType(channel);
        Emit(channel, "message", evt);
    }

    private void EmitMessageChanged(ChannelState channel, StoredMessage message, JsonObject previous)
    {
        var eventTs = SlackTs.Format(Math.Max(NowTs(), message.Ts));
        var evt = new JsonObject
        {
            ["type"] = "message",
            ["subtype"] = "message_changed",
            ["message"] = RenderMessage(channel, message, MessageView.Event),
            ["previous_message"] = previous,
            ["channel"] = channel.Info.Id,
            ["hidden"] = true,
            ["ts"] = eventTs,
            ["event_ts"] = eventTs,
            ["channel_type"] = ChannelType(channel),
        };
        Emit(channel, "message", evt);
    }

    private void EmitMessageDeleted(ChannelState channel, StoredMessage message, JsonObject previous)
    {
        var eventTs = SlackTs.Format(Math.Max(NowTs(), message.Ts));
        var evt = new JsonObject
        {
            ["type"] = "message",
            ["subtype"] = "message_deleted",
            ["previous_message"] = previous,
            ["channel"] = channel.Info.Id,
            ["hidden"] = true,
            ["deleted_ts"] = SlackTs.Format(message.Ts),
            ["event_ts"] = eventTs,
            ["ts"] = eventTs,
            ["channel_type"] = ChannelType(channel),
        };
        Emit(channel, "message", evt);
    }

    private void EmitReactionEvent(ChannelState channel, StoredMessage message, string userId, string name, bool added)
    {
        var evt = new JsonObject
        {
            ["type"] = added ? "reaction_added" : "reaction_removed",
            ["user"] = userId,
            ["item"] = new JsonObject { ["type"] = "message", ["channel"] = channel.Info.Id, ["ts"] = SlackTs.Format(message.Ts) },
            ["reaction"] = name,
        };
        if ((message.User ?? message.BotId) is { } author)
        {
            evt["item_user"] = author;
        }

        evt["event_ts"] = SlackTs.Format(NowTs());
        Emit(channel, (string)evt["type"]!, evt);
    }

    /// <summary>The <c>channel_type</c> of message events: <c>im</c> for a DM, <c>group</c> for a private channel.</summary>
    private static string ChannelType(ChannelState channel) => channel.IsIm ? "im" : channel.Info.IsPrivate ? "group" : "channel";

    /// <summary>
    /// What Slack sends when the events URL is set in the app's settings: a signed <c>url_verification</c> whose
    /// <c>challenge</c> the app must echo (as the body, or as <c>{"challenge": …}</c>). True when it did.
    /// </summary>
    public async Task<bool> VerifyEventsUrlAsync(CancellationToken cancellationToken = default)
    {
        var url = EventsUrl ?? throw new InvalidOperationException("No events URL is set.");
        var challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" + Interlocked.Increment(ref _eventCounter).ToString(CultureInfo.InvariantCulture);
        var body = new JsonObject { ["token"] = VerificationToken, ["challenge"] = challenge, ["type"] = "url_verification" }.ToJsonString(WireOptions);
        var (status, answer) = await _events.PostOnceAsync(url, body, cancellationToken).ConfigureAwait(false);
        if (status is not 200)
        {
            return false;
        }

        if (answer.Trim() == challenge)
        {
            return true;
        }

        try
        {
            return JsonNode.Parse(answer) is JsonObject json && json["challenge"] is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String && (string?)value == challenge;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private void Emit(ChannelState channel, string eventType, JsonObject evt)
    {
        if (EventsUrl is not { } url)
        {
            return;
        }

        var eventId = "Ev0SBX" + Interlocked.Increment(ref _eventCounter).ToString("D6", CultureInfo.InvariantCulture);
        var context = $$"""{"et":"{{eventType}}","tid":"{{TeamId}}","aid":"{{AppId}}","cid":"{{channel.Info.Id}}"}""";
        var envelope = new JsonObject
        {
            ["token"] = VerificationToken,
            ["team_id"] = TeamId,
            ["context_team_id"] = TeamId,
            ["context_enterprise_id"] = null,
            ["api_app_id"] = AppId,
            ["event"] = evt,
            ["type"] = "event_callback",
            ["event_id"] = eventId,
            ["event_time"] = _time.GetUtcNow().ToUnixTimeSeconds(),
            ["authorizations"] = new JsonArray(new JsonObject
            {
                ["enterprise_id"] = null,
                ["team_id"] = TeamId,
                ["user_id"] = BotUserId,
                ["is_bot"] = true,
                ["is_enterprise_install"] = false,
            }),
            ["is_ext_shared_channel"] = false,
            ["event_context"] = "4-" + Convert.ToBase64String(Encoding.UTF8.GetBytes(context)).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
        };
        _events.Enqueue(url, eventId, eventType, envelope.ToJsonString(WireOptions));
    }
}
