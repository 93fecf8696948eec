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

    /// <summary>A person writes to our app in its direct message now; sends the <c>message</c> event with <c>channel_type: "im"</c>. Returns the ts.</summary>
    public string PostDirectMessageAsUser(string userId, string text)
    {
        lock (_gate)
        {
            var channel = DirectMessageChannel(userId) ?? throw new KeyNotFoundException($"User {userId} is not a person in this workspace.");
            return AddMessage(new SlackMessageDraft { ChannelId = channel.Info.Id, UserId = userId, Text = text }, sendEvent: true);
        }
    }

    /// <summary>The DM channel id Slack gives our app's conversation with a person.</summary>
    public static string DirectMessageChannelIdOf(string userId) => DirectMessageChannelId(userId);

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
            channel = new ChannelState(new SlackChannel(id, userId, IsPrivate: true), _time.GetUtcNow().ToUnixTimeSeconds()) { BotIsMember = true, IsIm = true };
            _channels[id] = channel;
        }

        return channel;
    }

    private static string DirectMessageChannelId(string userId) => "D" + userId[1..];
}
