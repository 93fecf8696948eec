using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.Accounts;

/// <summary>At start-up: the roles exist, and the configured first admin exists while nobody else does.</summary>
public sealed class AdminBootstrapper(AccountService accounts, IOptions<AdminOptions> options, ILogger<AdminBootstrapper> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await accounts.EnsureRolesAsync();
        var admin = options.Value;
        if (string.IsNullOrWhiteSpace(admin.Email) || await accounts.AnyUserExistsAsync(cancellationToken))
        {
            return;
        }

        var result = await accounts.CreateFirstAdminAsync(admin.Email, admin.Email, admin.Password, cancellationToken);
        if (!result.Succeeded)
        {
            // Never log the password; the reasons are Identity's password rules.
            throw new InvalidOperationException($"Admin:Email / Admin:Password could not create the first admin: {string.Join(" ", result.Errors)}");
        }

        logger.LogInformation("Created the first admin {Email} from configuration", admin.Email);
    }
}
