using System.Text.Json;

namespace CommunitySuccess.Core.Slack;

/// <summary>Reads Slack Events API request bodies into typed records. Verify the signature first.</summary>
public static class SlackEvents
{
    public const string UrlVerification = "url_verification";
    public const string EventCallback = "event_callback";
    public const string AppRateLimited = "app_rate_limited";
    public const string MessageEvent = "message";
    public const string ReactionAdded = "reaction_added";
    public const string ReactionRemoved = "reaction_removed";

    /// <summary>
    /// Reads an Events API body. Unknown envelope or event types come back as <see cref="SlackUnknownEnvelope"/> /
    /// <see cref="SlackUnknownInnerEvent"/>; a body that is not JSON, or lacks what its type needs, throws
    /// <see cref="SlackPayloadException"/>.
    /// </summary>
    public static SlackEventEnvelope Parse(string json)
    {
        using var document = ParseDocument(json, "Slack event");
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new SlackPayloadException($"A Slack event must be a JSON object, not {root.ValueKind}.");
        }

        var type = GetString(root, "type");
        var hasEvent = root.TryGetProperty("event", out var inner) && inner.ValueKind == JsonValueKind.Object;

        // Slack always names the envelope type; SDK sample payloads blank it, and the inner event still says
        // what it is, so an envelope that carries an event is read as a callback.
        if (type == EventCallback || (string.IsNullOrEmpty(type) && hasEvent))
        {
            if (!hasEvent)
            {
                throw new SlackPayloadException("A Slack event_callback has no 'event' object.");
            }

            return new SlackEventCallback(
                NullIfEmpty(GetString(root, "event_id")),
                GetInt64(root, "event_time"),
                NullIfEmpty(GetString(root, "team_id")),
                NullIfEmpty(GetString(root, "api_app_id")),
                ParseInnerEvent(inner));
        }

        return type switch
        {
            UrlVerification => new SlackUrlVerification(
                GetString(root, "challenge") is { Length: > 0 } challenge
                    ? challenge
                    : throw new SlackPayloadException("A Slack url_verification has no 'challenge'.")),
            AppRateLimited => new SlackAppRateLimited(
                NullIfEmpty(GetString(root, "team_id")),
                NullIfEmpty(GetString(root, "api_app_id")),
                GetInt64(root, "minute_rate_limited") ?? 0),
            _ => new SlackUnknownEnvelope(type ?? "", root.Clone()),
        };
    }

    /// <summary>Reads an inner event on its own (the <c>event</c> of a callback, or a Socket Mode payload's event).</summary>
    public static SlackInnerEvent ParseInnerEvent(string json)
    {
        using var document = ParseDocument(json, "Slack inner event");
        return ParseInnerEvent(document.RootElement);
    }

    /// <summary>Reads an inner event from an element; the result does not depend on the element's document.</summary>
    public static SlackInnerEvent ParseInnerEvent(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new SlackPayloadException($"A Slack event must be a JSON object, not {element.ValueKind}.");
        }

        var type = GetString(element, "type");
        var eventTs = NullIfEmpty(GetString(element, "event_ts"));
        switch (type)
        {
            case MessageEvent:
                return new SlackMessageEvent(
                    NullIfEmpty(GetString(element, "channel")),
                    NullIfEmpty(GetString(element, "channel_type")),
                    eventTs,
                    Deserialize<SlackMessage>(element, "message event"));

            case ReactionAdded or ReactionRemoved:
                if (!element.TryGetProperty("item", out var item) || item.ValueKind != JsonValueKind.Object)
                {
                    throw new SlackPayloadException($"A Slack {type} event has no 'item' object.");
                }

                return new SlackReactionEvent(
                    type,
                    GetString(element, "user") ?? throw new SlackPayloadException($"A Slack {type} event has no 'user'."),
                    GetString(element, "reaction") ?? throw new SlackPayloadException($"A Slack {type} event has no 'reaction'."),
                    new SlackReactionItem(
                        GetString(item, "type") ?? "",
                        NullIfEmpty(GetString(item, "channel")),
                        NullIfEmpty(GetString(item, "ts")),
                        NullIfEmpty(GetString(item, "file"))),
                    NullIfEmpty(GetString(element, "item_user")),
                    eventTs);

            default:
                return new SlackUnknownInnerEvent(type ?? "", eventTs, element.Clone());
        }
    }

    private static JsonDocument ParseDocument(string json, string what)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new SlackPayloadException($"The {what} body is empty.");
        }

        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new SlackPayloadException($"The {what} body is not valid JSON: {ex.Message}", ex);
        }
    }

    private static T Deserialize<T>(JsonElement element, string what)
    {
        try
        {
            return element.Deserialize<T>(SlackJson.Options)
                ?? throw new SlackPayloadException($"A Slack {what} is null.");
        }
        catch (JsonException ex)
        {
            throw new SlackPayloadException($"A Slack {what} has an unexpected shape: {ex.Message}", ex);
        }
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? GetInt64(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
