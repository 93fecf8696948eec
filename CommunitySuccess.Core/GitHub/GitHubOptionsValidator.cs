using System.Text.RegularExpressions;
using CommunitySuccess.Core.Configuration;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.GitHub;

public sealed partial class GitHubOptionsValidator : IValidateOptions<GitHubOptions>
{
    public ValidateOptionsResult Validate(string? name, GitHubOptions options)
    {
        var errors = new OptionsErrors();
        errors.AbsoluteHttpUrl("GitHub:ApiBaseUrl", options.ApiBaseUrl, allowEmpty: false);
        for (var i = 0; i < options.Repositories.Count; i++)
        {
            errors.Require(Repository().IsMatch(options.Repositories[i]),
                $"GitHub:Repositories[{i}] must look like owner/name, not '{options.Repositories[i]}'.");
        }

        errors.Require(options.Repositories.Distinct(StringComparer.OrdinalIgnoreCase).Count() == options.Repositories.Count,
            "GitHub:Repositories lists a repository twice.");
        var labels = options.Labels;
        foreach (var (key, value) in new[]
        {
            ("Triage", labels.Triage), ("ProductReview", labels.ProductReview), ("Community", labels.Community),
            ("Sprint", labels.Sprint), ("OpenToContribution", labels.OpenToContribution), ("DeploymentBlocker", labels.DeploymentBlocker),
        })
        {
            errors.Require(!string.IsNullOrWhiteSpace(value), $"GitHub:Labels:{key} must not be empty.");
        }

        errors.Require(options.RequestTimeoutSeconds is >= 1 and <= 600,
            $"GitHub:RequestTimeoutSeconds must be between 1 and 600, not {options.RequestTimeoutSeconds}.");
        return errors.ToResult();
    }

    [GeneratedRegex(@"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex Repository();
}
