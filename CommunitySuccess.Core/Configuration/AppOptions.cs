using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.Configuration;

/// <summary>The <c>App</c> section.</summary>
public sealed class AppOptions
{
    public const string SectionName = "App";

    /// <summary>The address Slack and GitHub call back (events, commands, webhooks); used in the setup guide and links.</summary>
    public string PublicUrl { get; set; } = "";
}

public sealed class AppOptionsValidator : IValidateOptions<AppOptions>
{
    public ValidateOptionsResult Validate(string? name, AppOptions options)
    {
        var errors = new OptionsErrors();
        errors.AbsoluteHttpUrl("App:PublicUrl", options.PublicUrl, allowEmpty: true);
        return errors.ToResult();
    }
}
