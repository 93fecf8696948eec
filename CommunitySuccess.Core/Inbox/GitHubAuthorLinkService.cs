using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Notifications;
using CommunitySuccess.Core.Shared;
using Microsoft.EntityFrameworkCore;

namespace CommunitySuccess.Core.Inbox;

/// <summary>A GitHub login's link to a Slack user, as the issue pane shows it.</summary>
public sealed record GitHubAuthorLinkView(string Login, string SlackUserId, string SlackName, string? TimeZone, string LinkedBy, DateTime LinkedAt);

/// <summary>A Slack user a login can be linked to.</summary>
public sealed record SlackPersonOption(string SlackUserId, string Name, string? TimeZone);

/// <summary>
/// Links a GitHub login to a Slack user (<see cref="GitHubAuthorLink"/>): that login's GitHub items take the Slack
/// user's time zone at once and on every later sync, and leave the "unknown time zone" group of "Awake first".
/// </summary>
public sealed class GitHubAuthorLinkService(
    IDbContextFactory<AppDbContext> dbFactory,
    ChangeNotifier notifier,
    TimeProvider time,
    AccountAccess access)
{
    private const int MaxOptions = 10;

    public async Task<GitHubAuthorLinkView?> GetAsync(string login, CancellationToken cancellationToken)
    {
        var key = Key(login);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await (
                from link in db.Set<GitHubAuthorLink>()
                where link.Login == key
                join profile in db.Set<SlackUserProfile>() on link.SlackUserId equals profile.SlackUserId into profiles
                from profile in profiles.DefaultIfEmpty()
                select new { link, profile })
            .AsNoTracking()
            .FirstOrDefaultAsync(cancellationToken);
        // The name as the inbox shows it everywhere (SlackUserProfile.ShownName), the id while the profile is unknown.
        return found is null
            ? null
            : new GitHubAuthorLinkView(found.link.Login, found.link.SlackUserId, found.profile?.ShownName ?? found.link.SlackUserId,
                found.profile?.TimeZone, found.link.LinkedBy, found.link.LinkedAt);
    }

    /// <summary>People (not bots, not deactivated) whose Slack name contains <paramref name="query"/>.</summary>
    public async Task<IReadOnlyList<SlackPersonOption>> FindSlackPeopleAsync(string? query, CancellationToken cancellationToken)
    {
        var text = (query ?? "").Trim();
        if (text.Length == 0)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Lower-cased on both sides: SQLite's LIKE ignores case, PostgreSQL's does not.
        var lower = text.ToLowerInvariant();
        var found = await db.Set<SlackUserProfile>().AsNoTracking()
            .Where(p => !p.IsBot && !p.IsDeleted
                && (p.DisplayName.ToLower().Contains(lower) || p.RealName.ToLower().Contains(lower) || p.Name.ToLower().Contains(lower)))
            .OrderBy(p => p.RealName).Take(MaxOptions).ToListAsync(cancellationToken);
        return [.. found.Select(p => new SlackPersonOption(p.SlackUserId, p.ShownName, p.TimeZone))];
    }

    /// <summary>Links (or re-links) a login to a Slack user the app knows, and gives that login's items the user's time zone.</summary>
    public async Task<ActionOutcome> LinkAsync(string login, string slackUserId, AppActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await access.RefuseAsync(actor, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(login) || string.IsNullOrWhiteSpace(slackUserId))
        {
            return ActionOutcome.Refused("Pick a Slack user for the GitHub login.");
        }

        var key = Key(login);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var profile = await db.Set<SlackUserProfile>().AsNoTracking().FirstOrDefaultAsync(p => p.SlackUserId == slackUserId, cancellationToken);
        if (profile is null || profile.IsBot || profile.IsDeleted)
        {
            return ActionOutcome.Refused("That Slack user is unknown here (or a bot, or deactivated): pick someone from the list.");
        }

        var link = await db.Set<GitHubAuthorLink>().FirstOrDefaultAsync(l => l.Login == key, cancellationToken);
        if (link is null)
        {
            link = new GitHubAuthorLink { Login = key, SlackUserId = slackUserId };
            db.Add(link);
        }

        link.SlackUserId = slackUserId;
        link.LinkedBy = actor.DisplayName;
        link.LinkedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await SetTimeZoneAsync(db, key, profile.TimeZone, cancellationToken);
        return ActionOutcome.Ok();
    }

    /// <summary>Forgets a link: the login's items go back to an unknown time zone.</summary>
    public async Task<ActionOutcome> UnlinkAsync(string login, AppActor actor, CancellationToken cancellationToken)
    {
        if (await access.RefuseAsync(actor, cancellationToken) is { } refused)
        {
            return refused;
        }

        var key = Key(login);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<GitHubAuthorLink>().Where(l => l.Login == key).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return ActionOutcome.Refused("That login is not linked (any more).");
        }

        await SetTimeZoneAsync(db, key, null, cancellationToken);
        return ActionOutcome.Ok();
    }

    /// <summary>The time zones of linked logins among <paramref name="logins"/>, by lower-cased login: what an ingest gives their items.</summary>
    public static async Task<Dictionary<string, string>> TimeZonesAsync(AppDbContext db, IEnumerable<string> logins, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var keys = logins.Select(Key).Distinct().ToList();
        if (keys.Count == 0 || !await db.Set<GitHubAuthorLink>().AnyAsync(cancellationToken))
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        var zones = await (
                from link in db.Set<GitHubAuthorLink>()
                where keys.Contains(link.Login)
                join profile in db.Set<SlackUserProfile>() on link.SlackUserId equals profile.SlackUserId
                where profile.TimeZone != null
                select new { link.Login, profile.TimeZone })
            .ToListAsync(cancellationToken);
        return zones.ToDictionary(z => z.Login, z => z.TimeZone!, StringComparer.Ordinal);
    }

    public static string Key(string login) => (login ?? "").Trim().ToLowerInvariant();

    private async Task SetTimeZoneAsync(AppDbContext db, string key, string? timeZone, CancellationToken cancellationToken)
    {
        // Logins are compared case-insensitively; the rows keep GitHub's spelling.
        await db.Set<InboxItem>().Where(i => i.Source == InboxSource.GitHub && i.AuthorId.ToLower() == key)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.AuthorTimeZone, timeZone), cancellationToken);
        notifier.Notify(ChangeArea.GitHub);
    }
}
