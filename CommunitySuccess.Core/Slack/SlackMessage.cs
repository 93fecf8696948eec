using System.Text.Json.Nodes;

namespace CommunitySuccess.Core.Slack;

/// <summary>
/// A Slack message as returned by <c>conversations.history</c> / <c>conversations.replies</c> and carried by
/// <c>message</c> events. <see cref="Ts"/> and every other timestamp stay strings: they are ids, and a double
/// would lose the microseconds.
/// </summary>
public sealed record SlackMessage
{
    private readonly string _ts = "";
    private readonly IReadOnlyList<string> _replyUsers = [];
    private readonly IReadOnlyList<SlackReaction> _reactions = [];
    private readonly IReadOnlyList<SlackFile> _files = [];

    public string? Type { get; init; }

    /// <summary><c>null</c> for a plain message; see <see cref="SlackMessageSubtypes"/>.</summary>
    public string? Subtype { get; init; }

    public string Ts { get => _ts; init => _ts = value ?? ""; }

    /// <summary>The parent's ts for a thread reply, and the message's own ts for a thread parent.</summary>
    public string? ThreadTs { get; init; }

    /// <summary>Missing on <c>bot_message</c> messages from integrations.</summary>
    public string? User { get; init; }

    public string? BotId { get; init; }
    public string? Username { get; init; }
    public string? AppId { get; init; }
    public string? Text { get; init; }
    public string? Team { get; init; }
    public string? ClientMsgId { get; init; }
    public int? ReplyCount { get; init; }
    public int? ReplyUsersCount { get; init; }
    public string? LatestReply { get; init; }

    public IReadOnlyList<string> ReplyUsers { get => _replyUsers; init => _replyUsers = value ?? []; }
    public IReadOnlyList<SlackReaction> Reactions { get => _reactions; init => _reactions = value ?? []; }
    public IReadOnlyList<SlackFile> Files { get => _files; init => _files = value ?? []; }

    public SlackEdited? Edited { get; init; }
    public SlackMessageMetadata? Metadata { get; init; }
    public bool Hidden { get; init; }

    /// <summary>Set on <c>message_deleted</c>: the ts of the message that was deleted.</summary>
    public string? DeletedTs { get; init; }

    /// <summary>Set on <c>message_changed</c>: the message as it is now.</summary>
    public SlackMessage? Message { get; init; }

    /// <summary>Set on <c>message_changed</c> and <c>message_deleted</c>: the message as it was.</summary>
    public SlackMessage? PreviousMessage { get; init; }

    /// <summary>Set on <c>thread_broadcast</c>: the thread's parent message.</summary>
    public SlackMessage? Root { get; init; }

    public string? ParentUserId { get; init; }
    public SlackBotProfile? BotProfile { get; init; }
}

/// <summary>One emoji on a message: its name without colons, who reacted and how many did.</summary>
public sealed record SlackReaction
{
    private readonly IReadOnlyList<string> _users = [];

    public string Name { get; init; } = "";

    /// <summary>May be cut short by Slack on popular reactions; <see cref="Count"/> is the true number.</summary>
    public IReadOnlyList<string> Users { get => _users; init => _users = value ?? []; }

    public int Count { get; init; }
}

public sealed record SlackFile
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? Title { get; init; }
    public string? Mimetype { get; init; }
    public string? UrlPrivate { get; init; }
    public string? Permalink { get; init; }
}

public sealed record SlackEdited
{
    public string? User { get; init; }
    public string? Ts { get; init; }
}

public sealed record SlackBotProfile
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? AppId { get; init; }
    public string? TeamId { get; init; }
    public bool Deleted { get; init; }
}

/// <summary>
/// Message metadata: our outbox tags what it posts with its own id here, so that a retry can find an earlier
/// post that did go through. Slack returns it only when asked (<c>include_all_metadata</c>).
/// </summary>
public sealed record SlackMessageMetadata
{
    public SlackMessageMetadata()
    {
    }

    public SlackMessageMetadata(string eventType, JsonObject? eventPayload = null)
    {
        EventType = eventType;
        EventPayload = eventPayload;
    }

    public string EventType { get; init; } = "";

    public JsonObject? EventPayload { get; init; }
}

/// <summary>The message subtypes the sync cares about (any other is kept as it came).</summary>
public static class SlackMessageSubtypes
{
    public const string MessageChanged = "message_changed";
    public const string MessageDeleted = "message_deleted";
    public const string MessageReplied = "message_replied";
    public const string ThreadBroadcast = "thread_broadcast";
    public const string BotMessage = "bot_message";
    public const string ChannelJoin = "channel_join";
    public const string ChannelLeave = "channel_leave";
}
