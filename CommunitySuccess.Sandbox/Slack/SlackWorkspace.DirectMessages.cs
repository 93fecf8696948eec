namespace CommunitySuccess.Sandbox.Slack;

/// <summary>
/// Direct messages from our app: Slack's <c>chat.postMessage</c> with a user id as <c>channel</c> posts into the
/// app's DM with that person (the app's Messages tab), answering with the DM's <c>D…</c> channel id.
/// </summary>
public sealed partial class SlackWorkspace
{
    /// <summary>What our app sent to <paramref name="userId"/> in a direct message, oldest first.</summary>
    public IReadOnlyList<SlackMessage> DirectMessagesTo(string userId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        lock (_gate)
        {
            return _channels.TryGetValue(DirectMessageChannelId(userId), out var channel)
                ? [.. channel.Timeline.Select(ts => Snapshot(channel.Messages[ts]))]
                : [];
        }
    }

    /// <summary>The app's DM with a (non-bot) person, opened on first use; null when the id is nobody here. Call under the lock.</summary>
    private ChannelState? DirectMessageChannel(string userId)
    {
        if (!_users.TryGetValue(userId, out var user) || user.IsBot)
        {
            return null;
        }

        var id = DirectMessageChannelId(userId);
        if (!_channels.TryGetValue(id, out var channel))
        {
            // Not in the channel order: DMs are not listed as channels.
            channel = new ChannelState(new SlackChannel(id, userId), _time.GetUtcNow().ToUnixTimeSeconds());
            _channels[id] = channel;
        }

        return channel;
    }

    private static string DirectMessageChannelId(string userId) => "D" + userId[1..];
}
