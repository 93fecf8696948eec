using System.Collections.Concurrent;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Slack;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.Slack;

/// <summary>
/// Channel names and permalinks for the inbox, asked of Slack once and remembered. A page never waits long on
/// Slack: each lookup has a short time-out, and after a failure Slack is left alone for a minute (ids and a
/// built permalink stand in meanwhile).
/// </summary>
public sealed class SlackLookupService(
    ISlackApi slack,
    IOptionsMonitor<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackLookupService> logger) : IChannelDirectory
{
    private static readonly TimeSpan LookupTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan PauseAfterFailure = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, string> _channelNames = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _permalinks = new(StringComparer.Ordinal);
    private string? _teamDomain;
    private DateTime _pausedUntil;

    /// <summary>Channel names without the <c>#</c>, by id; an id Slack cannot name maps to itself.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ChannelNamesAsync(IEnumerable<string> channelIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channelIds);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in channelIds.Distinct(StringComparer.Ordinal))
        {
            if (!_channelNames.TryGetValue(id, out var name))
            {
                name = await AskAsync(async ct => (await slack.GetConversationInfoAsync(id, ct)).Name, cancellationToken);
                if (name is not null)
                {
                    _channelNames[id] = name;
                }
            }

            names[id] = name ?? id;
        }

        return names;
    }

    /// <summary>The message's Slack permalink (<c>chat.getPermalink</c>), else one built from the workspace domain.</summary>
    public async Task<string> PermalinkAsync(string channelId, string ts, CancellationToken cancellationToken)
    {
        var key = channelId + "/" + ts;
        if (_permalinks.TryGetValue(key, out var known))
        {
            return known;
        }

        var permalink = await AskAsync(async ct => await slack.GetPermalinkAsync(channelId, ts, ct), cancellationToken);
        if (permalink is not null && Uri.TryCreate(permalink, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")
        {
            _permalinks[key] = permalink;
            return permalink;
        }

        _teamDomain ??= await AskAsync(async ct => (await slack.GetTeamInfoAsync(ct)).Domain, cancellationToken);
        return BuildPermalink(_teamDomain, channelId, ts);
    }

    /// <summary><c>https://{domain}.slack.com/archives/{channel}/p{ts without the dot}</c>; Slack's own host without a domain.</summary>
    public static string BuildPermalink(string? teamDomain, string channelId, string ts)
    {
        ArgumentNullException.ThrowIfNull(channelId);
        ArgumentNullException.ThrowIfNull(ts);
        var host = string.IsNullOrWhiteSpace(teamDomain) ? "slack.com" : $"{teamDomain}.slack.com";
        return $"https://{host}/archives/{Uri.EscapeDataString(channelId)}/p{ts.Replace(".", "", StringComparison.Ordinal)}";
    }

    private async Task<string?> AskAsync(Func<CancellationToken, Task<string?>> call, CancellationToken cancellationToken)
    {
        if (options.CurrentValue.BotToken.Length == 0 || time.GetUtcNow().UtcDateTime < _pausedUntil)
        {
            return null;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(LookupTimeout);
        try
        {
            return await call(timeout.Token);
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            _pausedUntil = time.GetUtcNow().UtcDateTime + PauseAfterFailure;
            logger.LogInformation(ex, "Slack lookup failed; showing ids and built links for a minute");
            return null;
        }
    }
}
