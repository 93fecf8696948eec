using CommunitySuccess.Core.Accounts;
using CommunitySuccess.Core.Configuration;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.Team;

public sealed class TeamOptionsValidator : IValidateOptions<TeamOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamOptions options)
    {
        var errors = new OptionsErrors();
        for (var i = 0; i < options.Members.Count; i++)
        {
            var member = options.Members[i];
            var key = $"Team:Members[{i}]";
            errors.Require(!string.IsNullOrWhiteSpace(member.Name), $"{key}:Name is required.");
            errors.Require(member.Email.Contains('@', StringComparison.Ordinal), $"{key}:Email must be an email address, not '{member.Email}'.");
            errors.Require(member.SlackUserId.Length == 0 || TeamMemberRules.IsSlackUserId(member.SlackUserId),
                $"{key}:SlackUserId must be a Slack user id such as U0123ABCD, not '{member.SlackUserId}'.");
            errors.Require(member.GitHubLogin.Length == 0 || TeamMemberRules.IsGitHubLogin(member.GitHubLogin),
                $"{key}:GitHubLogin must be a GitHub login, not '{member.GitHubLogin}'.");
            errors.TimeZone($"{key}:TimeZone", member.TimeZone, allowEmpty: true);
            errors.Require(Roles.All.Contains(member.Role, StringComparer.OrdinalIgnoreCase),
                $"{key}:Role must be one of {string.Join(", ", Roles.All)}, not '{member.Role}'.");
        }

        return errors.ToResult();
    }
}
