using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.Configuration;

/// <summary>The <c>Sync</c> section: polling schedules (events and webhooks make changes show sooner).</summary>
public sealed class SyncOptions
{
    public const string SectionName = "Sync";

    public string SlackCron { get; set; } = "* * * * *";

    public string GitHubCron { get; set; } = "*/5 * * * *";
}

public sealed class SyncOptionsValidator : IValidateOptions<SyncOptions>
{
    public ValidateOptionsResult Validate(string? name, SyncOptions options)
    {
        var errors = new OptionsErrors();
        errors.Require(CronShape.IsValid(options.SlackCron), $"Sync:SlackCron must be a cron expression of 5 or 6 fields, not '{options.SlackCron}'.");
        errors.Require(CronShape.IsValid(options.GitHubCron), $"Sync:GitHubCron must be a cron expression of 5 or 6 fields, not '{options.GitHubCron}'.");
        return errors.ToResult();
    }
}

/// <summary>A light shape check; Hangfire parses the expression itself when the job is registered.</summary>
public static class CronShape
{
    public static bool IsValid(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            return false;
        }

        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length is 5 or 6 && fields.All(f => f.All(c => char.IsAsciiLetterOrDigit(c) || "*/,-?LW#".Contains(c, StringComparison.Ordinal)));
    }
}
