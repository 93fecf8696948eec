using CommunitySuccess.Core.Accounts;
using CommunitySuccess.Core.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;

namespace CommunitySuccess.Web.Accounts;

public static class AccountsServiceCollectionExtensions
{
    /// <summary>Identity on our database, cookie sign-in, roles, and "every page requires sign-in".</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityAuthenticationStateProvider>();
        services.AddScoped<CircuitHandler, CircuitAccessGuard>();
        services.AddScoped<CurrentUserAccessor>();
        // One gate per component that asks for it: a busy pane does not block another.
        services.AddTransient<CommunitySuccess.Web.Components.Actions.ActionGate>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.Cookie.Name = "CommunitySuccess.Auth";
            // Secure whenever the request was HTTPS (also behind a trusted TLS proxy: Hosting/NetworkSecurity.cs); plain
            // HTTP stays possible on a developer's machine. Lax: a link from Slack still opens the desk signed in.
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromDays(14);
        });
        // A disabled account or a role change changes the security stamp. Check it on every request (one indexed
        // read; a small team's desk can afford it) so a disabled person's sessions end at once.
        services.AddAntiforgery(options =>
        {
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            // Hosting/SecurityHeaders.cs sends X-Frame-Options: DENY (and frame-ancestors 'none') on every response.
            options.SuppressXFrameOptionsHeader = true;
        });
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);

        services.AddIdentityCore<AppUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = AccountRules.MinimumPasswordLength;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireDigit = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = AccountRules.MaxFailedAccessAttempts;
                options.Lockout.DefaultLockoutTimeSpan = AccountRules.LockoutDuration;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(Roles.Admin));

        services.AddSingleton<AccountService>();
        services.AddSingleton<AdminBootstrapper>();
        return services;
    }
}

/// <summary>Named authorization policies.</summary>
public static class Policies
{
    public const string Admin = "Admin";
}
