using CommunitySuccess.Core.Accounts;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Team;
using Microsoft.EntityFrameworkCore;

namespace CommunitySuccess.Core.Inbox;

/// <summary>The signed-in person as the inbox sees them: who acts, and the team member they are (if any).</summary>
public sealed record InboxMe(AppActor Actor, TeamMember? Member)
{
    /// <summary>The key drafts are kept under.</summary>
    public string DraftOwner => Actor.Email ?? Actor.DisplayName;
}

/// <summary>
/// "Me": the team member whose email equals the signed-in account's email. Actions are signed with the member's
/// name, else the account's display name, else the email.
/// </summary>
public sealed class AppActorResolver(TeamService team, IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<InboxMe> ResolveAsync(string? email, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return new InboxMe(new AppActor("Someone"), null);
        }

        email = email.Trim();
        var member = await team.FindByEmailAsync(email, cancellationToken);
        if (member is null)
        {
            // Emails are compared as people type them; the team list may differ in case from the account.
            member = (await team.ListAsync(cancellationToken)).FirstOrDefault(m => string.Equals(m.Email, email, StringComparison.OrdinalIgnoreCase));
        }

        if (member is not null)
        {
            return new InboxMe(new AppActor(member.Name, email), member);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var normalized = email.ToUpperInvariant();
        var displayName = await db.Set<AppUser>().Where(u => u.NormalizedEmail == normalized)
            .Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        return new InboxMe(new AppActor(string.IsNullOrWhiteSpace(displayName) ? email : displayName, email), null);
    }
}
