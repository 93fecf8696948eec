using System.Security.Claims;
using CommunitySuccess.Core.Accounts;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Web.Accounts;

/// <summary>
/// Re-checks an open Blazor circuit's user every minute, and before every action the circuit runs
/// (<see cref="CircuitAccessGuard"/>): a disabled account, or one whose security stamp changed (a role was added or
/// removed), becomes anonymous on the circuit. Every page requires a signed-in user on the circuit
/// (Components/Pages/_Imports.razor), so the router then sends the tab to the sign-in page with a full reload,
/// which ends the circuit.
/// </summary>
public sealed class RevalidatingIdentityAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopeFactory,
    IOptions<IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    private static readonly AuthenticationState Anonymous = new(new ClaimsPrincipal(new ClaimsIdentity()));
    private readonly ILogger _logger = loggerFactory.CreateLogger<RevalidatingIdentityAuthenticationStateProvider>();

    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    /// <summary>
    /// Checks the circuit's user against the database now. When the account was disabled or its roles changed, the
    /// circuit becomes anonymous (the tab goes to sign-in) and the answer is false: the caller must not act.
    /// </summary>
    public async Task<bool> EnsureStillValidAsync(CancellationToken cancellationToken)
    {
        var state = await GetAuthenticationStateAsync();
        if (state.User.Identity?.IsAuthenticated != true)
        {
            return false;
        }

        if (await ValidateAuthenticationStateAsync(state, cancellationToken))
        {
            return true;
        }

        _logger.LogInformation("Ended an open page of {UserId}: the account was disabled or its roles changed",
            state.User.FindFirstValue(ClaimTypes.NameIdentifier));
        SetAuthenticationState(Task.FromResult(Anonymous));
        return false;
    }

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await IsValidAsync(users, authenticationState.User);
    }

    private async Task<bool> IsValidAsync(UserManager<AppUser> users, ClaimsPrincipal principal)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null || user.IsDisabled)
        {
            return false;
        }

        if (!users.SupportsUserSecurityStamp)
        {
            return true;
        }

        var principalStamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return principalStamp == await users.GetSecurityStampAsync(user);
    }
}
