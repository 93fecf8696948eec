namespace CommunitySuccess.Core.Inbox;

/// <summary>
/// Where a Slack thread lives, as the inbox shows it: channel names and a thread's permalink. Offered by the inbox and
/// implemented by the Slack feature (which asks Slack and caches), so the inbox needs no Slack client of its own.
/// </summary>
public interface IChannelDirectory
{
    /// <summary>Channel names by id; an id Slack cannot name maps to itself.</summary>
    Task<IReadOnlyDictionary<string, string>> ChannelNamesAsync(IEnumerable<string> channelIds, CancellationToken cancellationToken);

    /// <summary>The Slack link of a message (a thread's opening message for a thread).</summary>
    Task<string> PermalinkAsync(string channelId, string ts, CancellationToken cancellationToken);
}
