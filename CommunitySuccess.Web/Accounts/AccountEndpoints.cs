using CommunitySuccess.Core.Accounts;
using Microsoft.AspNetCore.Identity;

namespace CommunitySuccess.Web.Accounts;

public static class AccountEndpoints
{
    /// <summary>Sign-out is a POST (with the antiforgery token the layout's form carries).</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/Account/Logout", async (SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/Account/Login");
        });
        return endpoints;
    }
}
