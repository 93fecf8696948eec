using CommunitySuccess.Core.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace CommunitySuccess.Web.Accounts;

public static class AccountEndpoints
{
    /// <summary>Sign-out is a POST (with the antiforgery token the layout's form carries).</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/Account/Logout", async (HttpContext context, IAntiforgery antiforgery, SignInManager<AppUser> signIn) =>
        {
            // Without the token another site could sign people out with a hidden form.
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.Problem("The sign-out form expired: reload the page and try again.", statusCode: StatusCodes.Status400BadRequest);
            }

            await signIn.SignOutAsync();
            return Results.LocalRedirect("/Account/Login");
        });
        return endpoints;
    }
}
