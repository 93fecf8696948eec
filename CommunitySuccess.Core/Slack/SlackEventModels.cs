using System.Text.Json;

namespace CommunitySuccess.Core.Slack;

/// <summary>A request body of the Slack Events API, as <see cref="SlackEvents.Parse"/> reads it.</summary>
public abstract record SlackEventEnvelope(string Type);

/// <summary>Slack checks our request URL: answer with <see cref="Challenge"/>.</summary>
public sealed record SlackUrlVerification(string Challenge) : SlackEventEnvelope(SlackEvents.UrlVerification);

/// <summary>
/// An event delivery. <see cref="EventId"/> is unique per event and is how a retried delivery is recognised;
/// <see cref="EventTime"/> is in Unix seconds.
/// </summary>
public sealed record SlackEventCallback(string? EventId, long? EventTime, string? TeamId, string? ApiAppId, SlackInnerEvent Event)
    : SlackEventEnvelope(SlackEvents.EventCallback)
{
    /// <summary><see cref="EventTime"/> as a UTC time.</summary>
    public DateTime? EventTimeUtc => EventTime is { } seconds ? DateTime.UnixEpoch.AddSeconds(seconds) : null;
}

/// <summary>Slack is dropping our events for a while (more than 30,000 an hour): polling must catch up.</summary>
public sealed record SlackAppRateLimited(string? TeamId, string? ApiAppId, long MinuteRateLimited)
    : SlackEventEnvelope(SlackEvents.AppRateLimited);

/// <summary>An envelope type we do not handle; kept whole so it can be logged and ignored.</summary>
public sealed record SlackUnknownEnvelope(string Type, JsonElement Raw) : SlackEventEnvelope(Type);

/// <summary>The <c>event</c> of an <c>event_callback</c>.</summary>
public abstract record SlackInnerEvent(string Type, string? EventTs);

/// <summary>
/// A <c>message</c> event of any subtype. <see cref="Message"/> is the event body read as a message, so a
/// <c>message_changed</c> carries the new state in <see cref="Changed"/> and the old one in <see cref="Previous"/>,
/// and a <c>message_deleted</c> carries <see cref="DeletedTs"/>.
/// </summary>
public sealed record SlackMessageEvent(string? Channel, string? ChannelType, string? EventTs, SlackMessage Message)
    : SlackInnerEvent(SlackEvents.MessageEvent, EventTs)
{
    public string? Subtype => Message.Subtype;

    /// <summary>For <c>message_changed</c>: the message as it is now.</summary>
    public SlackMessage? Changed => Message.Message;

    /// <summary>For <c>message_changed</c> and <c>message_deleted</c>: the message as it was.</summary>
    public SlackMessage? Previous => Message.PreviousMessage;

    /// <summary>For <c>message_deleted</c>: the ts of the deleted message.</summary>
    public string? DeletedTs => Message.DeletedTs;
}

/// <summary><c>reaction_added</c> or <c>reaction_removed</c>; <see cref="Reaction"/> is the emoji name without colons.</summary>
public sealed record SlackReactionEvent(string Type, string User, string Reaction, SlackReactionItem Item, string? ItemUser, string? EventTs)
    : SlackInnerEvent(Type, EventTs)
{
    public bool Added => Type == SlackEvents.ReactionAdded;
}

/// <summary>What was reacted to: a message (channel + ts) or a file.</summary>
public sealed record SlackReactionItem(string Type, string? Channel, string? Ts, string? File);

/// <summary>An inner event type we do not handle; kept whole so it can be logged and ignored.</summary>
public sealed record SlackUnknownInnerEvent(string Type, string? EventTs, JsonElement Raw) : SlackInnerEvent(Type, EventTs);

/// <summary>A Slack payload that cannot be read: not JSON, or missing what its type requires.</summary>
public sealed class SlackPayloadException : Exception
{
    public SlackPayloadException()
    {
    }

    public SlackPayloadException(string message)
        : base(message)
    {
    }

    public SlackPayloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
