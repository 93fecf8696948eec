using System.Text.Json;
using System.Text.Json.Serialization;

namespace CommunitySuccess.Core.Outbox;

/// <summary>The kinds of outbound writes and their payloads.</summary>
public static class OutboxKinds
{
    public const string SlackPostMessage = "slack.postMessage";
    public const string SlackUpdateMessage = "slack.update";
    public const string SlackDeleteMessage = "slack.delete";
    public const string SlackAddReaction = "slack.reactions.add";
    public const string SlackRemoveReaction = "slack.reactions.remove";
    public const string SlackUpdateUserGroup = "slack.usergroups.users.update";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>A Slack message to post (a reply in a thread when <see cref="ThreadTs"/> is set).</summary>
public sealed record SlackPostPayload(string Channel, string Text, string? ThreadTs = null, string? Username = null, string? IconUrl = null);

/// <summary>Edit or delete (Text null) one of our own Slack messages; <see cref="ThreadTs"/> to re-read its thread after.</summary>
public sealed record SlackMessageEditPayload(string Channel, string Ts, string? Text, string? ThreadTs = null);

/// <summary>Add or remove our bot's reaction on a Slack message.</summary>
public sealed record SlackReactionPayload(string Channel, string Ts, string Name);

/// <summary>Make a Slack user group's members exactly these users.</summary>
public sealed record SlackUserGroupPayload(string UserGroupId, IReadOnlyList<string> UserIds);
