using System.Text.Json;
using System.Text.Json.Serialization;

namespace CommunitySuccess.Core.Slack;

/// <summary>The one set of JSON rules for Slack's wire format (snake_case names, missing fields tolerated).</summary>
internal static class SlackJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Slack has sent counters as strings in older payloads; reading them either way costs nothing.
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };
}
