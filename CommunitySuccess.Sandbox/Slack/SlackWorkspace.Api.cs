using System.Text.Json;
using System.Text.Json.Nodes;

namespace CommunitySuccess.Sandbox.Slack;

/// <summary>The Web API methods, answered from the workspace state as Slack answers them.</summary>
public sealed partial class SlackWorkspace
{
    private const int MaxTextLength = 40_000;
    private const string BlocksOnlyText = "This content can't be displayed.";

    internal static bool IsKnownMethod(string method) => method is
        "auth.test" or "conversations.history" or "conversations.replies" or "conversations.info" or "users.info" or
        "chat.postMessage" or "chat.update" or "chat.delete" or "chat.getPermalink" or
        "reactions.add" or "reactions.remove" or "usergroups.users.update" or
        "team.info" or "conversations.join" or "conversations.open";

    /// <summary>Takes one call from the method's allowance; the seconds to wait when it is used up.</summary>
    internal int? TakeRateLimit(string method, SlackApiParameters p) => _limiter.TryTake(method, p["channel"]);

    internal JsonObject Invoke(string method, SlackApiParameters p)
    {
        lock (_gate)
        {
            RequireScopes(method, p);
            return method switch
            {
                "auth.test" => AuthTest(),
                "team.info" => TeamInfo(),
                "conversations.join" => ConversationsJoin(p),
                "conversations.open" => ConversationsOpen(p),
                "conversations.history" => ConversationsHistory(p),
                "conversations.replies" => ConversationsReplies(p),
                "conversations.info" => Ok(new JsonObject { ["channel"] = RenderChannel(VisibleChannelArgument(p, "channel")) }),
                "users.info" => UsersInfo(p),
                "chat.postMessage" => ChatPostMessage(p),
                "chat.update" => ChatUpdate(p),
                "chat.delete" => ChatDelete(p),
                "chat.getPermalink" => ChatGetPermalink(p),
                "reactions.add" => Reactions(p, add: true),
                "reactions.remove" => Reactions(p, add: false),
                "usergroups.users.update" => UsergroupsUsersUpdate(p),
                _ => throw new SlackApiException("unknown_method"),
            };
        }
    }

    internal void RecordCall(string method, SlackApiParameters p, string outcome)
    {
        lock (_gate)
        {
            _calls.Add(new SlackApiCall(method, new Dictionary<string, string>(p.Values, StringComparer.Ordinal), _time.GetUtcNow(), outcome));
        }
    }

    private static JsonObject Ok(JsonObject body)
    {
        var json = new JsonObject { ["ok"] = true };
        foreach (var (key, value) in body.ToList())
        {
            body.Remove(key);
            json[key] = value;
        }

        return json;
    }

    private JsonObject AuthTest() => Ok(new JsonObject
    {
        ["url"] = TeamUrl.ToString(),
        ["team"] = TeamName,
        ["user"] = BotName,
        ["team_id"] = TeamId,
        ["user_id"] = BotUserId,
        ["bot_id"] = BotId,
        ["is_enterprise_install"] = false,
    });

    private ChannelState ChannelArgument(SlackApiParameters p, string name)
    {
        var id = p[name] ?? throw new SlackApiException("channel_not_found");
        return _channels.TryGetValue(id, out var channel) ? channel : throw new SlackApiException("channel_not_found");
    }

    /// <summary>A channel the bot may see: public ones always, private ones and DMs only as a member (else <c>channel_not_found</c>, as Slack hides them).</summary>
    private ChannelState VisibleChannelArgument(SlackApiParameters p, string name)
    {
        var channel = ChannelArgument(p, name);
        return channel.Info.IsPrivate && !channel.BotIsMember ? throw new SlackApiException("channel_not_found") : channel;
    }

    /// <summary>A channel the bot is in.</summary>
    private ChannelState MemberChannelArgument(SlackApiParameters p, string name)
    {
        var channel = ChannelArgument(p, name);
        RequireMember(channel);
        return channel;
    }

    /// <summary>Slack answers <c>not_in_channel</c> for a public channel the bot was not invited to, and hides a private one (<c>channel_not_found</c>).</summary>
    private static void RequireMember(ChannelState channel)
    {
        if (!channel.BotIsMember)
        {
            throw new SlackApiException(channel.Info.IsPrivate ? "channel_not_found" : "not_in_channel");
        }
    }

    /// <summary>The bot scope each method's reference page names (for conversation methods, by the kind of conversation).</summary>
    private void RequireScopes(string method, SlackApiParameters p)
    {
        var kind = p["channel"] is { } id && _channels.TryGetValue(id, out var target)
            ? target.IsIm ? "im" : target.Info.IsPrivate ? "groups" : "channels"
            : "channels";
        var needed = method switch
        {
            "conversations.history" or "conversations.replies" => $"{kind}:history",
            "conversations.info" => $"{kind}:read",
            "conversations.join" => "channels:join",
            "conversations.open" => "im:write",
            "users.info" => "users:read",
            "team.info" => "team:read",
            "chat.postMessage" or "chat.update" or "chat.delete" => "chat:write",
            "reactions.add" or "reactions.remove" => "reactions:write",
            "usergroups.users.update" => "usergroups:write",
            _ => null,
        };
        if (needed is not null && !_scopes.Contains(needed))
        {
            throw new SlackApiException("missing_scope") { Needed = needed, Provided = string.Join(',', _scopes.Order(StringComparer.Ordinal)) };
        }
    }

    private JsonObject TeamInfo() => Ok(new JsonObject
    {
        ["team"] = new JsonObject
        {
            ["id"] = TeamId,
            ["name"] = TeamName,
            ["url"] = TeamUrl.ToString(),
            ["domain"] = TeamUrl.Host.Split('.')[0],
            ["email_domain"] = "",
            ["icon"] = new JsonObject
            {
                ["image_default"] = true,
                ["image_34"] = "https://a.slack-edge.com/80588/img/avatars-teams/ava_0001-34.png",
                ["image_44"] = "https://a.slack-edge.com/80588/img/avatars-teams/ava_0001-44.png",
                ["image_68"] = "https://a.slack-edge.com/80588/img/avatars-teams/ava_0001-68.png",
                ["image_88"] = "https://a.slack-edge.com/80588/img/avatars-teams/ava_0001-88.png",
                ["image_102"] = "https://a.slack-edge.com/80588/img/avatars-teams/ava_0001-102.png",
                ["image_132"] = "https://a.slack-edge.com/80588/img/avatars-teams/ava_0001-132.png",
                ["image_230"] = "https://a.slack-edge.com/80588/img/avatars-teams/ava_0001-230.png",
            },
            ["avatar_base_url"] = "https://ca.slack-edge.com/",
            ["is_verified"] = false,
            ["lob_sales_home_enabled"] = false,
        },
    });

    /// <summary>
    /// Public channels only (<c>method_not_supported_for_channel_type</c> otherwise); a second join succeeds with the
    /// <c>already_in_channel</c> warning, as the method's reference shows.
    /// </summary>
    private JsonObject ConversationsJoin(SlackApiParameters p)
    {
        var channel = VisibleChannelArgument(p, "channel");
        if (channel.Info.IsPrivate || channel.IsIm)
        {
            throw new SlackApiException("method_not_supported_for_channel_type");
        }

        var already = channel.BotIsMember;
        channel.BotIsMember = true;
        var json = new JsonObject { ["channel"] = RenderChannel(channel) };
        if (already)
        {
            json["warning"] = "already_in_channel";
            json["response_metadata"] = new JsonObject { ["warnings"] = new JsonArray("already_in_channel") };
        }

        return Ok(json);
    }

    /// <summary>Opens (or finds) the app's DM with one person: <c>users</c> names them; the answer carries the <c>D…</c> id.</summary>
    private JsonObject ConversationsOpen(SlackApiParameters p)
    {
        var users = (p["users"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (p["channel"] is { } channelId)
        {
            return _channels.TryGetValue(channelId, out var existing) && existing.IsIm
                ? Ok(new JsonObject { ["no_op"] = true, ["already_open"] = true, ["channel"] = new JsonObject { ["id"] = channelId } })
                : throw new SlackApiException("channel_not_found");
        }

        if (users.Length == 0)
        {
            throw new SlackApiException("users_list_not_supplied");
        }

        if (users.Length > 1)
        {
            // Group DMs (mpim) are not part of this sandbox.
            throw new SlackApiException("not_enough_users");
        }

        if (!_users.TryGetValue(users[0], out var user) || user.Deleted)
        {
            throw new SlackApiException("user_not_found");
        }

        var already = _channels.ContainsKey(DirectMessageChannelId(users[0]));
        var channel = DirectMessageChannel(users[0]) ?? throw new SlackApiException("cannot_dm_bot");
        var json = new JsonObject { ["channel"] = new JsonObject { ["id"] = channel.Info.Id } };
        if (already)
        {
            json["no_op"] = true;
            json["already_open"] = true;
        }

        return Ok(json);
    }

    /// <summary>
    /// Newest first, top-level messages and thread broadcasts only, paged downwards with <c>cursor</c>;
    /// <c>oldest</c>/<c>latest</c> bound the range, exclusive unless <c>inclusive</c>.
    /// </summary>
    private JsonObject ConversationsHistory(SlackApiParameters p)
    {
        var channel = MemberChannelArgument(p, "channel");
        var limit = RateLimits.NonMarketplace ? p.Limit(SlackRateLimits.NonMarketplacePageLimit, SlackRateLimits.NonMarketplacePageLimit) : p.Limit(100, 999);
        var (lower, upper) = TimeRange(p);
        if (p.Cursor() is { } cursor)
        {
            upper = Math.Min(upper, cursor);
        }

        var includeMetadata = p.Flag("include_all_metadata");
        var page = lower <= upper ? channel.Timeline.GetViewBetween(lower, upper).Reverse().Take(limit + 1).ToList() : [];
        var hasMore = page.Count > limit;
        var messages = new JsonArray([.. page.Take(limit).Select(ts => (JsonNode)RenderMessage(channel, channel.Messages[ts], MessageView.History, includeMetadata))]);
        return Ok(new JsonObject
        {
            ["messages"] = messages,
            ["has_more"] = hasMore,
            ["pin_count"] = 0,
            ["channel_actions_ts"] = null,
            ["channel_actions_count"] = 0,
            ["response_metadata"] = new JsonObject { ["next_cursor"] = hasMore ? SlackApiParameters.EncodeCursor(page[limit]) : "" },
        });
    }

    /// <summary>
    /// The parent first, then replies oldest first. The parent leads every page (it counts towards <c>limit</c>),
    /// and a ts that is a reply returns its whole thread, as Slack does.
    /// </summary>
    private JsonObject ConversationsReplies(SlackApiParameters p)
    {
        var channel = MemberChannelArgument(p, "channel");
        var tsText = p.Required("ts");
        if (!SlackTs.TryParse(tsText, out var ts) || !channel.Messages.TryGetValue(ts, out var message))
        {
            throw new SlackApiException("thread_not_found");
        }

        var parent = message;
        if (message.ParentTs is { } parentTs && !channel.Messages.TryGetValue(parentTs, out parent))
        {
            throw new SlackApiException("thread_not_found");
        }

        var limit = RateLimits.NonMarketplace ? p.Limit(SlackRateLimits.NonMarketplacePageLimit, SlackRateLimits.NonMarketplacePageLimit) : p.Limit(1000, 1000);
        var (lower, upper) = TimeRange(p);
        if (p.Cursor() is { } cursor)
        {
            lower = Math.Max(lower, cursor);
        }

        var includeMetadata = p.Flag("include_all_metadata");
        var replies = parent.Replies is { Count: > 0 } all && lower <= upper ? all.GetViewBetween(lower, upper).Take(Math.Max(1, limit - 1) + 1).ToList() : [];
        var take = Math.Max(1, limit - 1);
        var hasMore = replies.Count > take;
        var messages = new JsonArray(RenderMessage(channel, parent, MessageView.Replies, includeMetadata));
        foreach (var replyTs in replies.Take(take))
        {
            messages.Add(RenderMessage(channel, channel.Messages[replyTs], MessageView.Replies, includeMetadata));
        }

        return Ok(new JsonObject
        {
            ["messages"] = messages,
            ["has_more"] = hasMore,
            ["response_metadata"] = new JsonObject { ["next_cursor"] = hasMore ? SlackApiParameters.EncodeCursor(replies[take]) : "" },
        });
    }

    private static (long Lower, long Upper) TimeRange(SlackApiParameters p)
    {
        var inclusive = p.Flag("inclusive");
        long lower = 0;
        var upper = long.MaxValue;
        if (p["oldest"] is { } oldestText)
        {
            if (!SlackTs.TryParse(oldestText, out var oldest))
            {
                throw new SlackApiException("invalid_ts_oldest");
            }

            lower = inclusive ? oldest : oldest + 1;
        }

        if (p["latest"] is { } latestText)
        {
            if (!SlackTs.TryParse(latestText, out var latest))
            {
                throw new SlackApiException("invalid_ts_latest");
            }

            upper = inclusive ? latest : latest - 1;
        }

        return (lower, upper);
    }

    private JsonObject UsersInfo(SlackApiParameters p)
    {
        var id = p["user"] ?? throw new SlackApiException("user_not_found");
        return _users.TryGetValue(id, out var user)
            ? Ok(new JsonObject { ["user"] = RenderUser(user) })
            : throw new SlackApiException("user_not_found");
    }

    private JsonObject ChatPostMessage(SlackApiParameters p)
    {
        var target = p["channel"] ?? throw new SlackApiException("channel_not_found");
        var channel = _channels.GetValueOrDefault(target)
            ?? _channels.Values.FirstOrDefault(c => c.Info.Name == target.TrimStart('#'))
            ?? DirectMessageChannel(target)
            ?? throw new SlackApiException("channel_not_found");
        RequireMember(channel);

        var blocks = BlocksArgument(p);
        var text = p["text"] ?? "";
        if (text.Length == 0 && blocks is null && p["attachments"] is null)
        {
            throw new SlackApiException("no_text");
        }

        if (text.Length > MaxTextLength)
        {
            throw new SlackApiException("msg_too_long");
        }

        long? parentTs = null;
        if (p["thread_ts"] is { } threadText)
        {
            if (!SlackTs.TryParse(threadText, out var threadTs))
            {
                throw new SlackApiException("invalid_thread_ts");
            }

            // Slack files a reply to a reply under that reply's parent. A thread_ts that matches no message is
            // accepted too, and the reply is then seen nowhere: the sandbox keeps that quirk.
            parentTs = channel.Messages.TryGetValue(threadTs, out var parent) ? parent.ParentTs ?? parent.Ts : threadTs;
        }

        var message = new StoredMessage
        {
            ChannelId = channel.Info.Id,
            ParentTs = parentTs,
            User = BotUserId,
            BotId = BotId,
            AppId = AppId,
            Username = p["username"],
            IconEmoji = p["icon_emoji"],
            IconUrl = p["icon_url"],
            Subtype = parentTs is not null && p.Flag("reply_broadcast") ? "thread_broadcast" : null,
            Text = text.Length == 0 && blocks is not null ? BlocksOnlyText : text,
            Team = TeamId,
            BlocksJson = blocks,
            Metadata = MetadataArgument(p),
        };
        Insert(channel, message, at: null);
        EmitMessageEvent(channel, message);
        return Ok(new JsonObject
        {
            ["channel"] = channel.Info.Id,
            ["ts"] = SlackTs.Format(message.Ts),
            ["message"] = RenderMessage(channel, message, MessageView.Response, includeMetadata: true),
        });
    }

    private JsonObject ChatUpdate(SlackApiParameters p)
    {
        var channel = MemberChannelArgument(p, "channel");
        var message = MessageArgument(channel, p["ts"]);
        if (message.User != BotUserId)
        {
            throw new SlackApiException("cant_update_message");
        }

        var blocks = BlocksArgument(p);
        var text = p["text"];
        if (text is null && blocks is null)
        {
            throw new SlackApiException("no_text");
        }

        if (text?.Length > MaxTextLength)
        {
            throw new SlackApiException("msg_too_long");
        }

        UpdateText(channel, message, BotUserId, text ?? BlocksOnlyText, blocks, MetadataArgument(p), editedAt: null);
        return Ok(new JsonObject
        {
            ["channel"] = channel.Info.Id,
            ["ts"] = SlackTs.Format(message.Ts),
            ["text"] = message.Text,
            ["message"] = RenderMessage(channel, message, MessageView.Response, includeMetadata: true),
        });
    }

    private JsonObject ChatDelete(SlackApiParameters p)
    {
        var channel = MemberChannelArgument(p, "channel");
        var message = MessageArgument(channel, p["ts"]);
        if (message.User != BotUserId)
        {
            throw new SlackApiException("cant_delete_message");
        }

        DeleteMessage(channel, message);
        return Ok(new JsonObject { ["channel"] = channel.Info.Id, ["ts"] = SlackTs.Format(message.Ts) });
    }

    private JsonObject ChatGetPermalink(SlackApiParameters p)
    {
        var channel = ChannelArgument(p, "channel");
        var message = MessageArgument(channel, p["message_ts"]);
        return Ok(new JsonObject { ["channel"] = channel.Info.Id, ["permalink"] = PermalinkOf(message) });
    }

    private JsonObject Reactions(SlackApiParameters p, bool add)
    {
        var channel = MemberChannelArgument(p, "channel");
        var name = NormalizeReactionName(p["name"] ?? "");
        if (name.Length == 0 || name.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-' or '+' or ':')))
        {
            throw new SlackApiException("invalid_name");
        }

        var message = MessageArgument(channel, p["timestamp"]);
        var error = add ? AddReaction(channel, message, BotUserId, name) : RemoveReaction(channel, message, BotUserId, name);
        return error is null ? Ok([]) : throw new SlackApiException(error);
    }

    private JsonObject UsergroupsUsersUpdate(SlackApiParameters p)
    {
        var id = p.Required("usergroup");
        var users = (p["users"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (users.Length == 0)
        {
            throw new SlackApiException("no_users_provided");
        }

        if (!_groups.TryGetValue(id, out var group))
        {
            throw new SlackApiException("no_such_subteam");
        }

        if (users.Any(u => !_users.TryGetValue(u, out var user) || user.Deleted))
        {
            throw new SlackApiException("invalid_users");
        }

        group.Users.Clear();
        group.Users.AddRange(users.Distinct(StringComparer.Ordinal));
        group.UpdatedSeconds = _time.GetUtcNow().ToUnixTimeSeconds();
        return Ok(new JsonObject { ["usergroup"] = RenderUserGroup(group) });
    }

    private static StoredMessage MessageArgument(ChannelState channel, string? ts) =>
        SlackTs.TryParse(ts, out var micros) && channel.Messages.TryGetValue(micros, out var message) && !message.Tombstone
            ? message
            : throw new SlackApiException("message_not_found");

    private static string? BlocksArgument(SlackApiParameters p)
    {
        if (p["blocks"] is not { } text)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text) is JsonArray blocks && blocks.All(b => b is JsonObject block && block["type"] is JsonValue)
                ? blocks.ToJsonString(WireOptions)
                : throw new SlackApiException("invalid_blocks");
        }
        catch (JsonException)
        {
            throw new SlackApiException("invalid_blocks_format");
        }
    }

    private static SlackMessageMetadata? MetadataArgument(SlackApiParameters p)
    {
        if (p["metadata"] is not { } text)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object &&
                root.TryGetProperty("event_type", out var eventType) && eventType.ValueKind == JsonValueKind.String &&
                root.TryGetProperty("event_payload", out var payload) && payload.ValueKind == JsonValueKind.Object)
            {
                return new SlackMessageMetadata(eventType.GetString()!, payload.Clone());
            }
        }
        catch (JsonException)
        {
            // falls through to invalid_metadata_format
        }

        throw new SlackApiException("invalid_metadata_format");
    }
}
