using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CommunitySuccess.Sandbox.Slack;

/// <summary>Slack's JSON shapes for messages, users and channels (field names and order as Slack sends them).</summary>
public sealed partial class SlackWorkspace
{
    private enum MessageView
    {
        History,
        Replies,
        Response,
        Event,
    }

    private JsonObject RenderMessage(ChannelState channel, StoredMessage m, MessageView view, bool includeMetadata = false)
    {
        var json = new JsonObject();
        if (m.Tombstone)
        {
            json["type"] = "message";
            json["subtype"] = "tombstone";
            json["text"] = TombstoneText;
            json["user"] = SlackbotUserId;
            json["hidden"] = true;
            json["ts"] = SlackTs.Format(m.Ts);
        }
        else if (m.BotId is not null && m.User is not null)
        {
            // A post made with a bot token: bot_id and the bot user's id, no bot_message subtype.
            json["bot_id"] = m.BotId;
            json["type"] = "message";
            AddSubtype(json, m);
            json["text"] = m.Text;
            json["user"] = m.User;
            json["ts"] = SlackTs.Format(m.Ts);
            json["app_id"] = m.AppId;
            AddEditedAndBlocks(json, m);
            json["team"] = m.Team;
            json["bot_profile"] = BotProfile(m);
            if (m.Username is not null)
            {
                json["username"] = m.Username;
            }

            AddIcons(json, m);
        }
        else if (m.User is null)
        {
            // An integration (incoming webhook, legacy bot): subtype bot_message, bot_id and username, no user.
            json["type"] = "message";
            json["subtype"] = m.Subtype ?? "bot_message";
            json["text"] = m.Text;
            json["ts"] = SlackTs.Format(m.Ts);
            json["bot_id"] = m.BotId;
            if (m.Username is not null)
            {
                json["username"] = m.Username;
            }

            AddIcons(json, m);
            AddEditedAndBlocks(json, m);
        }
        else if (m.Subtype is not null and not "thread_broadcast")
        {
            // System messages such as channel_join.
            json["type"] = "message";
            json["subtype"] = m.Subtype;
            json["ts"] = SlackTs.Format(m.Ts);
            json["user"] = m.User;
            json["text"] = m.Text;
        }
        else
        {
            json["user"] = m.User;
            json["type"] = "message";
            AddSubtype(json, m);
            json["ts"] = SlackTs.Format(m.Ts);
            if (m.ClientMsgId is not null)
            {
                json["client_msg_id"] = m.ClientMsgId;
            }

            json["text"] = m.Text;
            json["team"] = m.Team;
            AddEditedAndBlocks(json, m);
        }

        if (!m.Tombstone && m.Files.Count > 0)
        {
            json["files"] = new JsonArray([.. m.Files.Select(f => (JsonNode)RenderFile(f, m))]);
            json["upload"] = false;
            json["display_as_bot"] = false;
        }

        if (m.ParentTs is { } parentTs)
        {
            json["thread_ts"] = SlackTs.Format(parentTs);
            if (channel.Messages.TryGetValue(parentTs, out var parent))
            {
                json["parent_user_id"] = ParentUserId(parent);
                if (m.Subtype == "thread_broadcast" && view is MessageView.History or MessageView.Event)
                {
                    json["root"] = RenderMessage(channel, parent, MessageView.Replies);
                }
            }
        }
        else if (m.Replies is { Count: > 0 } replies)
        {
            var replyUsers = replies.Select(ts => channel.Messages[ts]).Select(r => r.User ?? r.BotId).OfType<string>().Distinct().ToList();
            json["thread_ts"] = SlackTs.Format(m.Ts);
            json["reply_count"] = replies.Count;
            json["reply_users_count"] = replyUsers.Count;
            json["latest_reply"] = SlackTs.Format(replies.Max);
            json["reply_users"] = new JsonArray([.. replyUsers.Select(u => (JsonNode)u)]);
            json["is_locked"] = false;
            json["subscribed"] = false;
            if (m.Tombstone)
            {
                json["parent_user_id"] = SlackbotUserId;
            }
        }

        if (m.Reactions.Count > 0 && view is not MessageView.Event)
        {
            json["reactions"] = new JsonArray([.. m.Reactions.Select(r => (JsonNode)new JsonObject
            {
                ["name"] = r.Name,
                ["users"] = new JsonArray([.. r.Users.Select(u => (JsonNode)u)]),
                ["count"] = r.Users.Count,
            })]);
        }

        if (includeMetadata && m.Metadata is { } metadata)
        {
            json["metadata"] = new JsonObject
            {
                ["event_type"] = metadata.EventType,
                ["event_payload"] = JsonNode.Parse(metadata.EventPayload.GetRawText()),
            };
        }

        return json;
    }

    private static void AddSubtype(JsonObject json, StoredMessage m)
    {
        if (m.Subtype is not null)
        {
            json["subtype"] = m.Subtype;
        }
    }

    private static void AddEditedAndBlocks(JsonObject json, StoredMessage m)
    {
        if (m.Edited is { } edited)
        {
            json["edited"] = new JsonObject { ["user"] = edited.User, ["ts"] = SlackTs.Format(edited.Ts) };
        }

        if (m.BlocksJson is not null)
        {
            json["blocks"] = JsonNode.Parse(m.BlocksJson);
        }
        else if (m.ClientMsgId is not null)
        {
            // Typed by a person in a Slack client: Slack stores a rich_text block next to the text.
            json["blocks"] = SlackRichText.FromText(m.Text, BlockId(m));
        }
    }

    private static string BlockId(StoredMessage m)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var hash = SHA256.HashData(BitConverter.GetBytes(m.Ts));
        return string.Concat(hash.Take(5).Select(b => Alphabet[b % Alphabet.Length]));
    }

    private static void AddIcons(JsonObject json, StoredMessage m)
    {
        if (m.IconEmoji is not null)
        {
            json["icons"] = new JsonObject { ["emoji"] = m.IconEmoji };
        }
        else if (m.IconUrl is not null)
        {
            json["icons"] = new JsonObject { ["image_36"] = m.IconUrl, ["image_48"] = m.IconUrl, ["image_72"] = m.IconUrl };
        }
    }

    private string? ParentUserId(StoredMessage parent) => parent.Tombstone ? SlackbotUserId : parent.User ?? parent.BotId;

    private JsonObject BotProfile(StoredMessage m) => new()
    {
        ["id"] = m.BotId,
        ["deleted"] = false,
        ["name"] = BotName,
        ["updated"] = 1_700_000_000,
        ["app_id"] = m.AppId,
        ["icons"] = new JsonObject
        {
            ["image_36"] = AvatarUrl(BotUserId, 36),
            ["image_48"] = AvatarUrl(BotUserId, 48),
            ["image_72"] = AvatarUrl(BotUserId, 72),
        },
        ["team_id"] = TeamId,
    };

    private JsonObject RenderFile(SlackFile file, StoredMessage m)
    {
        var extension = Path.GetExtension(file.Name).TrimStart('.').ToLowerInvariant();
        var (filetype, prettyType) = extension switch
        {
            "png" => ("png", "PNG"),
            "jpg" or "jpeg" => ("jpg", "JPEG"),
            "gif" => ("gif", "GIF"),
            "json" => ("json", "JSON"),
            "yaml" or "yml" => ("yaml", "YAML"),
            "zip" => ("zip", "Zip"),
            _ => ("text", "Plain Text"),
        };
        var seconds = m.Ts / 1_000_000;
        return new JsonObject
        {
            ["id"] = file.Id,
            ["created"] = seconds,
            ["timestamp"] = seconds,
            ["name"] = file.Name,
            ["title"] = file.Title,
            ["mimetype"] = file.Mimetype,
            ["filetype"] = filetype,
            ["pretty_type"] = prettyType,
            ["user"] = m.User ?? m.BotId,
            ["user_team"] = TeamId,
            ["editable"] = filetype == "text",
            ["size"] = file.Size,
            ["mode"] = "hosted",
            ["is_external"] = false,
            ["external_type"] = "",
            ["is_public"] = true,
            ["public_url_shared"] = false,
            ["display_as_bot"] = false,
            ["username"] = "",
            ["url_private"] = $"https://files.slack.com/files-pri/{TeamId}-{file.Id}/{Uri.EscapeDataString(file.Name)}",
            ["url_private_download"] = $"https://files.slack.com/files-pri/{TeamId}-{file.Id}/download/{Uri.EscapeDataString(file.Name)}",
            ["permalink"] = new Uri(TeamUrl, $"files/{m.User ?? m.BotId}/{file.Id}/{Uri.EscapeDataString(file.Name)}").ToString(),
            ["has_rich_preview"] = false,
            ["file_access"] = "visible",
        };
    }

    private string PermalinkOf(StoredMessage m)
    {
        var link = new StringBuilder(new Uri(TeamUrl, $"archives/{m.ChannelId}/p{m.Ts}").ToString());
        if (m.ParentTs is { } parentTs)
        {
            link.Append(CultureInfo.InvariantCulture, $"?thread_ts={SlackTs.Format(parentTs)}&cid={m.ChannelId}");
        }

        return link.ToString();
    }

    private string AvatarUrl(string userId, int size)
    {
        if (_users.TryGetValue(userId, out var user) && user.AvatarUrl is not null)
        {
            return user.AvatarUrl.ToString();
        }

        var root = BaseUrl ?? new Uri("http://127.0.0.1/");
        return new Uri(root, $"slack/avatars/{userId}_{size}.svg").ToString();
    }

    private JsonObject RenderUser(SlackUser user)
    {
        var now = _time.GetUtcNow();
        var avatarHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(user.Id)))[..12];
        var (firstName, lastName) = SplitName(user.RealName);
        var profile = new JsonObject
        {
            ["title"] = "",
            ["phone"] = "",
            ["skype"] = "",
            ["real_name"] = user.RealName,
            ["real_name_normalized"] = Normalize(user.RealName),
            ["display_name"] = user.DisplayName,
            ["display_name_normalized"] = Normalize(user.DisplayName),
            ["fields"] = null,
            ["status_text"] = "",
            ["status_emoji"] = "",
            ["status_emoji_display_info"] = new JsonArray(),
            ["status_expiration"] = 0,
            ["avatar_hash"] = avatarHash,
        };
        if (user.IsBot)
        {
            profile["bot_id"] = user.BotId;
            if (user.Id == BotUserId)
            {
                profile["api_app_id"] = AppId;
            }

            profile["always_active"] = true;
        }

        if (user.Email is not null)
        {
            profile["email"] = user.Email;
        }

        profile["first_name"] = firstName;
        profile["last_name"] = lastName;
        foreach (var size in (int[])[24, 32, 48, 72, 192, 512])
        {
            profile[$"image_{size}"] = AvatarUrl(user.Id, size);
        }

        profile["image_original"] = AvatarUrl(user.Id, 512);
        profile["is_custom_image"] = user.AvatarUrl is not null;
        profile["status_text_canonical"] = "";
        profile["team"] = TeamId;

        var json = new JsonObject { ["id"] = user.Id, ["team_id"] = TeamId, ["name"] = user.Name, ["deleted"] = user.Deleted };
        if (user.Deleted)
        {
            // Slack keeps only these fields for a deleted user: no real_name, no tz, no admin flags.
            json["profile"] = profile;
            json["is_bot"] = user.IsBot;
            json["is_app_user"] = false;
            json["updated"] = 1_700_000_000;
            return json;
        }

        json["color"] = ColorOf(user.Id);
        json["real_name"] = user.RealName;
        var (tz, tzLabel, tzOffset) = TimeZoneFields(user.TimeZone ?? "America/Los_Angeles", now);
        json["tz"] = tz;
        json["tz_label"] = tzLabel;
        json["tz_offset"] = tzOffset;
        json["profile"] = profile;
        json["is_admin"] = user.IsTeamMember;
        json["is_owner"] = false;
        json["is_primary_owner"] = false;
        json["is_restricted"] = false;
        json["is_ultra_restricted"] = false;
        json["is_bot"] = user.IsBot;
        json["is_app_user"] = false;
        json["updated"] = 1_700_000_000;
        json["is_email_confirmed"] = user.Email is not null;
        json["has_2fa"] = false;
        json["who_can_share_contact_card"] = "EVERYONE";
        return json;
    }

    private static (string Tz, string Label, int Offset) TimeZoneFields(string ianaId, DateTimeOffset now)
    {
        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(ianaId);
            var label = zone.IsDaylightSavingTime(now) ? zone.DaylightName : zone.StandardName;
            return (ianaId, label, (int)zone.GetUtcOffset(now).TotalSeconds);
        }
        catch (TimeZoneNotFoundException)
        {
            return (ianaId, ianaId, 0);
        }
    }

    private static (string First, string Last) SplitName(string realName)
    {
        var space = realName.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (realName, "") : (realName[..space], realName[(space + 1)..]);
    }

    private static string Normalize(string name) => name.Normalize(NormalizationForm.FormD).Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).Aggregate(new StringBuilder(), (sb, c) => sb.Append(c)).ToString();

    private static string ColorOf(string userId)
    {
        string[] palette = ["9f69e7", "4bbe2e", "e7392d", "3c989f", "674b1b", "e96699", "e0a729", "5b89d5", "2b6836", "8d4b84"];
        return palette[(int)(BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(userId))) % (uint)palette.Length)];
    }

    private JsonObject RenderChannel(ChannelState channel)
    {
        var info = channel.Info;
        return new JsonObject
        {
            ["id"] = info.Id,
            ["name"] = info.Name,
            ["is_channel"] = !channel.IsIm,
            ["is_group"] = false,
            ["is_im"] = channel.IsIm,
            ["is_mpim"] = false,
            ["is_private"] = info.IsPrivate,
            ["created"] = channel.CreatedSeconds,
            ["is_archived"] = false,
            ["is_general"] = info.IsGeneral,
            ["unlinked"] = 0,
            ["name_normalized"] = info.Name,
            ["is_shared"] = false,
            ["is_frozen"] = false,
            ["is_org_shared"] = false,
            ["is_pending_ext_shared"] = false,
            ["pending_shared"] = new JsonArray(),
            ["context_team_id"] = TeamId,
            ["updated"] = channel.CreatedSeconds * 1000,
            ["parent_conversation"] = null,
            ["creator"] = _userOrder.FirstOrDefault(id => _users[id].IsTeamMember) ?? BotUserId,
            ["is_ext_shared"] = false,
            ["shared_team_ids"] = new JsonArray(TeamId),
            ["pending_connected_team_ids"] = new JsonArray(),
            ["is_member"] = channel.BotIsMember,
            ["last_read"] = channel.LastTs == 0 ? "0000000000.000000" : SlackTs.Format(channel.LastTs),
            ["topic"] = new JsonObject { ["value"] = info.Topic, ["creator"] = "", ["last_set"] = 0 },
            ["purpose"] = new JsonObject { ["value"] = info.Purpose, ["creator"] = "", ["last_set"] = 0 },
            ["properties"] = new JsonObject
            {
                ["tabs"] = new JsonArray(
                    new JsonObject { ["id"] = "workflows", ["label"] = "", ["type"] = "workflows" },
                    new JsonObject { ["id"] = "files", ["label"] = "", ["type"] = "files" },
                    new JsonObject { ["id"] = "bookmarks", ["label"] = "", ["type"] = "bookmarks" }),
            },
            ["previous_names"] = new JsonArray(),
        };
    }

    private JsonObject RenderUserGroup(UserGroupState group) => new()
    {
        ["id"] = group.Id,
        ["team_id"] = TeamId,
        ["is_usergroup"] = true,
        ["is_subteam"] = true,
        ["name"] = group.Name,
        ["description"] = "",
        ["handle"] = group.Handle,
        ["is_external"] = false,
        ["date_create"] = group.CreatedSeconds,
        ["date_update"] = group.UpdatedSeconds,
        ["date_delete"] = 0,
        ["auto_type"] = null,
        ["auto_provision"] = false,
        ["enterprise_subteam_id"] = "",
        ["created_by"] = BotUserId,
        ["updated_by"] = BotUserId,
        ["deleted_by"] = null,
        ["prefs"] = new JsonObject { ["channels"] = new JsonArray(), ["groups"] = new JsonArray() },
        ["users"] = new JsonArray([.. group.Users.Select(u => (JsonNode)u)]),
        ["user_count"] = group.Users.Count,
    };

    internal static readonly JsonSerializerOptions WireOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
