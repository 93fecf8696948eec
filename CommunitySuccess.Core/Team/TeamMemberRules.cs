using System.Text.RegularExpressions;
using CommunitySuccess.Core.Accounts;

namespace CommunitySuccess.Core.Team;

/// <summary>What a valid team member looks like, for the configuration seed and the team page alike.</summary>
public static partial class TeamMemberRules
{
    public static bool IsSlackUserId(string value) => SlackUserId().IsMatch(value);

    public static bool IsGitHubLogin(string value) => GitHubLogin().IsMatch(value);

    public static bool IsTimeZone(string value) => TimeZoneInfo.TryFindSystemTimeZoneById(value, out _);

    /// <summary>Problems with one member's fields, each naming the field; empty when valid. Empty optional fields are fine.</summary>
    public static IReadOnlyList<string> Validate(string name, string email, string? slackUserId, string? gitHubLogin, string? timeZone, string role)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add("Name is required.");
        }

        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal))
        {
            errors.Add($"Email must be an email address, not '{email}'.");
        }

        if (!string.IsNullOrWhiteSpace(slackUserId) && !IsSlackUserId(slackUserId.Trim()))
        {
            errors.Add($"Slack user id must look like U0123ABCD, not '{slackUserId}'.");
        }

        if (!string.IsNullOrWhiteSpace(gitHubLogin) && !IsGitHubLogin(gitHubLogin.Trim()))
        {
            errors.Add($"GitHub login must be a GitHub user name, not '{gitHubLogin}'.");
        }

        if (!string.IsNullOrWhiteSpace(timeZone) && !IsTimeZone(timeZone.Trim()))
        {
            errors.Add($"Time zone must be an IANA time zone such as Europe/Berlin, not '{timeZone}'.");
        }

        if (!Roles.All.Contains(role, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"Role must be one of {string.Join(", ", Roles.All)}, not '{role}'.");
        }

        return errors;
    }

    [GeneratedRegex("^[UW][A-Z0-9]{2,}$")]
    private static partial Regex SlackUserId();

    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$")]
    private static partial Regex GitHubLogin();
}
