using CommunitySuccess.Core.Accounts;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Inbox;
using Microsoft.EntityFrameworkCore;

namespace CommunitySuccess.Core.Shared;

/// <summary>
/// The role check every writing service runs itself, at the moment the action runs, so that a hidden button, a page
/// loaded before an account was disabled, or a circuit that outlived a role change is never the only guard. It reads
/// the account as it is now in the database, not the roles a page resolved earlier.
/// </summary>
public sealed class AccountAccess(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>Every refusal of this check starts with this, so a caller (and a test) can tell it from other refusals.</summary>
    public const string RefusalPrefix = "Not allowed: ";

    /// <summary>Who may act in the inbox and on the GitHub desk: every role (each signed-in person has at least one).</summary>
    public static readonly IReadOnlyList<string> InboxRoles = Roles.All;

    /// <summary>Who may change saved replies.</summary>
    public static readonly IReadOnlyList<string> AdminRoles = [Roles.Admin];

    /// <summary>
    /// The refused outcome to return when <paramref name="actor"/> may not act with one of <paramref name="roles"/>
    /// (every role when none are given); null when they may. The one preamble of every writing service action.
    /// </summary>
    public async Task<ActionOutcome?> RefuseAsync(AppActor actor, CancellationToken cancellationToken, IReadOnlyList<string>? roles = null) =>
        await RefusalAsync(actor, roles ?? InboxRoles, cancellationToken) is { } refusal ? ActionOutcome.Refused(refusal) : null;

    /// <summary>
    /// Null when <paramref name="actor"/> may act with one of <paramref name="roles"/>; otherwise the refusal to show.
    /// An actor without an account id is the app itself (jobs, seeding) and may act; nobody signed in may not.
    /// </summary>
    private async Task<string?> RefusalAsync(AppActor actor, IReadOnlyList<string> roles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(roles);
        if (actor.UserId is null)
        {
            return actor == AppActor.Nobody ? RefusalPrefix + "sign in first." : null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var account = await db.Users.AsNoTracking().Where(u => u.Id == actor.UserId)
            .Select(u => new { u.IsDisabled }).FirstOrDefaultAsync(cancellationToken);
        if (account is null)
        {
            return RefusalPrefix + "this account no longer exists.";
        }

        if (account.IsDisabled)
        {
            return RefusalPrefix + "this account is disabled.";
        }

        var held = await (from link in db.UserRoles
                          join role in db.Roles on link.RoleId equals role.Id
                          where link.UserId == actor.UserId
                          select role.Name).ToListAsync(cancellationToken);
        return held.Any(r => r is not null && roles.Contains(r, StringComparer.Ordinal))
            ? null
            : RefusalPrefix + $"this needs the role {string.Join(" or ", roles)}, which this account does not have.";
    }
}
