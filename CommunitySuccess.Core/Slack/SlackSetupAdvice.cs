namespace CommunitySuccess.Core.Slack;

/// <summary>A Slack problem in words an admin acts on: what is wrong, and the fix.</summary>
public sealed record SlackProblem(string Problem, string Fix);

/// <summary>
/// Turns Slack's error codes into what an admin reads on /settings: the problem named (with the channel's name, not
/// only its id) beside its fix. One place, so the sync's last error and the setup check say the same thing.
/// </summary>
public static class SlackSetupAdvice
{
    /// <summary>The bot's display name in the fixes (<c>/invite @community-success</c>) when auth.test did not name it.</summary>
    public const string DefaultBotName = "community-success";

    /// <summary>Describes a failed Slack call about <paramref name="channel"/> (null when it concerned no channel).</summary>
    public static SlackProblem Describe(string error, string? neededScope, SlackChannelLabel? channel, string? botName = null)
    {
        var where = channel?.ToString() ?? "the channel";
        var bot = "@" + (string.IsNullOrEmpty(botName) ? DefaultBotName : botName);
        return error switch
        {
            "not_in_channel" => new($"The bot is not in {where}.", $"Invite it: type /invite {bot} in {where} (or add the scope channels:join so it joins public channels itself)."),
            "channel_not_found" => new($"Slack does not show {where} to the bot: it is private and the bot was not invited, or the id is wrong.", $"Invite it: type /invite {bot} in {where}; else check the channel id in Slack:SupportChannels."),
            "method_not_supported_for_channel_type" => new($"{where} is private, so the bot cannot join it by itself.", $"Invite it: type /invite {bot} in {where}."),
            "missing_scope" => new($"The Slack app lacks the scope {neededScope ?? "(unnamed)"}.", $"Add {neededScope ?? "the scope"} under OAuth & Permissions → Bot Token Scopes, reinstall the app, and copy the new bot token if it changed."),
            "ratelimited" or "http_429" => new("Slack asked us to slow down (rate limit).", "Nothing to do: the sync waits and resumes where it stopped on its next run."),
            "invalid_auth" or "not_authed" or "token_revoked" or "token_expired" or "account_inactive" => new($"Slack refused the bot token ({error}).", "Set Slack:BotToken to the Bot User OAuth Token (xoxb-…) of the installed app."),
            "is_archived" => new($"{where} is archived.", "Unarchive it in Slack, or remove it from Slack:SupportChannels."),
            "no_such_subteam" => new("The on-call user group does not exist.", "Check Slack:OnCallUserGroup (an id such as S0123ABCD from the group's page)."),
            "request_failed" or "timeout" => new("Slack could not be reached.", "Check the network and Slack:ApiBaseUrl; the next sync tries again."),
            _ => new($"Slack answered {error}.", "See Slack's documentation of this error; the next sync tries again."),
        };
    }

    /// <summary>Describes an exception from <see cref="ISlackApi"/>.</summary>
    public static SlackProblem Describe(SlackApiException ex, SlackChannelLabel? channel, string? botName = null)
    {
        ArgumentNullException.ThrowIfNull(ex);
        return ex is SlackRateLimitedException ? Describe("ratelimited", null, channel, botName) : Describe(ex.Error, ex.NeededScope, channel, botName);
    }
}

/// <summary>A channel as people know it: <c>#support (C0123ABCD)</c>, or only the id when the name is unknown.</summary>
public sealed record SlackChannelLabel(string Id, string? Name)
{
    public override string ToString() => string.IsNullOrEmpty(Name) ? Id : $"#{Name} ({Id})";
}
