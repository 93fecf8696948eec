using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Setup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.Slack;

/// <summary>
/// Every Slack part of the setup, checked live: the token (<c>auth.test</c>), the scopes the app uses (Slack's
/// <c>x-oauth-scopes</c>), the bot's membership of each support channel and the triage channel (a public channel it is
/// not in is joined on the spot; a private one is reported as "invite @bot to #name"), and the on-call user group.
/// </summary>
public sealed class SlackSetupCheck(ISlackApi slack, IOptionsMonitor<SlackOptions> options, IDbContextFactory<AppDbContext> dbFactory) : ISetupCheck
{
    private const string Area = "Slack";

    /// <summary>The bot scopes the app's features use, and why (as in the README's manifest).</summary>
    public static IReadOnlyList<(string Scope, string Why)> RequiredScopes { get; } =
    [
        ("channels:history", "read support threads in public channels"),
        ("channels:read", "see public channels' names and membership"),
        ("channels:join", "join public support channels by itself"),
        ("groups:history", "read support threads in private channels"),
        ("groups:read", "see private channels' names"),
        ("chat:write", "post replies, follow-ups and triage messages"),
        ("chat:write.customize", "show which engineer sent a reply"),
        ("reactions:read", "see 👀 and ✅"),
        ("reactions:write", "mirror statuses as 👀 and ✅"),
        ("users:read", "names, avatars and time zones"),
        ("im:write", "open direct messages to the on-call"),
        ("im:history", "find an earlier direct message before sending it again"),
        ("team:read", "the workspace's name and address for links"),
    ];

    /// <inheritdoc />
    public async Task<IReadOnlyList<SetupFinding>> RunAsync(CancellationToken cancellationToken)
    {
        var findings = new List<SetupFinding>();
        var current = options.CurrentValue;
        if (string.IsNullOrEmpty(current.BotToken))
        {
            findings.Add(new(Area, "Bot token", false, "No bot token is configured.", "Set Slack:BotToken (Slack__BotToken) to the Bot User OAuth Token (xoxb-…)."));
            return findings;
        }

        SlackAuthInfo auth;
        try
        {
            auth = await slack.AuthTestAsync(cancellationToken);
        }
        catch (SlackApiException ex)
        {
            var problem = SlackSetupAdvice.Describe(ex, null);
            findings.Add(new(Area, "Bot token", false, problem.Problem, problem.Fix));
            return findings;
        }

        findings.Add(new(Area, "Bot token", true, $"Connected to {auth.Team} as @{auth.User}."));
        findings.Add(CheckScopes(auth.Scopes, current));
        var names = await KnownNamesAsync(cancellationToken);
        foreach (var channel in current.SupportChannels)
        {
            findings.Add(await CheckChannelAsync(channel, "support channel", names, auth.User, cancellationToken));
        }

        if (current.TriageChannel.Length > 0)
        {
            findings.Add(await CheckChannelAsync(current.TriageChannel, "triage channel", names, auth.User, cancellationToken));
        }
        else
        {
            findings.Add(new(Area, "Triage channel", false, "No triage channel is configured: triage posts and the daily hand-off have nowhere to go.", "Set Slack:TriageChannel to the team channel's id (C…)."));
        }

        if (current.OnCallUserGroup.Length > 0)
        {
            var canWrite = auth.Scopes is null || auth.Scopes.Contains("usergroups:write", StringComparer.Ordinal);
            findings.Add(canWrite
                ? new(Area, $"User group {current.OnCallUserGroup}", true, "The app may keep the on-call user group current.")
                : new(Area, $"User group {current.OnCallUserGroup}", false, "The app lacks the scope usergroups:write.",
                    SlackSetupAdvice.Describe("missing_scope", "usergroups:write", null).Fix));
        }

        return findings;
    }

    private static SetupFinding CheckScopes(IReadOnlyList<string>? granted, SlackOptions current)
    {
        if (granted is null)
        {
            return new(Area, "Scopes", true, "Slack did not list the token's scopes; each call reports a missing one by name.");
        }

        var missing = RequiredScopes.Where(r => !granted.Contains(r.Scope, StringComparer.Ordinal)).ToList();
        return missing.Count == 0
            ? new(Area, "Scopes", true, "The app has every scope it uses.")
            : new(Area, "Scopes", false,
                "Missing: " + string.Join("; ", missing.Select(m => $"{m.Scope} (to {m.Why})")) + ".",
                $"Add {string.Join(", ", missing.Select(m => m.Scope))} under OAuth & Permissions → Bot Token Scopes and reinstall the app.");
    }

    private async Task<SetupFinding> CheckChannelAsync(string channelId, string role, IReadOnlyDictionary<string, string> names, string? botName, CancellationToken cancellationToken)
    {
        var label = new SlackChannelLabel(channelId, names.GetValueOrDefault(channelId));
        try
        {
            var info = await slack.GetConversationInfoAsync(channelId, cancellationToken);
            label = new SlackChannelLabel(channelId, info.Name);
            if (info.IsMember)
            {
                return new(Area, label.ToString(), true, $"The bot is in this {role}.");
            }

            if (info.IsPrivate)
            {
                var advice = SlackSetupAdvice.Describe("not_in_channel", null, label, botName);
                return new(Area, label.ToString(), false, advice.Problem, $"Invite it: type /invite @{botName ?? SlackSetupAdvice.DefaultBotName} in {label}.");
            }

            await slack.JoinConversationAsync(channelId, cancellationToken);
            return new(Area, label.ToString(), true, $"The bot was not in this {role} and joined it now.");
        }
        catch (SlackApiException ex)
        {
            var advice = SlackSetupAdvice.Describe(ex, label, botName);
            return new(Area, label.ToString(), false, advice.Problem, advice.Fix);
        }
    }

    /// <summary>Names the sync learned, for channels Slack no longer shows the bot (a private channel it left).</summary>
    private async Task<IReadOnlyDictionary<string, string>> KnownNamesAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<SlackChannelSyncState>().AsNoTracking().Where(s => s.ChannelName != null)
            .ToDictionaryAsync(s => s.ChannelId, s => s.ChannelName!, StringComparer.Ordinal, cancellationToken);
    }
}
