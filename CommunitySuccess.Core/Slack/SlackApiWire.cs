using System.Text.Json.Serialization;

namespace CommunitySuccess.Core.Slack;

// Shapes of Slack's responses as they come over the wire; the client maps them to the public records.
// Only the fields we use are declared: anything else in a response is ignored.

internal class SlackResponse
{
    public bool Ok { get; set; }
    public string? Error { get; set; }
    public string? Needed { get; set; }
    public string? Provided { get; set; }
    public SlackResponseMetadataWire? ResponseMetadata { get; set; }

    /// <summary>The token's scopes, from the <c>x-oauth-scopes</c> header Slack adds to every Web API answer.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? OAuthScopes { get; set; }
}

internal sealed class SlackResponseMetadataWire
{
    public string? NextCursor { get; set; }
}

internal sealed class AuthTestResponse : SlackResponse
{
    public string? Url { get; set; }
    public string? Team { get; set; }
    public string? User { get; set; }
    public string? TeamId { get; set; }
    public string? UserId { get; set; }
    public string? BotId { get; set; }
}

internal sealed class MessagesResponse : SlackResponse
{
    public List<SlackMessage>? Messages { get; set; }
    public bool HasMore { get; set; }
}

internal sealed class ConversationResponse : SlackResponse
{
    public ConversationWire? Channel { get; set; }
}

internal sealed class ConversationsListResponse : SlackResponse
{
    public List<ConversationWire>? Channels { get; set; }
}

internal sealed class ConversationWire
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public bool IsChannel { get; set; }
    public bool IsGroup { get; set; }
    public bool IsIm { get; set; }
    public bool IsMpim { get; set; }
    public bool IsPrivate { get; set; }
    public bool IsArchived { get; set; }
    public bool IsMember { get; set; }
    public TextValueWire? Topic { get; set; }
    public TextValueWire? Purpose { get; set; }
}

internal sealed class TextValueWire
{
    public string? Value { get; set; }
}

internal sealed class UserResponse : SlackResponse
{
    public UserWire? User { get; set; }
}

internal sealed class UsersListResponse : SlackResponse
{
    public List<UserWire>? Members { get; set; }
}

internal sealed class UserWire
{
    public string? Id { get; set; }
    public string? TeamId { get; set; }
    public string? Name { get; set; }
    public string? RealName { get; set; }
    public bool Deleted { get; set; }
    public bool IsBot { get; set; }

    [JsonPropertyName("tz")]
    public string? TimeZone { get; set; }

    public int? TzOffset { get; set; }
    public UserProfileWire? Profile { get; set; }
}

internal sealed class UserProfileWire
{
    public string? RealName { get; set; }
    public string? DisplayName { get; set; }
    public string? Email { get; set; }
    public string? BotId { get; set; }

    [JsonPropertyName("image_48")]
    public string? Image48 { get; set; }

    [JsonPropertyName("image_72")]
    public string? Image72 { get; set; }
}

internal sealed class TeamResponse : SlackResponse
{
    public TeamWire? Team { get; set; }
}

internal sealed class TeamWire
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Domain { get; set; }
}

internal sealed class BotResponse : SlackResponse
{
    public BotWire? Bot { get; set; }
}

internal sealed class BotWire
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AppId { get; set; }
    public string? UserId { get; set; }
    public bool Deleted { get; set; }
}

internal sealed class PostMessageResponse : SlackResponse
{
    public string? Channel { get; set; }
    public string? Ts { get; set; }
}

internal sealed class PermalinkResponse : SlackResponse
{
    public string? Permalink { get; set; }
}

internal sealed class ReactionsGetResponse : SlackResponse
{
    public string? Type { get; set; }
    public ReactionsHolderWire? Message { get; set; }
    public ReactionsHolderWire? File { get; set; }
}

internal sealed class ReactionsHolderWire
{
    public List<SlackReaction>? Reactions { get; set; }
}

// Request bodies sent as JSON (chat.postMessage and chat.update take nested metadata).
internal sealed class PostMessageRequest
{
    public required string Channel { get; init; }
    public required string Text { get; init; }
    public string? ThreadTs { get; init; }
    public bool? ReplyBroadcast { get; init; }
    public string? Username { get; init; }
    public string? IconUrl { get; init; }
    public SlackMessageMetadata? Metadata { get; init; }
}

internal sealed class UpdateMessageRequest
{
    public required string Channel { get; init; }
    public required string Ts { get; init; }
    public required string Text { get; init; }
}
