using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.Slack;

/// <summary>
/// Our own Slack Web API client: a typed <see cref="HttpClient"/> speaking Slack's wire format with
/// System.Text.Json. The base URL and bot token are read from <see cref="SlackOptions"/> on every request, so a
/// settings change applies to the next call. The token travels only in the <c>Authorization</c> header and is
/// never logged nor put in a message.
/// </summary>
/// <remarks>
/// Rate limits: a 429 on a read (history, replies, info, auth.test, permalink, lists) waits <c>Retry-After</c>
/// on the injected <see cref="TimeProvider"/> and tries again, at most <see cref="MaxReadRetries"/> times. A 429
/// on a write (post, update, delete, reactions, user groups) throws <see cref="SlackRateLimitedException"/>
/// at once: a write is sent exactly once here, and the outbox decides whether and when to send it again. For
/// the same reason no generic resilience handler sits in front of this client (it would re-send posts after a
/// time-out, when Slack may already have posted them).
/// </remarks>
public sealed partial class SlackApiClient(
    HttpClient httpClient,
    IOptionsMonitor<SlackOptions> options,
    SlackRateBudget budget,
    TimeProvider timeProvider,
    ILogger<SlackApiClient> logger) : ISlackApi
{
    private const int DefaultPageSize = ISlackApi.DefaultPageSize;

    /// <summary>Slack's page-size ceiling for history and replies of a non-Marketplace app.</summary>
    public const int NonMarketplacePageSize = 15;

    /// <summary>The page size for history and replies under the current options.</summary>
    private int PageSize => options.CurrentValue.NonMarketplaceApp ? NonMarketplacePageSize : DefaultPageSize;

    /// <summary>How many times a read waits out a 429 before it gives up.</summary>
    public const int MaxReadRetries = 5;

    /// <summary>Used when a 429 carries no usable <c>Retry-After</c>.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(1);

    private enum CallKind
    {
        Read,
        Write,
    }

    /// <inheritdoc />
    public async Task<SlackAuthInfo> AuthTestAsync(CancellationToken cancellationToken = default)
    {
        var response = await CallAsync<AuthTestResponse>("auth.test", CallKind.Read, Form(), cancellationToken).ConfigureAwait(false);
        return new SlackAuthInfo(response.Url, response.Team, response.TeamId, response.UserId, response.BotId, response.User)
        {
            Scopes = response.OAuthScopes?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        };
    }

    /// <inheritdoc />
    public async Task<SlackHistoryPage> GetHistoryPageAsync(
        string channel,
        string? oldest = null,
        string? latest = null,
        string? cursor = null,
        int limit = DefaultPageSize,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 999);

        var response = await CallAsync<MessagesResponse>(
            "conversations.history",
            CallKind.Read,
            Form(
                ("channel", channel),
                ("oldest", oldest),
                ("latest", latest),
                ("cursor", cursor),
                ("limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("include_all_metadata", "true")),
            cancellationToken).ConfigureAwait(false);

        return new SlackHistoryPage(response.Messages ?? [], response.HasMore, NextCursor(response));
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SlackMessage> GetHistoryAsync(
        string channel,
        string? oldest = null,
        string? latest = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        do
        {
            var page = await GetHistoryPageAsync(channel, oldest, latest, cursor, PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var message in page.Messages)
            {
                yield return message;
            }

            cursor = NextOrStop("conversations.history", cursor, page.NextCursor);
        }
        while (cursor is not null);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SlackMessage>> GetRepliesAsync(
        string channel,
        string threadTs,
        bool includeAllMetadata = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentException.ThrowIfNullOrEmpty(threadTs);

        var messages = new List<SlackMessage>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        do
        {
            var response = await CallAsync<MessagesResponse>(
                "conversations.replies",
                CallKind.Read,
                Form(
                    ("channel", channel),
                    ("ts", threadTs),
                    ("cursor", cursor),
                    ("limit", PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ("include_all_metadata", includeAllMetadata ? "true" : null)),
                cancellationToken).ConfigureAwait(false);

            // Slack repeats the parent at the top of every page; keep each message once.
            foreach (var message in response.Messages ?? [])
            {
                if (seen.Add(message.Ts))
                {
                    messages.Add(message);
                }
            }

            cursor = NextOrStop("conversations.replies", cursor, NextCursor(response));
        }
        while (cursor is not null);

        return messages;
    }

    /// <inheritdoc />
    public async Task<SlackConversationInfo> GetConversationInfoAsync(string channel, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        var response = await CallAsync<ConversationResponse>("conversations.info", CallKind.Read, Form(("channel", channel)), cancellationToken).ConfigureAwait(false);
        return MapConversation("conversations.info", response.Channel);
    }

    /// <inheritdoc />
    public async Task<SlackConversationInfo> JoinConversationAsync(string channel, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        var response = await CallAsync<ConversationResponse>("conversations.join", CallKind.Write, Form(("channel", channel)), cancellationToken).ConfigureAwait(false);
        return MapConversation("conversations.join", response.Channel);
    }

    /// <inheritdoc />
    public async Task<string> OpenDirectMessageAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        // Opening is idempotent (Slack answers the same D… id with already_open), so a 429 may be waited out like a read.
        var response = await CallAsync<ConversationResponse>("conversations.open", CallKind.Read, Form(("users", userId)), cancellationToken).ConfigureAwait(false);
        return string.IsNullOrEmpty(response.Channel?.Id) ? throw MissingField("conversations.open", "channel.id") : response.Channel.Id;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SlackConversationInfo> ListConversationsAsync(
        string types = "public_channel",
        bool excludeArchived = true,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        do
        {
            var response = await CallAsync<ConversationsListResponse>(
                "conversations.list",
                CallKind.Read,
                Form(
                    ("types", types),
                    ("exclude_archived", excludeArchived ? "true" : "false"),
                    ("cursor", cursor),
                    ("limit", DefaultPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                cancellationToken).ConfigureAwait(false);

            foreach (var channel in response.Channels ?? [])
            {
                yield return MapConversation("conversations.list", channel);
            }

            cursor = NextOrStop("conversations.list", cursor, NextCursor(response));
        }
        while (cursor is not null);
    }

    /// <inheritdoc />
    public async Task<SlackUserInfo> GetUserInfoAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var response = await CallAsync<UserResponse>("users.info", CallKind.Read, Form(("user", userId)), cancellationToken).ConfigureAwait(false);
        return MapUser("users.info", response.User);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SlackUserInfo> ListUsersAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        do
        {
            var response = await CallAsync<UsersListResponse>(
                "users.list",
                CallKind.Read,
                Form(("cursor", cursor), ("limit", DefaultPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                cancellationToken).ConfigureAwait(false);

            foreach (var member in response.Members ?? [])
            {
                yield return MapUser("users.list", member);
            }

            cursor = NextOrStop("users.list", cursor, NextCursor(response));
        }
        while (cursor is not null);
    }

    /// <inheritdoc />
    public async Task<SlackTeamInfo> GetTeamInfoAsync(CancellationToken cancellationToken = default)
    {
        var response = await CallAsync<TeamResponse>("team.info", CallKind.Read, Form(), cancellationToken).ConfigureAwait(false);
        var team = response.Team;
        if (string.IsNullOrEmpty(team?.Id))
        {
            throw MissingField("team.info", "team.id");
        }

        return new SlackTeamInfo(team.Id, team.Name, team.Domain);
    }

    /// <inheritdoc />
    public async Task<SlackBotInfo> GetBotInfoAsync(string botId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(botId);
        var response = await CallAsync<BotResponse>("bots.info", CallKind.Read, Form(("bot", botId)), cancellationToken).ConfigureAwait(false);
        var bot = response.Bot;
        if (string.IsNullOrEmpty(bot?.Id))
        {
            throw MissingField("bots.info", "bot.id");
        }

        return new SlackBotInfo(bot.Id, bot.Name, bot.AppId, bot.UserId, bot.Deleted);
    }

    /// <inheritdoc />
    public async Task<string> PostMessageAsync(SlackPostMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrEmpty(message.Channel);

        var body = new PostMessageRequest
        {
            Channel = message.Channel,
            Text = message.Text,
            ThreadTs = message.ThreadTs,
            ReplyBroadcast = message.ReplyBroadcast ? true : null,
            Username = message.Username,
            IconUrl = message.IconUrl,
            Metadata = message.Metadata,
        };

        var response = await CallAsync<PostMessageResponse>("chat.postMessage", CallKind.Write, () => Json(body), message.Channel, cancellationToken).ConfigureAwait(false);
        return string.IsNullOrEmpty(response.Ts) ? throw MissingField("chat.postMessage", "ts") : response.Ts;
    }

    /// <inheritdoc />
    public async Task UpdateMessageAsync(string channel, string ts, string text, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentException.ThrowIfNullOrEmpty(ts);
        var body = new UpdateMessageRequest { Channel = channel, Ts = ts, Text = text };
        await CallAsync<SlackResponse>("chat.update", CallKind.Write, () => Json(body), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task DeleteMessageAsync(string channel, string ts, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentException.ThrowIfNullOrEmpty(ts);
        await CallAsync<SlackResponse>("chat.delete", CallKind.Write, Form(("channel", channel), ("ts", ts)), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<string> GetPermalinkAsync(string channel, string messageTs, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentException.ThrowIfNullOrEmpty(messageTs);
        var response = await CallAsync<PermalinkResponse>(
            "chat.getPermalink",
            CallKind.Read,
            Form(("channel", channel), ("message_ts", messageTs)),
            cancellationToken).ConfigureAwait(false);
        return string.IsNullOrEmpty(response.Permalink) ? throw MissingField("chat.getPermalink", "permalink") : response.Permalink;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SlackReaction>> GetReactionsAsync(string channel, string ts, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentException.ThrowIfNullOrEmpty(ts);
        var response = await CallAsync<ReactionsGetResponse>(
            "reactions.get",
            CallKind.Read,
            Form(("channel", channel), ("timestamp", ts), ("full", "true")),
            cancellationToken).ConfigureAwait(false);
        return (response.Message ?? response.File)?.Reactions ?? [];
    }

    /// <inheritdoc />
    public Task AddReactionAsync(string channel, string ts, string name, CancellationToken cancellationToken = default) =>
        ReactAsync("reactions.add", channel, ts, name, cancellationToken);

    /// <inheritdoc />
    public Task RemoveReactionAsync(string channel, string ts, string name, CancellationToken cancellationToken = default) =>
        ReactAsync("reactions.remove", channel, ts, name, cancellationToken);

    /// <inheritdoc />
    public async Task UpdateUserGroupUsersAsync(string userGroupId, IEnumerable<string> userIds, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userGroupId);
        ArgumentNullException.ThrowIfNull(userIds);
        var users = userIds.Where(id => !string.IsNullOrWhiteSpace(id)).Distinct(StringComparer.Ordinal).ToList();
        if (users.Count == 0)
        {
            throw new ArgumentException("A Slack user group needs at least one user; Slack refuses an empty list.", nameof(userIds));
        }

        await CallAsync<SlackResponse>(
            "usergroups.users.update",
            CallKind.Write,
            Form(("usergroup", userGroupId), ("users", string.Join(',', users))),
            cancellationToken).ConfigureAwait(false);
    }

    private async Task ReactAsync(string method, string channel, string ts, string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentException.ThrowIfNullOrEmpty(ts);
        ArgumentException.ThrowIfNullOrEmpty(name);
        await CallAsync<SlackResponse>(
            method,
            CallKind.Write,
            Form(("channel", channel), ("timestamp", ts), ("name", name.Trim(':'))),
            cancellationToken).ConfigureAwait(false);
    }

    private Task<T> CallAsync<T>(string method, CallKind kind, Func<HttpContent> content, CancellationToken cancellationToken)
        where T : SlackResponse =>
        CallAsync<T>(method, kind, content, channel: null, cancellationToken);

    /// <param name="channel">For methods limited per channel (<c>chat.postMessage</c>): the channel posted to.</param>
    private async Task<T> CallAsync<T>(string method, CallKind kind, Func<HttpContent> content, string? channel, CancellationToken cancellationToken)
        where T : SlackResponse
    {
        for (var retry = 0; ; retry++)
        {
            await budget.WaitAsync(method, channel, cancellationToken).ConfigureAwait(false);
            using var request = CreateRequest(method, content());
            using var response = await SendAsync(method, request, cancellationToken).ConfigureAwait(false);

            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var retryAfter = RetryAfter(response);
                budget.Pause(method, channel, retryAfter);
                if (kind == CallKind.Write || retry >= MaxReadRetries)
                {
                    LogRateLimitedGivingUp(method, retryAfter.TotalSeconds, kind == CallKind.Write);
                    throw new SlackRateLimitedException(method, retryAfter);
                }

                // The budget holds the next attempt (and every other caller of this method) until Retry-After passed.
                LogRateLimitedWaiting(method, retryAfter.TotalSeconds, retry + 1, MaxReadRetries);
                continue;
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw HttpError(method, response.StatusCode, body);
            }

            T? result;
            try
            {
                result = JsonSerializer.Deserialize<T>(body, SlackJson.Options);
            }
            catch (JsonException ex)
            {
                throw new SlackApiException(
                    method,
                    "invalid_response",
                    $"Slack API {method} answered HTTP {(int)response.StatusCode} with a body that is not a Slack response ({Describe(body)}).",
                    response.StatusCode,
                    ex);
            }

            if (result is null)
            {
                throw new SlackApiException(method, "invalid_response", $"Slack API {method} answered with an empty JSON body.", response.StatusCode);
            }

            if (!result.Ok)
            {
                var error = string.IsNullOrEmpty(result.Error) ? "unknown_error" : result.Error;
                var scopes = result.Needed is null ? "" : $" (needs scope '{result.Needed}', the token has '{result.Provided}')";
                throw new SlackApiException(method, error, $"Slack API {method} failed: {error}{scopes}.", response.StatusCode) { NeededScope = result.Needed };
            }

            if (response.Headers.TryGetValues("x-oauth-scopes", out var granted))
            {
                result.OAuthScopes = string.Join(',', granted);
            }

            return result;
        }
    }

    private HttpRequestMessage CreateRequest(string method, HttpContent content)
    {
        var current = options.CurrentValue;
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUri(current.ApiBaseUrl, method), method)) { Content = content };
        if (!string.IsNullOrEmpty(current.BotToken))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", current.BotToken);
        }

        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(string method, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new SlackApiException(
                method,
                "request_failed",
                $"Slack API {method} could not be reached at {request.RequestUri?.GetLeftPart(UriPartial.Authority)}: {ex.Message}",
                ex.StatusCode,
                ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SlackApiException(method, "timeout", $"Slack API {method} did not answer within {httpClient.Timeout.TotalSeconds:0} s.", null, ex);
        }
    }

    /// <summary>The configured Web API root as an absolute URL ending in a slash, so method names append to it.</summary>
    internal static Uri BaseUri(string? apiBaseUrl, string method = "")
    {
        var text = string.IsNullOrWhiteSpace(apiBaseUrl) ? "" : apiBaseUrl.Trim();
        if (!text.EndsWith('/'))
        {
            text += "/";
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new SlackApiException(
                method,
                "invalid_configuration",
                $"Slack:ApiBaseUrl '{apiBaseUrl}' is not an absolute http(s) URL; Slack API {method} was not called.");
        }

        return uri;
    }

    private TimeSpan RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta && delta >= TimeSpan.Zero)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return DefaultRetryAfter;
    }

    private static SlackApiException HttpError(string method, HttpStatusCode status, string body)
    {
        // Some proxies and Slack's own edge answer errors as JSON: keep Slack's code when there is one.
        string? error = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var element)
                && element.ValueKind == JsonValueKind.String)
            {
                error = element.GetString();
            }
        }
        catch (JsonException)
        {
            // Not JSON: the status is all we know.
        }

        var code = string.IsNullOrEmpty(error) ? $"http_{(int)status}" : error;
        var detail = string.IsNullOrEmpty(error) ? "" : $": {error}";
        return new SlackApiException(method, code, $"Slack API {method} failed with HTTP {(int)status} ({status}){detail}.", status);
    }

    private static string Describe(string body)
    {
        var trimmed = body.Trim();
        if (trimmed.Length == 0)
        {
            return "empty";
        }

        var start = new string(trimmed.Take(60).Select(c => char.IsControl(c) ? ' ' : c).ToArray());
        return trimmed.Length > 60 ? $"starts with '{start}…'" : $"'{start}'";
    }

    private static SlackApiException MissingField(string method, string field) =>
        new(method, "invalid_response", $"Slack API {method} answered ok but without '{field}'.");

    private static string? NextCursor(SlackResponse response) =>
        string.IsNullOrEmpty(response.ResponseMetadata?.NextCursor) ? null : response.ResponseMetadata.NextCursor;

    private static string? NextOrStop(string method, string? current, string? next)
    {
        if (next is not null && string.Equals(next, current, StringComparison.Ordinal))
        {
            // A server that hands back the cursor it was given would page forever.
            throw new SlackApiException(method, "invalid_response", $"Slack API {method} returned the same cursor twice; paging stopped.");
        }

        return next;
    }

    private static SlackConversationInfo MapConversation(string method, ConversationWire? channel)
    {
        if (string.IsNullOrEmpty(channel?.Id))
        {
            throw MissingField(method, "channel.id");
        }

        return new SlackConversationInfo(
            channel.Id,
            channel.Name,
            channel.IsChannel,
            channel.IsGroup,
            channel.IsIm,
            channel.IsMpim,
            channel.IsPrivate,
            channel.IsArchived,
            channel.IsMember,
            NullIfEmpty(channel.Topic?.Value),
            NullIfEmpty(channel.Purpose?.Value));
    }

    private static SlackUserInfo MapUser(string method, UserWire? user)
    {
        if (string.IsNullOrEmpty(user?.Id))
        {
            throw MissingField(method, "user.id");
        }

        var profile = user.Profile;
        return new SlackUserInfo(
            user.Id,
            NullIfEmpty(user.Name),
            NullIfEmpty(user.RealName) ?? NullIfEmpty(profile?.RealName),
            NullIfEmpty(profile?.DisplayName),
            NullIfEmpty(user.TimeZone),
            user.TzOffset,
            user.IsBot,
            user.Deleted,
            NullIfEmpty(profile?.Image72),
            NullIfEmpty(profile?.Image48),
            NullIfEmpty(profile?.Email))
        {
            TeamId = NullIfEmpty(user.TeamId),
            BotId = NullIfEmpty(profile?.BotId),
        };
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static Func<HttpContent> Form(params (string Name, string? Value)[] fields) =>
        () => new FormUrlEncodedContent(fields
            .Where(field => field.Value is not null)
            .Select(field => new KeyValuePair<string, string>(field.Name, field.Value!)));

    private static JsonContent Json<TBody>(TBody body) => JsonContent.Create(body, options: SlackJson.Options);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack API {Method} is rate limited; waiting {Seconds} s before retry {Retry} of {MaxRetries}")]
    private partial void LogRateLimitedWaiting(string method, double seconds, int retry, int maxRetries);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack API {Method} is rate limited (retry after {Seconds} s); not retried here (write: {IsWrite})")]
    private partial void LogRateLimitedGivingUp(string method, double seconds, bool isWrite);
}
