using Microsoft.Extensions.Logging;

namespace CommunitySuccess.Sandbox.Slack;

/// <summary>
/// The state behind the sandbox's Slack Web API: one workspace with channels, people, our bot, messages, threads,
/// reactions and user groups. Thread-safe. Tests and the demo change it here "as a person in Slack would"; such
/// changes send the same signed Events API callbacks Slack sends, when an events URL is set.
/// </summary>
public sealed partial class SlackWorkspace : IAsyncDisposable
{
    /// <summary>#support in the demo workspace.</summary>
    public const string DemoSupportChannelId = "C05SUPPORT1";

    /// <summary>#community-success, the team's triage channel in the demo workspace.</summary>
    public const string DemoTriageChannelId = "C05CSTRIAGE";

    /// <summary>#general in the demo workspace.</summary>
    public const string DemoGeneralChannelId = "C05GENERAL0";

    /// <summary>The <c>@oncall</c> user group in the demo workspace.</summary>
    public const string DemoOnCallUserGroupId = "S05ONCALL01";

    private const string SlackbotUserId = "USLACKBOT";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, ChannelState> _channels = new(StringComparer.Ordinal);
    private readonly List<string> _channelOrder = [];
    private readonly Dictionary<string, SlackUser> _users = new(StringComparer.Ordinal);
    private readonly List<string> _userOrder = [];
    private readonly Dictionary<string, UserGroupState> _groups = new(StringComparer.Ordinal);
    private readonly List<SlackApiCall> _calls = [];
    private readonly SlackEventSender _events;
    private readonly SlackRateLimiter _limiter;
    private readonly HashSet<string> _scopes = new(DefaultBotScopes, StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private long _generatedIds;
    private long _eventCounter;
    private long _clientMessageCounter;

    internal SlackWorkspace(SandboxServerOptions options)
    {
        _time = options.TimeProvider;
        BotToken = options.SlackBotToken;
        SigningSecret = options.SlackSigningSecret;
        EventsUrl = options.SlackEventsUrl;
        _events = new SlackEventSender(options.SlackSigningSecret, options.TimeProvider, options.SlackEventRetryDelays, Faults.TakeLostAcknowledgement);
        _limiter = new SlackRateLimiter(options.SlackRateLimits, options.TimeProvider);
        AddUser(new SlackUser
        {
            Id = BotUserId,
            Name = BotName,
            RealName = "Community Success",
            DisplayName = "",
            TimeZone = "America/Los_Angeles",
            IsBot = true,
            BotId = BotId,
        });
    }

    public string TeamId => "T05ACMECOMM";
    public string TeamName => "Acme Community";

    /// <summary>Workspace address, as <c>auth.test</c> reports it and permalinks use it.</summary>
    public Uri TeamUrl { get; } = new("https://sandbox.slack.com/");

    /// <summary>Our app's bot user (<c>auth.test</c> <c>user_id</c>).</summary>
    public string BotUserId => "U05CSBOT001";

    /// <summary>Our app's bot id (<c>auth.test</c> <c>bot_id</c>).</summary>
    public string BotId => "B05CSBOT001";

    public string AppId => "A05CSAPP001";
    public string BotName => "community-success";
    public string BotToken { get; }
    public string SigningSecret { get; }

    /// <summary>The legacy verification <c>token</c> carried in event envelopes.</summary>
    public string VerificationToken => "sAnDb0xVer1f1cat10nT0kn";

    /// <summary>Where signed Events API callbacks go; null sends none. Settable so demo mode can point it at the app once the app listens.</summary>
    public Uri? EventsUrl { get; set; }

    /// <summary>The sandbox's own address, known once the server listens (serves generated avatars).</summary>
    public Uri? BaseUrl { get; private set; }

    public SlackFaults Faults { get; } = new();

    /// <summary>The rate limits this workspace enforces.</summary>
    public SlackRateLimits RateLimits => _limiter.Limits;

    /// <summary>
    /// The bot scopes an app installed with a typical support-desk manifest holds. Tests take some away
    /// (<see cref="SetBotScopes"/>) to see <c>missing_scope</c>.
    /// </summary>
    public static IReadOnlyList<string> DefaultBotScopes { get; } =
    [
        "channels:history", "channels:read", "channels:join", "groups:history", "groups:read", "im:history", "im:read", "im:write",
        "chat:write", "chat:write.customize", "reactions:read", "reactions:write", "users:read", "usergroups:read", "usergroups:write",
        "team:read", "commands",
    ];

    /// <summary>The scopes the bot token holds now.</summary>
    public IReadOnlyList<string> BotScopes
    {
        get
        {
            lock (_gate)
            {
                return [.. _scopes.Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Re-installs the app with exactly these bot scopes.</summary>
    public void SetBotScopes(IEnumerable<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        lock (_gate)
        {
            _scopes.Clear();
            _scopes.UnionWith(scopes);
        }
    }

    /// <summary>Someone invites the bot into a channel (<c>/invite @bot</c>).</summary>
    public void InviteBot(string channelId)
    {
        lock (_gate)
        {
            RequireChannel(channelId).BotIsMember = true;
        }
    }

    /// <summary>Someone removes the bot from a channel.</summary>
    public void RemoveBot(string channelId)
    {
        lock (_gate)
        {
            RequireChannel(channelId).BotIsMember = false;
        }
    }

    /// <summary>Whether the bot is in the channel now.</summary>
    public bool IsBotMember(string channelId)
    {
        lock (_gate)
        {
            return RequireChannel(channelId).BotIsMember;
        }
    }

    /// <summary>The demo support team, for the app to seed its team list from (ids match the demo workspace).</summary>
    public static IReadOnlyList<DemoTeamMember> DemoTeam => SlackDemoSeed.Team;

    // ----- channels, people, user groups -----

    public IReadOnlyList<SlackChannel> Channels
    {
        get
        {
            lock (_gate)
            {
                return [.. _channelOrder.Select(id => _channels[id].Info)];
            }
        }
    }

    /// <summary>
    /// Adds a channel. <paramref name="inviteBot"/>: the bot was invited, as the setup guide asks; pass false for a
    /// channel it never joined (then history answers <c>not_in_channel</c>, or <c>channel_not_found</c> when private).
    /// </summary>
    public SlackChannel AddChannel(string id, string name, string topic = "", string purpose = "", bool isGeneral = false, bool isPrivate = false, bool inviteBot = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var channel = new SlackChannel(id, name.TrimStart('#'), topic, purpose, isGeneral, isPrivate);
        lock (_gate)
        {
            if (_channels.ContainsKey(id))
            {
                throw new ArgumentException($"Channel {id} already exists.", nameof(id));
            }

            // Dated a year back so that the channel predates any history seeded into it.
            _channels[id] = new ChannelState(channel, _time.GetUtcNow().AddDays(-365).ToUnixTimeSeconds()) { BotIsMember = inviteBot };
            _channelOrder.Add(id);
        }

        return channel;
    }

    public IReadOnlyList<SlackUser> Users
    {
        get
        {
            lock (_gate)
            {
                return [.. _userOrder.Select(id => _users[id])];
            }
        }
    }

    public IReadOnlyList<SlackUser> TeamMembers => [.. Users.Where(u => u.IsTeamMember)];

    /// <summary>People who are neither the team nor bots (deleted ones included).</summary>
    public IReadOnlyList<SlackUser> CommunityUsers => [.. Users.Where(u => !u.IsTeamMember && !u.IsBot)];

    public SlackUser? FindUser(string userId)
    {
        lock (_gate)
        {
            return _users.GetValueOrDefault(userId);
        }
    }

    /// <summary>Adds a person or bot user; returns it with its id (assigned when <see cref="SlackUser.Id"/> is empty).</summary>
    public SlackUser AddUser(SlackUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        lock (_gate)
        {
            var stored = string.IsNullOrEmpty(user.Id) ? user with { Id = NextId('U') } : user;
            if (!_users.TryAdd(stored.Id, stored))
            {
                throw new ArgumentException($"User {stored.Id} already exists.", nameof(user));
            }

            _userOrder.Add(stored.Id);
            return stored;
        }
    }

    public SlackUserGroup AddUserGroup(string id, string handle, string name, IEnumerable<string>? userIds = null)
    {
        lock (_gate)
        {
            var group = new UserGroupState(id, handle, name, SlackTs.FromTime(_time.GetUtcNow()) / 1_000_000);
            group.Users.AddRange(userIds ?? []);
            if (!_groups.TryAdd(id, group))
            {
                throw new ArgumentException($"User group {id} already exists.", nameof(id));
            }

            return new SlackUserGroup(id, handle, name, [.. group.Users]);
        }
    }

    /// <summary>Members of a user group, as last set by <c>usergroups.users.update</c>.</summary>
    public IReadOnlyList<string> UserGroupMembers(string groupId)
    {
        lock (_gate)
        {
            return _groups.TryGetValue(groupId, out var group)
                ? [.. group.Users]
                : throw new KeyNotFoundException($"User group {groupId} does not exist.");
        }
    }

    // ----- what people do in Slack -----

    /// <summary>A person writes in a channel or thread now; sends the <c>message</c> event. Returns the new ts.</summary>
    public string PostAsUser(string channelId, string userId, string text, string? threadTs = null) =>
        AddMessage(new SlackMessageDraft { ChannelId = channelId, UserId = userId, Text = text, ThreadTs = threadTs }, sendEvent: true);

    /// <summary>Adds any kind of message (past or now); sends its <c>message</c> event only when asked. Returns the ts.</summary>
    public string AddMessage(SlackMessageDraft draft, bool sendEvent = false)
    {
        ArgumentNullException.ThrowIfNull(draft);
        lock (_gate)
        {
            var channel = RequireChannel(draft.ChannelId);
            if (draft.UserId is not null)
            {
                RequireUser(draft.UserId);
            }
            else if (draft.BotId is null)
            {
                throw new ArgumentException("A message needs a UserId (person or bot user) or a BotId (integration).", nameof(draft));
            }

            long? parentTs = null;
            if (draft.ThreadTs is not null)
            {
                var parent = RequireMessage(channel, draft.ThreadTs);
                parentTs = parent.ParentTs ?? parent.Ts;
            }

            var isOurBot = draft.UserId == BotUserId;
            var message = new StoredMessage
            {
                ChannelId = channel.Info.Id,
                ParentTs = parentTs,
                User = draft.UserId,
                BotId = isOurBot ? BotId : draft.BotId,
                AppId = isOurBot ? AppId : null,
                Username = draft.Username,
                Subtype = parentTs is not null && draft.ReplyBroadcast ? "thread_broadcast" : draft.Subtype,
                // People type plain text; Slack sends it with & < > escaped (links and mentions stay <…>).
                Text = draft.UserId is not null && !_users[draft.UserId].IsBot ? SlackText.EncodeTyped(draft.Text) : draft.Text,
                Team = draft.UserId is null ? null : TeamId,
                ClientMsgId = draft.UserId is null || isOurBot || draft.Subtype is not null ? null : NextClientMessageId(),
                BlocksJson = draft.BlocksJson,
                Files = [.. draft.Files ?? []],
                Metadata = draft.Metadata,
            };
            Insert(channel, message, draft.At);
            if (sendEvent)
            {
                EmitMessageEvent(channel, message);
            }

            return SlackTs.Format(message.Ts);
        }
    }

    /// <summary>A person adds an emoji reaction now; sends <c>reaction_added</c>.</summary>
    public void React(string channelId, string ts, string userId, string name)
    {
        lock (_gate)
        {
            var channel = RequireChannel(channelId);
            var message = RequireMessage(channel, ts);
            RequireUser(userId);
            var error = AddReaction(channel, message, userId, NormalizeReactionName(name));
            if (error is not null)
            {
                throw new InvalidOperationException($"{userId} cannot react :{name}: on {ts}: {error}.");
            }
        }
    }

    /// <summary>A person removes their reaction now; sends <c>reaction_removed</c>.</summary>
    public void Unreact(string channelId, string ts, string userId, string name)
    {
        lock (_gate)
        {
            var channel = RequireChannel(channelId);
            var message = RequireMessage(channel, ts);
            var error = RemoveReaction(channel, message, userId, NormalizeReactionName(name));
            if (error is not null)
            {
                throw new InvalidOperationException($"{userId} cannot remove :{name}: from {ts}: {error}.");
            }
        }
    }

    /// <summary>The author edits a message now; sends <c>message_changed</c>.</summary>
    public void Edit(string channelId, string ts, string newText)
    {
        lock (_gate)
        {
            var channel = RequireChannel(channelId);
            var message = RequireMessage(channel, ts);
            if (message.Tombstone || message.User is null)
            {
                throw new InvalidOperationException($"Message {ts} has no author who could edit it.");
            }

            UpdateText(channel, message, message.User, newText, blocksJson: null, metadata: null, editedAt: null);
        }
    }

    /// <summary>Seeding: an edit made at a past time, without an event.</summary>
    internal void EditAt(string channelId, string ts, string newText, DateTimeOffset editedAt)
    {
        lock (_gate)
        {
            var channel = RequireChannel(channelId);
            var message = RequireMessage(channel, ts);
            UpdateText(channel, message, message.User!, newText, blocksJson: null, metadata: null, editedAt);
        }
    }

    /// <summary>The message is deleted now (a parent with replies stays as a tombstone); sends the event Slack sends.</summary>
    public void Delete(string channelId, string ts)
    {
        lock (_gate)
        {
            var channel = RequireChannel(channelId);
            DeleteMessage(channel, RequireMessage(channel, ts));
        }
    }

    // ----- reading state -----

    public SlackMessage? GetMessage(string channelId, string ts)
    {
        lock (_gate)
        {
            var channel = RequireChannel(channelId);
            return SlackTs.TryParse(ts, out var micros) && channel.Messages.TryGetValue(micros, out var message) ? Snapshot(message) : null;
        }
    }

    /// <summary>The parent and its replies oldest first, metadata included. Empty when the ts is unknown.</summary>
    public IReadOnlyList<SlackMessage> GetThread(string channelId, string threadTs)
    {
        lock (_gate)
        {
            var channel = RequireChannel(channelId);
            if (!SlackTs.TryParse(threadTs, out var micros) || !channel.Messages.TryGetValue(micros, out var parent))
            {
                return [];
            }

            return [Snapshot(parent), .. (parent.Replies ?? []).Select(ts => Snapshot(channel.Messages[ts]))];
        }
    }

    /// <summary>What <c>conversations.history</c> shows, oldest first.</summary>
    public IReadOnlyList<SlackMessage> GetHistory(string channelId)
    {
        lock (_gate)
        {
            var channel = RequireChannel(channelId);
            return [.. channel.Timeline.Select(ts => Snapshot(channel.Messages[ts]))];
        }
    }

    public IReadOnlyList<SlackReaction> GetReactions(string channelId, string ts) =>
        GetMessage(channelId, ts)?.Reactions ?? throw new KeyNotFoundException($"Message {ts} is not in {channelId}.");

    /// <summary>The permalink Slack would give for a message (replies carry <c>thread_ts</c> and <c>cid</c>).</summary>
    public string Permalink(string channelId, string ts)
    {
        lock (_gate)
        {
            var channel = RequireChannel(channelId);
            return PermalinkOf(RequireMessage(channel, ts));
        }
    }

    // ----- request log and events, for tests -----

    /// <summary>Every Web API call received so far, oldest first.</summary>
    public IReadOnlyList<SlackApiCall> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public IReadOnlyList<SlackApiCall> RequestsTo(string method) => [.. Requests.Where(c => c.Method == method)];

    /// <summary>Every Events API callback attempted so far, in order.</summary>
    public IReadOnlyList<SlackEventDelivery> EventDeliveries => _events.Deliveries;

    /// <summary>Completes once every event queued so far was delivered (or failed).</summary>
    public Task WhenEventsDeliveredAsync(CancellationToken cancellationToken = default) => _events.WhenIdleAsync(cancellationToken);

    // ----- bulk seeding -----

    /// <summary>
    /// Adds <paramref name="threads"/> top-level questions one minute apart from <paramref name="start"/>, each with
    /// <paramref name="repliesPerThread"/> replies alternating team and asker. No events. Returns the parents' ts, oldest first.
    /// </summary>
    public IReadOnlyList<string> SeedBulk(string channelId, int threads, int repliesPerThread, DateTimeOffset start)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        ArgumentOutOfRangeException.ThrowIfNegative(repliesPerThread);
        var askers = CommunityUsers.Where(u => !u.Deleted).Select(u => u.Id).ToList();
        if (askers.Count == 0)
        {
            askers.Add(AddUser(new SlackUser { Name = "bulk.asker", RealName = "Bulk Asker", TimeZone = "Europe/Berlin" }).Id);
        }

        var helpers = TeamMembers.Select(u => u.Id).ToList();
        if (helpers.Count == 0)
        {
            helpers.Add(AddUser(new SlackUser { Name = "bulk.helper", RealName = "Bulk Helper", TimeZone = "Europe/Berlin", IsTeamMember = true }).Id);
        }

        var parents = new List<string>(threads);
        lock (_gate)
        {
            var channel = RequireChannel(channelId);
            for (var i = 0; i < threads; i++)
            {
                var at = start.AddMinutes(i);
                var asker = askers[i % askers.Count];
                var parent = new StoredMessage { ChannelId = channelId, User = asker, Team = TeamId, ClientMsgId = NextClientMessageId(), Text = $"Bulk question #{i + 1}: the export job fails with `ERR_{i:D4}`" };
                Insert(channel, parent, at);
                for (var r = 0; r < repliesPerThread; r++)
                {
                    var author = r % 2 == 0 ? helpers[i % helpers.Count] : asker;
                    var reply = new StoredMessage { ChannelId = channelId, ParentTs = parent.Ts, User = author, Team = TeamId, ClientMsgId = NextClientMessageId(), Text = $"Reply {r + 1} on question #{i + 1}" };
                    Insert(channel, reply, at.AddSeconds(r + 1));
                }

                parents.Add(SlackTs.Format(parent.Ts));
            }
        }

        return parents;
    }

    /// <summary>Seeds the demo workspace. Seeding is history, not live activity: it sends no events.</summary>
    internal void SeedDemo(DateTimeOffset? at = null)
    {
        var eventsUrl = EventsUrl;
        EventsUrl = null;
        try
        {
            SlackDemoSeed.Seed(this, at ?? _time.GetUtcNow());
        }
        finally
        {
            EventsUrl = eventsUrl;
        }
    }

    internal void Attach(Uri baseUrl, ILogger logger)
    {
        BaseUrl = baseUrl;
        _events.Logger = logger;
    }

    public ValueTask DisposeAsync() => _events.DisposeAsync();

    // ----- internals shared by the Web API and the state API (call with _gate held) -----

    private ChannelState RequireChannel(string channelId) =>
        _channels.TryGetValue(channelId, out var channel) ? channel : throw new KeyNotFoundException($"Channel {channelId} does not exist.");

    private SlackUser RequireUser(string userId) =>
        _users.TryGetValue(userId, out var user) ? user : throw new KeyNotFoundException($"User {userId} does not exist.");

    private static StoredMessage RequireMessage(ChannelState channel, string ts) =>
        SlackTs.TryParse(ts, out var micros) && channel.Messages.TryGetValue(micros, out var message)
            ? message
            : throw new KeyNotFoundException($"Message {ts} is not in {channel.Info.Id}.");

    private string NextId(char prefix) => $"{prefix}0SBX{Interlocked.Increment(ref _generatedIds):D6}";

    private string NextClientMessageId()
    {
        // Deterministic GUID-shaped ids keep the demo seed identical from run to run.
        var n = Interlocked.Increment(ref _clientMessageCounter);
        return $"5a4d0b1c-0000-4000-8000-{n:x12}";
    }

    private long NowTs() => SlackTs.FromTime(_time.GetUtcNow());

    /// <summary>
    /// Gives the message its ts and files it. "Now" messages get a ts above every other in the channel, so ts only
    /// grow for live traffic even under a frozen test clock; seeded past messages keep their time, nudged by 1 µs when taken.
    /// </summary>
    private void Insert(ChannelState channel, StoredMessage message, DateTimeOffset? at)
    {
        long ts;
        if (at is null)
        {
            ts = Math.Max(NowTs(), channel.LastTs + 1);
        }
        else
        {
            ts = SlackTs.FromTime(at.Value);
            while (channel.Messages.ContainsKey(ts))
            {
                ts++;
            }
        }

        message.Ts = ts;
        channel.LastTs = Math.Max(channel.LastTs, ts);
        channel.Messages.Add(ts, message);
        if (message.ParentTs is { } parentTs)
        {
            if (channel.Messages.TryGetValue(parentTs, out var parent))
            {
                (parent.Replies ??= []).Add(ts);
            }

            if (message.Subtype == "thread_broadcast")
            {
                channel.Timeline.Add(ts);
            }
        }
        else
        {
            channel.Timeline.Add(ts);
        }
    }

    private static string NormalizeReactionName(string name) => name.Trim().Trim(':');

    private string? AddReaction(ChannelState channel, StoredMessage message, string userId, string name)
    {
        if (message.Tombstone)
        {
            return "message_not_found";
        }

        var reaction = message.Reactions.Find(r => r.Name == name);
        if (reaction is null)
        {
            if (message.Reactions.Count >= 50)
            {
                return "too_many_reactions";
            }

            reaction = new ReactionState(name);
            message.Reactions.Add(reaction);
        }
        else if (reaction.Users.Contains(userId))
        {
            return "already_reacted";
        }

        reaction.Users.Add(userId);
        EmitReactionEvent(channel, message, userId, name, added: true);
        return null;
    }

    private string? RemoveReaction(ChannelState channel, StoredMessage message, string userId, string name)
    {
        var reaction = message.Reactions.Find(r => r.Name == name);
        if (reaction is null || !reaction.Users.Remove(userId))
        {
            return "no_reaction";
        }

        if (reaction.Users.Count == 0)
        {
            message.Reactions.Remove(reaction);
        }

        EmitReactionEvent(channel, message, userId, name, added: false);
        return null;
    }

    private void UpdateText(ChannelState channel, StoredMessage message, string editorId, string text, string? blocksJson, SlackMessageMetadata? metadata, DateTimeOffset? editedAt)
    {
        var previous = RenderMessage(channel, message, MessageView.Event);
        message.Text = text;
        message.BlocksJson = blocksJson ?? message.BlocksJson;
        message.Metadata = metadata ?? message.Metadata;
        message.Edited = (editorId, Math.Max(editedAt is { } at ? SlackTs.FromTime(at) : NowTs(), message.Ts + 1));
        EmitMessageChanged(channel, message, previous);
    }

    /// <summary>
    /// Slack removes a deleted message from history, except a thread parent that still has replies: that one stays
    /// as <c>subtype: tombstone</c> ("This message was deleted.", user USLACKBOT) and Slack sends <c>message_changed</c>
    /// instead of <c>message_deleted</c>. A tombstone whose last reply is deleted disappears too.
    /// </summary>
    private void DeleteMessage(ChannelState channel, StoredMessage message)
    {
        var previous = RenderMessage(channel, message, MessageView.Event);
        if (message.ParentTs is null && message.Replies is { Count: > 0 })
        {
            message.Tombstone = true;
            message.Reactions.Clear();
            message.Files.Clear();
            message.Metadata = null;
            EmitMessageChanged(channel, message, previous);
            return;
        }

        channel.Messages.Remove(message.Ts);
        channel.Timeline.Remove(message.Ts);
        if (message.ParentTs is { } parentTs && channel.Messages.TryGetValue(parentTs, out var parent))
        {
            parent.Replies?.Remove(message.Ts);
            if (parent.Tombstone && parent.Replies is not { Count: > 0 })
            {
                channel.Messages.Remove(parent.Ts);
                channel.Timeline.Remove(parent.Ts);
            }
        }

        EmitMessageDeleted(channel, message, previous);
    }

    private SlackMessage Snapshot(StoredMessage message) => new()
    {
        ChannelId = message.ChannelId,
        Ts = SlackTs.Format(message.Ts),
        ThreadTs = message.ParentTs is { } parentTs ? SlackTs.Format(parentTs) : message.Replies is { Count: > 0 } ? SlackTs.Format(message.Ts) : null,
        UserId = message.Tombstone ? SlackbotUserId : message.User,
        BotId = message.Tombstone ? null : message.BotId,
        Username = message.Username,
        Subtype = message.Tombstone ? "tombstone" : message.Subtype,
        Text = message.Tombstone ? TombstoneText : message.Text,
        Edited = message.Edited is { } edited ? new SlackEdit(edited.User, SlackTs.Format(edited.Ts)) : null,
        Reactions = [.. message.Reactions.Select(r => new SlackReaction(r.Name, [.. r.Users]))],
        Files = [.. message.Files],
        Metadata = message.Metadata,
        ReplyCount = message.Replies?.Count ?? 0,
        PostedAt = SlackTs.ToTime(message.Ts),
    };

    private const string TombstoneText = "This message was deleted.";

    private sealed class ChannelState(SlackChannel info, long createdSeconds)
    {
        public SlackChannel Info { get; } = info;
        public bool BotIsMember { get; set; }
        public bool IsIm { get; init; }
        public long CreatedSeconds { get; } = createdSeconds;

        /// <summary>Every message, replies included, by ts.</summary>
        public SortedDictionary<long, StoredMessage> Messages { get; } = [];

        /// <summary>What conversations.history lists: top-level messages and thread broadcasts.</summary>
        public SortedSet<long> Timeline { get; } = [];

        public long LastTs { get; set; }
    }

    private sealed class StoredMessage
    {
        public long Ts { get; set; }
        public required string ChannelId { get; init; }
        public long? ParentTs { get; init; }
        public string? User { get; init; }
        public string? BotId { get; init; }
        public string? AppId { get; init; }
        public string? Username { get; init; }
        public string? IconEmoji { get; init; }
        public string? IconUrl { get; init; }
        public string? Subtype { get; init; }
        public required string Text { get; set; }
        public string? Team { get; init; }
        public string? ClientMsgId { get; init; }
        public string? BlocksJson { get; set; }
        public List<SlackFile> Files { get; init; } = [];
        public (string User, long Ts)? Edited { get; set; }
        public List<ReactionState> Reactions { get; } = [];
        public SlackMessageMetadata? Metadata { get; set; }
        public SortedSet<long>? Replies { get; set; }
        public bool Tombstone { get; set; }
    }

    private sealed class ReactionState(string name)
    {
        public string Name { get; } = name;
        public List<string> Users { get; } = [];
    }

    private sealed class UserGroupState(string id, string handle, string name, long createdSeconds)
    {
        public string Id { get; } = id;
        public string Handle { get; } = handle;
        public string Name { get; } = name;
        public long CreatedSeconds { get; } = createdSeconds;
        public long UpdatedSeconds { get; set; } = createdSeconds;
        public List<string> Users { get; } = [];
    }
}
