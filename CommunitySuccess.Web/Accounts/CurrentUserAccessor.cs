using CommunitySuccess.Core.Shared;
using Microsoft.AspNetCore.Components.Authorization;

namespace CommunitySuccess.Web.Accounts;

/// <summary>
/// "Me" for a page: the signed-in person read from the circuit's authentication state when an action runs, not when
/// the page loaded, so an account disabled or a role removed meanwhile acts with what it has now.
/// </summary>
public sealed class CurrentUserAccessor(AuthenticationStateProvider authentication, CurrentUserResolver resolver)
{
    public async Task<CurrentUser> GetAsync(CancellationToken cancellationToken)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return await resolver.ResolveAsync(state.User, cancellationToken);
    }
}
