using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Slack;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Web.Hosting;

/// <summary>One effective configuration value as the settings page shows it.</summary>
public sealed record SettingRow(string Key, string Value, bool IsSecret);

/// <summary>
/// What is configured, for the home and settings pages. Secrets are reported only as "set" or "not set":
/// their values never leave this class.
/// </summary>
public sealed class ConfigurationOverview(
    IConfiguration configuration,
    AppMode mode,
    IOptionsMonitor<SlackOptions> slack,
    IOptionsMonitor<GitHubOptions> gitHub)
{
    public const string Hidden = "set (hidden)";
    public const string NotSet = "not set";

    private static readonly string[] OurSections = ["Admin", "App", "Database", "Slack", "GitHub", "Inbox", "Sync", "Team", "OnCall", "Insights", "Sandbox", "Jobs"];

    private static readonly HashSet<string> SecretKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "Admin:Password", "Slack:BotToken", "Slack:SigningSecret", "Slack:AppToken", "GitHub:Token", "GitHub:WebhookSecret",
    };

    public bool IsDemo => mode.IsDemo;

    public string DatabaseFile => mode.Database.Describe();

    public string DatabaseKind => mode.Database.IsPostgres ? "PostgreSQL" : "SQLite";

    public bool SlackConfigured => slack.CurrentValue.BotToken.Length > 0 || mode.IsDemo;

    public IReadOnlyList<string> SupportChannels => slack.CurrentValue.SupportChannels;

    public bool GitHubConfigured => gitHub.CurrentValue.Token.Length > 0 || mode.IsDemo;

    public IReadOnlyList<string> Repositories => gitHub.CurrentValue.Repositories;

    /// <summary>Every key set in our sections (after appsettings.json, environment and user secrets), secrets masked.</summary>
    public IReadOnlyList<SettingRow> EffectiveSettings()
    {
        var rows = new List<SettingRow>
        {
            new("Mode", mode.IsDemo ? "Demo (sandbox)" : "Live", false),
            new("Database file", DatabaseFile, false),
        };
        foreach (var section in OurSections)
        {
            foreach (var (key, value) in configuration.GetSection(section).AsEnumerable(makePathsRelative: false)
                         .Where(kv => kv.Value is not null && !IsSectionHeader(kv.Key, kv.Value))
                         .OrderBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase))
            {
                var secret = IsSecret(key);
                rows.Add(new SettingRow(key, secret ? Mask(value) : value!, secret));
            }
        }

        foreach (var secret in SecretKeys.Where(k => !rows.Any(r => string.Equals(r.Key, k, StringComparison.OrdinalIgnoreCase))).Order(StringComparer.Ordinal))
        {
            rows.Add(new SettingRow(secret, NotSet, true));
        }

        return rows;
    }

    // Empty values that only stand for a section of keys (or an empty list) are not settings of their own.
    private bool IsSectionHeader(string key, string? value) =>
        string.IsNullOrEmpty(value) && configuration.GetSection(key).GetChildren().Any();

    public static bool IsSecret(string key) =>
        SecretKeys.Contains(key) || key.EndsWith("Password", StringComparison.OrdinalIgnoreCase)
        || key.EndsWith("Secret", StringComparison.OrdinalIgnoreCase) || key.EndsWith("Token", StringComparison.OrdinalIgnoreCase);

    private static string Mask(string? value) => string.IsNullOrEmpty(value) ? NotSet : Hidden;
}
