using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Web.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Web.Components.Pages.Settings;

public sealed partial class SettingsPage
{
    private IReadOnlyList<SettingRow> _rows = [];
    private IReadOnlyList<SlackChannelSyncState> _channels = [];
    private SlackBackfillPanel _backfill = default!;
    private ConnectionTest? _slackTest;
    private bool _testing;
    private IReadOnlyList<GitHubRepoSyncState> _repositories = [];
    private ConnectionTest? _gitHubTest;
    private bool _testingGitHub;

    [Inject]
    private ConfigurationOverview Overview { get; set; } = default!;

    [Inject]
    private SlackSyncService SlackSync { get; set; } = default!;

    [Inject]
    private ISlackApi Slack { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private GitHubSyncService GitHubSync { get; set; } = default!;

    [Inject]
    private IGitHubGateway GitHub { get; set; } = default!;

    [Inject]
    private GitHubRateLimitMonitor GitHubRateLimits { get; set; } = default!;

    [Inject]
    private IOptionsMonitor<GitHubOptions> GitHubOptions { get; set; } = default!;

    private GitHubRateLimit? GitHubRateLimit => GitHubRateLimits.Current;

    protected override async Task OnInitializedAsync()
    {
        _rows = Overview.EffectiveSettings();
        _channels = await SlackSync.GetChannelStatesAsync(CancellationToken.None);
        await LoadRepositoriesAsync();
    }

    /// <summary>Every configured repository, synced or not yet (then "never").</summary>
    private async Task LoadRepositoriesAsync()
    {
        var states = (await GitHubSync.GetRepositoryStatesAsync(CancellationToken.None)).ToDictionary(s => s.Repository, StringComparer.OrdinalIgnoreCase);
        _repositories = [.. GitHubOptions.CurrentValue.Repositories.Select(r => states.GetValueOrDefault(r) ?? new GitHubRepoSyncState { Repository = r })];
    }

    private async Task TestGitHubAsync()
    {
        _testingGitHub = true;
        try
        {
            var user = await GitHub.GetCurrentUserAsync();
            var limit = user.RateLimit is { } l ? $" Rate limit: {l.Remaining} of {l.Limit} requests left this hour." : "";
            _gitHubTest = new ConnectionTest(true, $"Connected to GitHub as {user.Login}.{limit}");
        }
        catch (GitHubGatewayException ex)
        {
            // GitHub's own message says what to fix (bad credentials, rate limit); never the token.
            _gitHubTest = new ConnectionTest(false, $"{ex.Message} Check GitHub:Token and GitHub:ApiBaseUrl.");
        }
        finally
        {
            _testingGitHub = false;
        }

        await LoadRepositoriesAsync();
    }

    private string Until(DateTime utc)
    {
        var span = utc - Time.GetUtcNow().UtcDateTime;
        return span <= TimeSpan.Zero ? "now" : span.TotalMinutes < 1 ? "in under a minute" : $"in {(int)Math.Ceiling(span.TotalMinutes)} min";
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
