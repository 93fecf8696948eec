using System.Text.Json;

namespace CommunitySuccess.Sandbox.Slack;

/// <summary>A workspace member as <c>users.info</c> shows them.</summary>
public sealed record SlackUser
{
    /// <summary>User id (<c>U…</c>); left empty, the workspace assigns one.</summary>
    public string Id { get; init; } = "";

    /// <summary>The handle (<c>name</c>), e.g. <c>priya.raman</c>.</summary>
    public required string Name { get; init; }

    public required string RealName { get; init; }

    /// <summary>Empty when the person never set one, as in Slack.</summary>
    public string DisplayName { get; init; } = "";

    public string? Email { get; init; }

    /// <summary>IANA time zone (<c>Europe/Berlin</c>); Slack drops tz fields of deleted users, and so do we.</summary>
    public string? TimeZone { get; init; }

    public bool IsBot { get; init; }

    /// <summary>For bot users: their bot id (<c>B…</c>).</summary>
    public string? BotId { get; init; }

    public bool Deleted { get; init; }

    /// <summary>Avatar image; null serves generated initials from the sandbox itself (works offline).</summary>
    public Uri? AvatarUrl { get; init; }

    /// <summary>One of the company's support team (not a Slack notion: tells demo and tests who answers).</summary>
    public bool IsTeamMember { get; init; }
}

/// <summary>A public channel.</summary>
public sealed record SlackChannel(string Id, string Name, string Topic = "", string Purpose = "", bool IsGeneral = false, bool IsPrivate = false);

/// <summary>A member of the demo support team, for the app to seed its own team list from.</summary>
public sealed record DemoTeamMember(string Name, string Email, string SlackUserId, string TimeZone, string GitHubLogin);

/// <summary>A Slack user group (<c>S…</c>) such as <c>@oncall</c>.</summary>
public sealed record SlackUserGroup(string Id, string Handle, string Name, IReadOnlyList<string> Users);

/// <summary>A file shared on a message.</summary>
public sealed record SlackFile(string Id, string Name, string Title, string Mimetype, long Size = 2048);

/// <summary>App-defined message metadata (<c>{event_type, event_payload}</c>).</summary>
public sealed record SlackMessageMetadata(string EventType, JsonElement EventPayload);

/// <summary>One emoji reaction on a message, users in the order they reacted.</summary>
public sealed record SlackReaction(string Name, IReadOnlyList<string> Users)
{
    public int Count => Users.Count;
}

/// <summary>Who edited a message and when (<c>edited.ts</c>).</summary>
public sealed record SlackEdit(string UserId, string Ts);

/// <summary>A read-only copy of a stored message.</summary>
public sealed record SlackMessage
{
    public required string ChannelId { get; init; }
    public required string Ts { get; init; }

    /// <summary>Parent ts for a reply; own ts for a parent with replies; null otherwise.</summary>
    public string? ThreadTs { get; init; }

    public bool IsReply => ThreadTs is not null && ThreadTs != Ts;
    public string? UserId { get; init; }
    public string? BotId { get; init; }
    public string? Username { get; init; }
    public string? Subtype { get; init; }
    public required string Text { get; init; }
    public SlackEdit? Edited { get; init; }
    public IReadOnlyList<SlackReaction> Reactions { get; init; } = [];
    public IReadOnlyList<SlackFile> Files { get; init; } = [];
    public SlackMessageMetadata? Metadata { get; init; }
    public int ReplyCount { get; init; }
    public DateTimeOffset PostedAt { get; init; }
}

/// <summary>
/// A message to add to the workspace as if it had been written in Slack at <see cref="At"/> (default: now).
/// Person: set <see cref="UserId"/>. Our bot: <see cref="UserId"/> = the bot user. Integration (<c>bot_message</c>):
/// <see cref="BotId"/> + <see cref="Username"/> and no user.
/// </summary>
public sealed record SlackMessageDraft
{
    public required string ChannelId { get; init; }
    public string Text { get; init; } = "";
    public string? UserId { get; init; }
    public string? BotId { get; init; }
    public string? Username { get; init; }

    /// <summary><c>bot_message</c>, <c>channel_join</c>, … (<c>thread_broadcast</c> comes from <see cref="ReplyBroadcast"/>).</summary>
    public string? Subtype { get; init; }

    public string? ThreadTs { get; init; }
    public bool ReplyBroadcast { get; init; }
    public DateTimeOffset? At { get; init; }
    public IReadOnlyList<SlackFile>? Files { get; init; }

    /// <summary>Block Kit JSON array, as a string.</summary>
    public string? BlocksJson { get; init; }

    public SlackMessageMetadata? Metadata { get; init; }
}

/// <summary>One Web API call the sandbox received (token left out), for tests to count.</summary>
/// <param name="Outcome"><c>ok</c>, the Slack error code, or <c>http_429</c> / <c>http_500</c> for injected faults.</param>
public sealed record SlackApiCall(string Method, IReadOnlyDictionary<string, string> Parameters, DateTimeOffset At, string Outcome)
{
    public string? this[string parameter] => Parameters.GetValueOrDefault(parameter);
}

/// <summary>One Events API callback the sandbox tried to deliver.</summary>
/// <param name="StatusCode">The receiver's HTTP status; null when it could not be reached.</param>
/// <param name="RetryNum">0 for the first attempt; 1–3 for Slack's retries (sent as <c>X-Slack-Retry-Num</c>).</param>
/// <param name="RetryReason">Why the attempt before failed (<c>X-Slack-Retry-Reason</c>: <c>http_timeout</c>, <c>http_error</c>, <c>connection_failed</c>).</param>
public sealed record SlackEventDelivery(string EventId, string EventType, string Body, int? StatusCode, string? Error, int RetryNum = 0, string? RetryReason = null)
{
    /// <summary>Answered 2xx within Slack's 3 seconds.</summary>
    public bool Delivered => StatusCode is >= 200 and < 300 && Error is null;
}
