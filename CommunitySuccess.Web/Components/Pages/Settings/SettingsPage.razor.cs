using CommunitySuccess.Core.Slack;
using CommunitySuccess.Web.Hosting;
using Microsoft.AspNetCore.Components;

namespace CommunitySuccess.Web.Components.Pages.Settings;

public sealed partial class SettingsPage
{
    private IReadOnlyList<SettingRow> _rows = [];
    private IReadOnlyList<SlackChannelSyncState> _channels = [];
    private ConnectionTest? _slackTest;
    private bool _testing;

    [Inject]
    private ConfigurationOverview Overview { get; set; } = default!;

    [Inject]
    private SlackSyncService SlackSync { get; set; } = default!;

    [Inject]
    private ISlackApi Slack { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _rows = Overview.EffectiveSettings();
        _channels = await SlackSync.GetChannelStatesAsync(CancellationToken.None);
    }

    private async Task TestSlackAsync()
    {
        _testing = true;
        try
        {
            var auth = await Slack.AuthTestAsync();
            _slackTest = new ConnectionTest(true, $"Connected to {auth.Team} as {auth.User} (bot user {auth.UserId}).");
        }
        catch (SlackApiException ex)
        {
            // Slack's error code says what to fix (invalid_auth, not_authed, account_inactive…); never the token.
            _slackTest = new ConnectionTest(false, $"Slack refused: {ex.Error}. Check Slack:BotToken and Slack:ApiBaseUrl.");
        }
        catch (HttpRequestException ex)
        {
            _slackTest = new ConnectionTest(false, $"Slack is unreachable: {ex.Message}");
        }
        finally
        {
            _testing = false;
        }
    }

    private string When(DateTime? utc) => utc is { } value ? Ago(Time.GetUtcNow().UtcDateTime - value) : "never";

    private static string Ago(TimeSpan span) => span.TotalMinutes < 1 ? "just now"
        : span.TotalHours < 1 ? $"{(int)span.TotalMinutes} min ago"
        : span.TotalDays < 1 ? $"{(int)span.TotalHours} h ago"
        : $"{(int)span.TotalDays} d ago";

    private sealed record ConnectionTest(bool Ok, string Message);
}
