using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.Slack.SocketMode;

/// <summary>
/// <c>apps.connections.open</c>: trades the app-level token (<c>Slack:AppToken</c>, scope <c>connections:write</c>)
/// for a one-use WebSocket URL. A typed <see cref="HttpClient"/>; the token is sent, never logged.
/// </summary>
public sealed class SlackSocketModeConnector(HttpClient http, IOptionsMonitor<SlackOptions> options)
{
    /// <summary>Asks Slack for a Socket Mode URL; throws <see cref="SlackSocketModeException"/> when Slack refuses.</summary>
    public async Task<Uri> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var current = options.CurrentValue;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(current.ApiBaseUrl), "apps.connections.open"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", current.AppToken);
        request.Content = new FormUrlEncodedContent([]);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new SlackSocketModeException($"http_{(int)response.StatusCode}", permanent: false);
        }

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var root = document.RootElement;
        if (root.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True
            && root.TryGetProperty("url", out var url) && Uri.TryCreate(url.GetString(), UriKind.Absolute, out var uri)
            && (uri.Scheme == "wss" || uri.Scheme == "ws"))
        {
            return uri;
        }

        var error = root.TryGetProperty("error", out var e) ? e.GetString() ?? "unknown_error" : "no_url";
        throw new SlackSocketModeException(error, permanent: error is "invalid_auth" or "not_allowed_token_type" or "not_authed" or "account_inactive" or "token_revoked");
    }
}

/// <summary>Slack refused to open a Socket Mode connection; <see cref="Permanent"/> when only a new token helps.</summary>
public sealed class SlackSocketModeException(string error, bool permanent)
    : Exception($"Slack refused a Socket Mode connection: {error}" + (permanent ? " (check Slack:AppToken: an app-level token xapp-… with connections:write)" : ""))
{
    public string Error { get; } = error;

    public bool Permanent { get; } = permanent;
}
