using CommunitySuccess.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.Team;

/// <summary>
/// The team: seeded from <c>Team:Members</c> while empty, then edited in the app. Hands out a cached
/// <see cref="TeamDirectory"/> so every ingested message can ask "team or user" without a query.
/// </summary>
public sealed class TeamService(
    IDbContextFactory<AppDbContext> dbFactory,
    IOptions<TeamOptions> options,
    TimeProvider time,
    ILogger<TeamService> logger)
{
    private volatile TeamDirectory? _directory;
    private volatile string? _botUserId;
    private volatile string? _botId;

    /// <summary>Raised after the team changed, so pages and caches refresh.</summary>
    public event Action? Changed;

    /// <summary>Seeds the team from configuration, only while the table is empty. Safe to run at every start.</summary>
    public async Task SeedFromConfigurationAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<TeamMember>().AnyAsync(cancellationToken) || options.Value.Members.Count == 0)
        {
            return;
        }

        await AddMembersAsync(db, options.Value.Members.Select(seed => new TeamMember
        {
            Name = seed.Name.Trim(),
            Email = seed.Email.Trim(),
            SlackUserId = NullIfEmpty(seed.SlackUserId),
            GitHubLogin = NullIfEmpty(seed.GitHubLogin),
            TimeZone = NullIfEmpty(seed.TimeZone),
            Role = seed.Role,
        }), cancellationToken);
        logger.LogInformation("Seeded {Count} team members from Team:Members", options.Value.Members.Count);
    }

    /// <summary>Adds members only while the team is empty (demo seeding, first start).</summary>
    public async Task SeedIfEmptyAsync(IEnumerable<TeamMember> members, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Set<TeamMember>().AnyAsync(cancellationToken))
        {
            await AddMembersAsync(db, members, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<TeamMember>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<TeamMember>().AsNoTracking().OrderBy(m => m.Name).ToListAsync(cancellationToken);
    }

    public async Task<TeamMember?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<TeamMember>().AsNoTracking().FirstOrDefaultAsync(m => m.Email == email, cancellationToken);
    }

    /// <summary>Our Slack bot's ids from <c>auth.test</c>: its messages count as the team's.</summary>
    public void SetSlackBot(string? botUserId, string? botId)
    {
        _botUserId = botUserId;
        _botId = botId;
        _directory = _directory?.WithBot(botUserId, botId);
    }

    public async Task<TeamDirectory> GetDirectoryAsync(CancellationToken cancellationToken)
    {
        if (_directory is { } cached)
        {
            return cached;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var members = await db.Set<TeamMember>().AsNoTracking().ToListAsync(cancellationToken);
        var directory = new TeamDirectory(members, _botUserId, _botId);
        _directory = directory;
        return directory;
    }

    /// <summary>Forget the cached directory after an edit.</summary>
    public void Invalidate()
    {
        _directory = null;
        Changed?.Invoke();
    }

    private async Task AddMembersAsync(AppDbContext db, IEnumerable<TeamMember> members, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var member in members)
        {
            member.CreatedAt = now;
            db.Add(member);
        }

        await db.SaveChangesAsync(cancellationToken);
        Invalidate();
    }

    private static string? NullIfEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
