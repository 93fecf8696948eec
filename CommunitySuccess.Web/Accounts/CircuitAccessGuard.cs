using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CommunitySuccess.Web.Accounts;

/// <summary>
/// Stands before everything an open page does on the server (clicks, key presses, navigation, JS callbacks): the
/// signed-in user is re-read from the database first, and an account disabled or changed since the page opened is
/// refused — the action does not run and the tab goes to sign-in. Without it a revoked person keeps working in a
/// tab that was open before the change, with the roles it had when it loaded.
/// </summary>
public sealed class CircuitAccessGuard(AuthenticationStateProvider authenticationState) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            if (authenticationState is RevalidatingIdentityAuthenticationStateProvider provider
                && !await provider.EnsureStillValidAsync(CancellationToken.None))
            {
                return;
            }

            await next(context);
        };
}
