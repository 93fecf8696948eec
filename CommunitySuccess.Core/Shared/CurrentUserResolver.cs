using System.Security.Claims;
using CommunitySuccess.Core.Accounts;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Team;
using Microsoft.EntityFrameworkCore;

namespace CommunitySuccess.Core.Shared;

/// <summary>
/// Turns a sign-in (its claims: account id, email, roles) into a <see cref="CurrentUser"/>: the one place that decides
/// who "me" is. Actions are signed with the team member's name, else the account's display name, else its email.
/// </summary>
public sealed class CurrentUserResolver(TeamService team, IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<CurrentUser> ResolveAsync(ClaimsPrincipal? principal, CancellationToken cancellationToken)
    {
        if (principal?.Identity is not { IsAuthenticated: true })
        {
            return CurrentUser.Nobody;
        }

        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var email = (principal.FindFirstValue(ClaimTypes.Email) ?? principal.Identity.Name)?.Trim();
        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        if (string.IsNullOrWhiteSpace(email))
        {
            return new CurrentUser(userId, "Someone", null, roles, null);
        }

        // Emails are compared as people type them; the team list may differ in case from the account.
        var member = await team.FindByEmailAsync(email, cancellationToken)
            ?? (await team.ListAsync(cancellationToken)).FirstOrDefault(m => string.Equals(m.Email, email, StringComparison.OrdinalIgnoreCase));
        if (member is not null)
        {
            return new CurrentUser(userId, member.Name, email, roles, member);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var normalized = email.ToUpperInvariant();
        var displayName = await db.Set<AppUser>().Where(u => u.NormalizedEmail == normalized)
            .Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        return new CurrentUser(userId, string.IsNullOrWhiteSpace(displayName) ? email : displayName, email, roles, null);
    }
}
