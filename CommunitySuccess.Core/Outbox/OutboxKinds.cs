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

/// <summary>The kinds of GitHub writes.</summary>
public static class GitHubOutboxKinds
{
    public const string Comment = "github.comment";
    public const string AddLabels = "github.labels.add";
    public const string RemoveLabel = "github.labels.remove";
    public const string Close = "github.close";
    public const string Assign = "github.assign";
    public const string CreateIssue = "github.issue.create";
    public const string AddReaction = "github.reactions.add";
    public const string EditComment = "github.comment.edit";
    public const string DeleteComment = "github.comment.delete";
}

/// <summary>A comment on an issue; the sender appends the hidden outbox tag.</summary>
public sealed record GitHubCommentPayload(string Repository, int Number, string Body);

/// <summary>Add labels to, or remove one label from, an issue.</summary>
public sealed record GitHubLabelsPayload(string Repository, int Number, IReadOnlyList<string> Labels);

/// <summary>Close an issue as completed or not planned.</summary>
public sealed record GitHubClosePayload(string Repository, int Number, bool NotPlanned);

/// <summary>Assign an issue to a login.</summary>
public sealed record GitHubAssignPayload(string Repository, int Number, string Login);

/// <summary>Open an issue (from a Slack thread); the sender appends the hidden outbox tag to the body.</summary>
public sealed record GitHubCreateIssuePayload(string Repository, string Title, string Body, IReadOnlyList<string> Labels);

/// <summary>Add our account's reaction (<c>eyes</c>, …) to an issue; GitHub answers an existing one with 200, so a re-send is harmless.</summary>
public sealed record GitHubReactionPayload(string Repository, int Number, string Content);

/// <summary>Replace one of our comments' text; <see cref="Body"/> already carries the original write's hidden tag.</summary>
public sealed record GitHubCommentEditPayload(string Repository, int Number, long CommentId, string Body);

/// <summary>Delete one of our comments; a repeat finding it gone is done.</summary>
public sealed record GitHubCommentDeletePayload(string Repository, int Number, long CommentId);
