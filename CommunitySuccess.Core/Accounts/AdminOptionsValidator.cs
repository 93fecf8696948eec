using CommunitySuccess.Core.Configuration;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.Accounts;

public sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        var errors = new OptionsErrors();
        var hasEmail = !string.IsNullOrWhiteSpace(options.Email);
        var hasPassword = !string.IsNullOrEmpty(options.Password);
        errors.Require(hasEmail == hasPassword, "Admin:Email and Admin:Password must be set together (or neither, to use the /setup page).");
        errors.Require(!hasEmail || options.Email.Contains('@', StringComparison.Ordinal), $"Admin:Email must be an email address, not '{options.Email}'.");
        errors.Require(!hasPassword || options.Password.Length >= AccountRules.MinimumPasswordLength,
            $"Admin:Password must be at least {AccountRules.MinimumPasswordLength} characters.");
        return errors.ToResult();
    }
}
