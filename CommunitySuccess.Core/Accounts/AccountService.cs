using System.Data;
using CommunitySuccess.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CommunitySuccess.Core.Accounts;

/// <summary>A sign-in account as the admin page shows it.</summary>
public sealed record AccountSummary(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, bool IsDisabled, bool IsLockedOut);

/// <summary>The outcome of an account change: success, or the errors to show next to the form.</summary>
public sealed record AccountResult(bool Succeeded, IReadOnlyList<string> Errors)
{
    public static readonly AccountResult Success = new(true, []);

    public static AccountResult Failed(params string[] errors) => new(false, errors);

    public static AccountResult From(IdentityResult result) =>
        result.Succeeded ? Success : new(false, result.Errors.Select(e => e.Description).ToList());
}

/// <summary>
/// Accounts and roles: the first admin, the admin page's changes. Each call works in its own DI scope so a
/// long-lived Blazor circuit never holds a stale Identity store.
/// </summary>
public sealed class AccountService(IServiceScopeFactory scopeFactory, TimeProvider time, ILogger<AccountService> logger)
{
    private readonly SemaphoreSlim _firstAdminLock = new(1, 1);

    public async Task<bool> AnyUserExistsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.Users.AnyAsync(cancellationToken);
    }

    /// <summary>Creates the roles if missing. Safe to run at every start.</summary>
    public async Task EnsureRolesAsync()
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    /// <summary>
    /// Creates the first admin, but only while no user exists: used by start-up (<c>Admin:Email</c>) and by the
    /// <c>/setup</c> page, which therefore stops working once anybody exists. Two people posting the setup form at
    /// once get one admin: a lock in this process, and the check and the creation in one serializable transaction
    /// (on SQLite it holds the write lock from its start) for several processes on one database.
    /// </summary>
    public async Task<AccountResult> CreateFirstAdminAsync(string email, string displayName, string password, CancellationToken cancellationToken)
    {
        await EnsureRolesAsync();
        await _firstAdminLock.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
            if (await users.Users.AnyAsync(cancellationToken))
            {
                return AccountResult.Failed("Setup is closed: an account already exists. Ask an admin to create yours.");
            }

            var result = await CreateUserAsync(users, email, displayName, password, [Roles.Admin, Roles.Engineer]);
            if (!result.Succeeded)
            {
                return result;
            }

            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Created the first admin account {Email}", email);
            return result;
        }
        finally
        {
            _firstAdminLock.Release();
        }
    }

    /// <summary>
    /// Whether the sign-in account with this email is disabled. Things a person holds outside a session (a calendar
    /// link) ask this, so that disabling someone ends those too.
    /// </summary>
    public async Task<bool> IsDisabledAsync(string email, CancellationToken cancellationToken)
    {
        // Read straight from the table (Identity's default normalizer upper-cases), so that features without the
        // Identity services registered can ask too.
        var normalized = email.Trim().ToUpperInvariant();
        await using var scope = scopeFactory.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(cancellationToken);
        return await db.Users.AnyAsync(u => u.NormalizedEmail == normalized && u.IsDisabled, cancellationToken);
    }

    public async Task<IReadOnlyList<AccountSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var all = await users.Users.OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var summaries = new List<AccountSummary>(all.Count);
        foreach (var user in all)
        {
            var roles = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList();
            var locked = !user.IsDisabled && user.LockoutEnd is { } end && end > now;
            summaries.Add(new AccountSummary(user.Id, user.Email ?? "", user.DisplayName, roles, user.IsDisabled, locked));
        }

        return summaries;
    }

    public async Task<AccountResult> CreateUserAsync(string email, string displayName, string password, IReadOnlyCollection<string> roles)
    {
        await EnsureRolesAsync();
        await using var scope = scopeFactory.CreateAsyncScope();
        return await CreateUserAsync(scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>(), email, displayName, password, roles);
    }

    private async Task<AccountResult> CreateUserAsync(
        UserManager<AppUser> users, string email, string displayName, string password, IReadOnlyCollection<string> roles)
    {
        email = email.Trim();
        if (!email.Contains('@', StringComparison.Ordinal))
        {
            return AccountResult.Failed("Email must be an email address.");
        }

        var unknownRoles = roles.Except(Roles.All).ToList();
        if (unknownRoles.Count > 0)
        {
            return AccountResult.Failed($"Unknown role: {string.Join(", ", unknownRoles)}.");
        }

        if (roles.Count == 0)
        {
            return AccountResult.Failed("Choose at least one role.");
        }

        if (await users.FindByEmailAsync(email) is not null)
        {
            return AccountResult.Failed($"An account for {email} already exists.");
        }

        var user = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? email : displayName.Trim(),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return AccountResult.From(created);
        }

        return AccountResult.From(await users.AddToRolesAsync(user, roles));
    }

    public Task<AccountResult> ResetPasswordAsync(string userId, string newPassword, string actingUserId) =>
        WithUserAsync(userId, actingUserId, async (users, user) =>
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var result = await users.ResetPasswordAsync(user, token, newPassword);
            if (result.Succeeded)
            {
                // A reset also clears a lockout, which is what an admin resetting a password means.
                await users.SetLockoutEndDateAsync(user, null);
                await users.ResetAccessFailedCountAsync(user);
            }

            return result;
        });

    public Task<AccountResult> SetRolesAsync(string userId, IReadOnlyCollection<string> roles, string actingUserId) =>
        WithUserAsync(userId, actingUserId, async (users, user) =>
        {
            if (roles.Count == 0 || roles.Except(Roles.All).Any())
            {
                return IdentityResult.Failed(new IdentityError { Description = "Choose at least one of Admin, Engineer, Product." });
            }

            if (userId == actingUserId && !roles.Contains(Roles.Admin))
            {
                return IdentityResult.Failed(new IdentityError { Description = "You cannot remove your own Admin role." });
            }

            var current = await users.GetRolesAsync(user);
            var removed = await users.RemoveFromRolesAsync(user, current.Except(roles));
            if (!removed.Succeeded)
            {
                return removed;
            }

            var added = await users.AddToRolesAsync(user, roles.Except(current));
            // A role change takes effect in open sessions at the next security-stamp check.
            return added.Succeeded ? await users.UpdateSecurityStampAsync(user) : added;
        });

    /// <summary>Disables or re-enables an account; disabling ends its sessions (the security stamp changes).</summary>
    public Task<AccountResult> SetDisabledAsync(string userId, bool disabled, string actingUserId) =>
        WithUserAsync(userId, actingUserId, async (users, user) =>
        {
            if (disabled && userId == actingUserId)
            {
                return IdentityResult.Failed(new IdentityError { Description = "You cannot disable your own account." });
            }

            user.IsDisabled = disabled;
            user.LockoutEnabled = true;
            user.LockoutEnd = disabled ? DateTimeOffset.MaxValue : null;
            var updated = await users.UpdateAsync(user);
            return updated.Succeeded ? await users.UpdateSecurityStampAsync(user) : updated;
        });

    /// <summary>
    /// Runs an admin's change to an account. The acting account is read from the database when the change runs, not
    /// taken from the page that asked: an admin disabled or demoted a moment ago is refused even if their tab is open.
    /// </summary>
    private async Task<AccountResult> WithUserAsync(
        string userId, string actingUserId, Func<UserManager<AppUser>, AppUser, Task<IdentityResult>> change)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var acting = await users.FindByIdAsync(actingUserId);
        if (acting is null || acting.IsDisabled || !await users.IsInRoleAsync(acting, Roles.Admin))
        {
            logger.LogWarning("Refused an account change by {ActingUserId}: not an enabled admin", actingUserId);
            return AccountResult.Failed("Only an admin can change accounts.");
        }

        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return AccountResult.Failed("That account no longer exists.");
        }

        return AccountResult.From(await change(users, user));
    }
}
