using CommunitySuccess.Core.Accounts;
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

    /// <summary>The member whose email matches (case-insensitively): how a sign-in account finds "me".</summary>
    public async Task<TeamMember?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        var normalized = email.Trim().ToLowerInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<TeamMember>().AsNoTracking().FirstOrDefaultAsync(m => m.Email.ToLower() == normalized, cancellationToken);
    }

    public async Task<TeamMember?> FindAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<TeamMember>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
    }

    /// <summary>
    /// Adds (<see cref="TeamMemberInput.Id"/> null) or edits a member. Admins only; fields are validated and the email
    /// must be unique. The "team or user" directory refreshes at once.
    /// </summary>
    public async Task<TeamResult> SaveMemberAsync(TeamMemberInput input, TeamActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdmin)
        {
            return TeamResult.Forbidden("Only an admin can change the team.");
        }

        var errors = TeamMemberRules.Validate(input.Name, input.Email, input.SlackUserId, input.GitHubLogin, input.TimeZone, input.Role);
        if (errors.Count > 0)
        {
            return new TeamResult(false, errors, null);
        }

        var email = input.Email.Trim();
        var normalized = email.ToLowerInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<TeamMember>().AnyAsync(m => m.Email.ToLower() == normalized && m.Id != (input.Id ?? 0), cancellationToken))
        {
            return TeamResult.Failed($"Another team member already has the email {email}.");
        }

        TeamMember? member;
        if (input.Id is { } id)
        {
            member = await db.Set<TeamMember>().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
            if (member is null)
            {
                return TeamResult.Failed("That team member no longer exists.");
            }
        }
        else
        {
            member = new TeamMember { Name = "", Email = "", CreatedAt = time.GetUtcNow().UtcDateTime };
            db.Add(member);
        }

        member.Name = input.Name.Trim();
        member.Email = email;
        member.SlackUserId = NullIfEmpty(input.SlackUserId ?? "");
        member.GitHubLogin = NullIfEmpty(input.GitHubLogin ?? "");
        member.TimeZone = NullIfEmpty(input.TimeZone ?? "");
        member.Role = Roles.All.First(r => string.Equals(r, input.Role, StringComparison.OrdinalIgnoreCase));
        await db.SaveChangesAsync(cancellationToken);
        Invalidate();
        logger.LogInformation("{Actor} saved team member {MemberId}", actor.DisplayName, member.Id);
        return new TeamResult(true, [], member);
    }

    /// <summary>Deactivates (former members stay for history but stop counting as the team) or re-activates a member. Admins only.</summary>
    public async Task<TeamResult> SetActiveAsync(int id, bool active, TeamActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdmin)
        {
            return TeamResult.Forbidden("Only an admin can change the team.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var member = await db.Set<TeamMember>().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (member is null)
        {
            return TeamResult.Failed("That team member no longer exists.");
        }

        member.IsActive = active;
        await db.SaveChangesAsync(cancellationToken);
        Invalidate();
        return new TeamResult(true, [], member);
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

/// <summary>A member as the team page submits it; <see cref="Id"/> null adds a new one.</summary>
public sealed record TeamMemberInput(int? Id, string Name, string Email, string? SlackUserId, string? GitHubLogin, string? TimeZone, string Role);

/// <summary>The outcome of a team change: the saved member, or the errors to show (<see cref="IsForbidden"/> when the caller may not).</summary>
public sealed record TeamResult(bool Succeeded, IReadOnlyList<string> Errors, TeamMember? Member, bool IsForbidden = false)
{
    public static TeamResult Failed(string error) => new(false, [error], null);

    public static TeamResult Forbidden(string error) => new(false, [error], null, IsForbidden: true);
}
