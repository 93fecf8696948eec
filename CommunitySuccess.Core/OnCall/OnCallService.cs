using System.Globalization;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Notifications;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Core.Team;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.OnCall;

/// <summary>
/// The on-call schedule: rotation versions, settings and substitutions in the database, computed by
/// <see cref="OnCallSchedule"/> from a cached <see cref="OnCallSnapshot"/>. Every write checks the caller's role here,
/// not only in the page: admins edit the rotation, the settings and substitutions; a member may only propose a
/// substitution for their own days. Writes never change the past: rotation versions and holidays apply from today on.
/// </summary>
public sealed class OnCallService
{
    /// <summary>How long a substitution may run.</summary>
    public const int MaxSubstitutionDays = 366;

    private readonly IDbContextFactory<AppDbContext> _dbFactory;
    private readonly TeamService _team;
    private readonly OutboxService _outbox;
    private readonly ChangeNotifier _notifier;
    private readonly IOptionsMonitor<OnCallOptions> _options;
    private readonly IOptionsMonitor<SlackOptions> _slack;
    private readonly TimeProvider _time;
    private readonly ILogger<OnCallService> _logger;
    private readonly SemaphoreSlim _loadGate = new(1, 1);
    private volatile OnCallSnapshot? _snapshot;
    private int _generation;

    public OnCallService(
        IDbContextFactory<AppDbContext> dbFactory,
        TeamService team,
        OutboxService outbox,
        ChangeNotifier notifier,
        IOptionsMonitor<OnCallOptions> options,
        IOptionsMonitor<SlackOptions> slack,
        TimeProvider time,
        ILogger<OnCallService> logger)
    {
        _dbFactory = dbFactory;
        _team = team;
        _outbox = outbox;
        _notifier = notifier;
        _options = options;
        _slack = slack;
        _time = time;
        _logger = logger;
        // Names, Slack ids and the initial rotation follow the team.
        team.Changed += OnTeamChanged;
    }

    /// <summary>Raised after the rotation, the settings or a substitution changed (the job scheduler re-registers the hand-off).</summary>
    public event Action? ScheduleChanged;

    /// <summary>The cached inputs and calculator; loaded on first use and after every change.</summary>
    public async Task<OnCallSnapshot> GetSnapshotAsync(CancellationToken cancellationToken)
    {
        if (_snapshot is { } cached)
        {
            return cached;
        }

        await _loadGate.WaitAsync(cancellationToken);
        try
        {
            if (_snapshot is { } loaded)
            {
                return loaded;
            }

            var generation = Volatile.Read(ref _generation);
            var snapshot = await LoadAsync(cancellationToken);
            // A change that landed while loading makes this snapshot stale: hand it out once, keep nothing.
            if (generation == Volatile.Read(ref _generation))
            {
                _snapshot = snapshot;
            }

            return snapshot;
        }
        finally
        {
            _loadGate.Release();
        }
    }

    /// <summary>Who is on call now and next.</summary>
    public async Task<OnCallStatus> GetStatusAsync(CancellationToken cancellationToken) =>
        (await GetSnapshotAsync(cancellationToken)).StatusAt(_time.GetUtcNow());

    /// <summary>Today's date in the schedule's time zone.</summary>
    public async Task<DateOnly> GetTodayAsync(CancellationToken cancellationToken) =>
        (await GetSnapshotAsync(cancellationToken)).Schedule.LocalDate(_time.GetUtcNow());

    /// <summary>The team member signed in as <paramref name="actor"/> ("me"), by email.</summary>
    public async Task<OnCallPerson?> FindMeAsync(TeamActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(actor.Email))
        {
            return null;
        }

        var member = await _team.FindByEmailAsync(actor.Email, cancellationToken);
        return member is { IsActive: true } ? OnCallPerson.From(member) : null;
    }

    /// <summary>Forget the cached snapshot (after an edit elsewhere, or in tests).</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _snapshot = null;
    }

    // ----- rotation -----

    /// <summary>
    /// Adds a rotation version from <see cref="RotationInput.EffectiveFrom"/> (today or later; one on the same date is
    /// replaced). Admins only. Days before it keep their person.
    /// </summary>
    public async Task<OnCallResult> SaveRotationAsync(RotationInput input, TeamActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdmin)
        {
            return OnCallResult.Forbidden("Only an admin can change the rotation.");
        }

        var snapshot = await GetSnapshotAsync(cancellationToken);
        var today = snapshot.Schedule.LocalDate(_time.GetUtcNow());
        if (input.EffectiveFrom < today)
        {
            return OnCallResult.Refused($"A rotation change applies from today ({Format(today)}) or later: the past stays as it was.");
        }

        if (input.WorkingDays.Count == 0)
        {
            return OnCallResult.Refused("Choose at least one working day.");
        }

        if (input.MemberIds.Distinct().Count() != input.MemberIds.Count)
        {
            return OnCallResult.Refused("A member can appear only once in the rotation.");
        }

        var unknown = input.MemberIds.Where(id => snapshot.Person(id) is not { IsActive: true }).ToList();
        if (unknown.Count > 0)
        {
            return OnCallResult.Refused("Only active team members can be in the rotation.");
        }

        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        var version = await db.Set<OnCallRotationVersion>().FirstOrDefaultAsync(v => v.EffectiveFrom == input.EffectiveFrom, cancellationToken);
        if (version is null)
        {
            version = new OnCallRotationVersion { EffectiveFrom = input.EffectiveFrom };
            db.Add(version);
        }

        version.MemberIds = [.. input.MemberIds];
        version.WorkingDays = [.. input.WorkingDays.Distinct().Order()];
        version.CreatedAt = _time.GetUtcNow().UtcDateTime;
        version.CreatedBy = actor.DisplayName;
        await db.SaveChangesAsync(cancellationToken);
        _logger.LogInformation("{Actor} set the rotation from {Date}", actor.DisplayName, input.EffectiveFrom);
        await AfterChangeAsync(snapshot, cancellationToken);
        return OnCallResult.Ok(version.Id);
    }

    /// <summary>Deletes a version that has not started yet (after today). Admins only.</summary>
    public async Task<OnCallResult> DeleteRotationVersionAsync(int versionId, TeamActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdmin)
        {
            return OnCallResult.Forbidden("Only an admin can change the rotation.");
        }

        var snapshot = await GetSnapshotAsync(cancellationToken);
        var today = snapshot.Schedule.LocalDate(_time.GetUtcNow());
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        var version = await db.Set<OnCallRotationVersion>().FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken);
        if (version is null)
        {
            return OnCallResult.Refused("That rotation version no longer exists.");
        }

        if (version.EffectiveFrom <= today)
        {
            return OnCallResult.Refused("Only a version that has not started yet can be deleted: the past stays as it was.");
        }

        db.Remove(version);
        await db.SaveChangesAsync(cancellationToken);
        await AfterChangeAsync(snapshot, cancellationToken);
        return OnCallResult.Ok(versionId);
    }

    /// <summary>
    /// Takes a member out of the rotation from tomorrow on (a new version continuing the cycle without them, and
    /// later versions edited). Admins only; used when a member is deactivated. The days before stay as they were.
    /// </summary>
    public async Task<OnCallResult> RemoveFromRotationAsync(int memberId, TeamActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdmin)
        {
            return OnCallResult.Forbidden("Only an admin can change the rotation.");
        }

        var snapshot = await GetSnapshotAsync(cancellationToken);
        var tomorrow = snapshot.Schedule.LocalDate(_time.GetUtcNow()).AddDays(1);
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        var versions = await db.Set<OnCallRotationVersion>().OrderBy(v => v.EffectiveFrom).ToListAsync(cancellationToken);
        var changed = false;
        foreach (var future in versions.Where(v => v.EffectiveFrom >= tomorrow && v.MemberIds.Contains(memberId)))
        {
            future.MemberIds = future.MemberIds.Where(id => id != memberId).ToList();
            changed = true;
        }

        var inForce = versions.LastOrDefault(v => v.EffectiveFrom < tomorrow);
        if (inForce is not null && inForce.MemberIds.Contains(memberId) && versions.All(v => v.EffectiveFrom != tomorrow))
        {
            var remaining = inForce.MemberIds.Where(id => id != memberId).ToList();
            db.Add(new OnCallRotationVersion
            {
                EffectiveFrom = tomorrow,
                MemberIds = [.. snapshot.Schedule.ContinuationOrder(tomorrow, remaining)],
                WorkingDays = [.. inForce.WorkingDays],
                CreatedAt = _time.GetUtcNow().UtcDateTime,
                CreatedBy = actor.DisplayName,
            });
            changed = true;
        }

        if (!changed)
        {
            return OnCallResult.Ok();
        }

        await db.SaveChangesAsync(cancellationToken);
        await AfterChangeAsync(snapshot, cancellationToken);
        return OnCallResult.Ok();
    }

    // ----- settings -----

    /// <summary>
    /// Saves the time zone, hand-off time and holidays. Admins only. Holidays before today cannot be added or
    /// removed: that would move who was on call in the past.
    /// </summary>
    public async Task<OnCallResult> SaveSettingsAsync(ScheduleSettingsInput input, TeamActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdmin)
        {
            return OnCallResult.Forbidden("Only an admin can change the schedule settings.");
        }

        if (!TeamMemberRules.IsTimeZone(input.TimeZone.Trim()))
        {
            return OnCallResult.Refused($"Time zone must be an IANA time zone such as Europe/Berlin, not '{input.TimeZone}'.");
        }

        var snapshot = await GetSnapshotAsync(cancellationToken);
        var today = snapshot.Schedule.LocalDate(_time.GetUtcNow());
        var current = snapshot.Schedule.Clock.Holidays;
        var holidays = input.Holidays.ToHashSet();
        var pastChanges = holidays.Except(current).Concat(current.Except(holidays)).Where(d => d < today).Order().ToList();
        if (pastChanges.Count > 0)
        {
            return OnCallResult.Refused($"Holidays before today are history and cannot change ({string.Join(", ", pastChanges.Select(Format))}).");
        }

        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await db.Set<OnCallSettings>().FirstOrDefaultAsync(s => s.Id == OnCallSettings.SingletonId, cancellationToken);
        if (settings is null)
        {
            settings = new OnCallSettings { WorkingDays = [.. snapshot.DefaultWorkingDays] };
            db.Add(settings);
        }

        settings.TimeZone = input.TimeZone.Trim();
        settings.HandoffTime = input.HandoffTime;
        settings.Holidays = [.. holidays.Order()];
        settings.UpdatedAt = _time.GetUtcNow().UtcDateTime;
        settings.UpdatedBy = actor.DisplayName;
        await db.SaveChangesAsync(cancellationToken);
        _logger.LogInformation("{Actor} changed the on-call settings", actor.DisplayName);
        await AfterChangeAsync(snapshot, cancellationToken);
        return OnCallResult.Ok();
    }

    // ----- substitutions -----

    /// <summary>
    /// An admin creates a substitution (approved at once); any other member may propose one for their own days
    /// (they must be the scheduled person on at least one day of the range), which waits for an admin.
    /// </summary>
    public async Task<OnCallResult> CreateSubstitutionAsync(SubstitutionInput input, TeamActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var snapshot = await GetSnapshotAsync(cancellationToken);
        var me = await FindMeAsync(actor, cancellationToken);
        var replaced = input.ReplacedMemberId;
        if (!actor.IsAdmin)
        {
            if (me is null)
            {
                return OnCallResult.Forbidden("Only an admin, or a team member for their own days, can ask for a substitution.");
            }

            if (replaced is not null && replaced != me.Id)
            {
                return OnCallResult.Forbidden("You can propose a substitution only for your own on-call days; an admin can change anyone's.");
            }

            replaced = me.Id;
        }

        var today = snapshot.Schedule.LocalDate(_time.GetUtcNow());
        if (input.EndDate < input.StartDate)
        {
            return OnCallResult.Refused("The substitution ends before it starts.");
        }

        if (input.EndDate < today)
        {
            return OnCallResult.Refused("The substitution is entirely in the past.");
        }

        if (input.EndDate.DayNumber - input.StartDate.DayNumber + 1 > MaxSubstitutionDays)
        {
            return OnCallResult.Refused($"A substitution can cover at most {MaxSubstitutionDays} days.");
        }

        if (snapshot.Person(input.SubstituteMemberId) is not { IsActive: true })
        {
            return OnCallResult.Refused("The substitute must be an active team member.");
        }

        if (replaced == input.SubstituteMemberId)
        {
            return OnCallResult.Refused("The substitute is the person they would replace.");
        }

        if (replaced is { } replacedId && snapshot.Person(replacedId) is null)
        {
            return OnCallResult.Refused("The replaced person is not a team member.");
        }

        var coveredDays = snapshot.Schedule.Days(Max(input.StartDate, today), input.EndDate)
            .Count(d => d.IsWorkingDay && d.RotationMemberId is not null && (replaced is null || d.RotationMemberId == replaced));
        if (!actor.IsAdmin && coveredDays == 0)
        {
            return OnCallResult.Forbidden("You are not on call on any working day of that range, so there is nothing of yours to substitute.");
        }

        var now = _time.GetUtcNow().UtcDateTime;
        var substitution = new OnCallSubstitution
        {
            StartDate = input.StartDate,
            EndDate = input.EndDate,
            SubstituteMemberId = input.SubstituteMemberId,
            ReplacedMemberId = replaced,
            Reason = input.Reason,
            Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim()[..Math.Min(500, input.Note.Trim().Length)],
            Status = actor.IsAdmin ? SubstitutionStatus.Approved : SubstitutionStatus.Proposed,
            CreatedAt = now,
            CreatedBy = actor.DisplayName,
            ProposedByMemberId = actor.IsAdmin ? null : me!.Id,
            DecidedAt = actor.IsAdmin ? now : null,
            DecidedBy = actor.IsAdmin ? actor.DisplayName : null,
        };
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        db.Add(substitution);
        await db.SaveChangesAsync(cancellationToken);
        _logger.LogInformation("{Actor} {Verb} substitution {Id}", actor.DisplayName, actor.IsAdmin ? "created" : "proposed", substitution.Id);
        await AfterChangeAsync(snapshot, cancellationToken);
        return OnCallResult.Ok(substitution.Id);
    }

    /// <summary>Approves or declines a proposed substitution. Admins only.</summary>
    public async Task<OnCallResult> DecideSubstitutionAsync(int substitutionId, bool approve, TeamActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdmin)
        {
            return OnCallResult.Forbidden("Only an admin can approve or decline a substitution.");
        }

        var snapshot = await GetSnapshotAsync(cancellationToken);
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        var substitution = await db.Set<OnCallSubstitution>().FirstOrDefaultAsync(s => s.Id == substitutionId, cancellationToken);
        if (substitution is null)
        {
            return OnCallResult.Refused("That substitution no longer exists.");
        }

        if (substitution.Status != SubstitutionStatus.Proposed)
        {
            return OnCallResult.Refused($"That substitution is already {substitution.Status.ToDisplayName().ToLowerInvariant()}.");
        }

        substitution.Status = approve ? SubstitutionStatus.Approved : SubstitutionStatus.Declined;
        substitution.DecidedAt = _time.GetUtcNow().UtcDateTime;
        substitution.DecidedBy = actor.DisplayName;
        await db.SaveChangesAsync(cancellationToken);
        await AfterChangeAsync(snapshot, cancellationToken);
        return OnCallResult.Ok(substitutionId);
    }

    /// <summary>Cancels a substitution: an admin any that is not over; the member who proposed one while it waits.</summary>
    public async Task<OnCallResult> CancelSubstitutionAsync(int substitutionId, TeamActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var snapshot = await GetSnapshotAsync(cancellationToken);
        var me = await FindMeAsync(actor, cancellationToken);
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        var substitution = await db.Set<OnCallSubstitution>().FirstOrDefaultAsync(s => s.Id == substitutionId, cancellationToken);
        if (substitution is null)
        {
            return OnCallResult.Refused("That substitution no longer exists.");
        }

        var isOwnProposal = me is not null && substitution.ProposedByMemberId == me.Id && substitution.Status == SubstitutionStatus.Proposed;
        if (!actor.IsAdmin && !isOwnProposal)
        {
            return OnCallResult.Forbidden("Only an admin can cancel a substitution (you can withdraw your own proposal).");
        }

        if (substitution.Status is SubstitutionStatus.Cancelled or SubstitutionStatus.Declined)
        {
            return OnCallResult.Refused($"That substitution is already {substitution.Status.ToDisplayName().ToLowerInvariant()}.");
        }

        if (substitution.EndDate < snapshot.Schedule.LocalDate(_time.GetUtcNow()))
        {
            return OnCallResult.Refused("That substitution is over: the past stays as it was.");
        }

        substitution.Status = SubstitutionStatus.Cancelled;
        substitution.DecidedAt = _time.GetUtcNow().UtcDateTime;
        substitution.DecidedBy = actor.DisplayName;
        await db.SaveChangesAsync(cancellationToken);
        await AfterChangeAsync(snapshot, cancellationToken);
        return OnCallResult.Ok(substitutionId);
    }

    // ----- loading -----

    private async Task<OnCallSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await db.Set<OnCallSettings>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == OnCallSettings.SingletonId, cancellationToken);
        var members = await db.Set<TeamMember>().AsNoTracking().OrderBy(m => m.Id).ToListAsync(cancellationToken);
        var versions = await db.Set<OnCallRotationVersion>().AsNoTracking().OrderBy(v => v.EffectiveFrom).ToListAsync(cancellationToken);
        var substitutions = await db.Set<OnCallSubstitution>().AsNoTracking()
            .OrderBy(s => s.StartDate).ThenBy(s => s.Id).ToListAsync(cancellationToken);

        var options = _options.CurrentValue;
        var timeZoneId = settings?.TimeZone ?? options.TimeZone;
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var found) ? found : TimeZoneInfo.Utc;
        var handoff = settings?.HandoffTime ?? TimeOnly.ParseExact(options.HandoffTime, "HH:mm", CultureInfo.InvariantCulture);
        var holidays = settings?.Holidays ?? [.. options.Holidays.Select(h => DateOnly.ParseExact(h, "yyyy-MM-dd", CultureInfo.InvariantCulture))];
        var defaultWorkingDays = settings?.WorkingDays is { Count: > 0 } stored ? stored : options.WorkingDays;

        if (versions.Count == 0 && members.Any(m => m.IsActive))
        {
            versions = [await CreateInitialRotationAsync(db, members, zone, defaultWorkingDays, cancellationToken)];
        }

        var schedule = new OnCallSchedule(
            new ScheduleClock(zone, handoff, holidays.ToHashSet()),
            versions.Select(v => new RotationVersion(v.EffectiveFrom, v.MemberIds, v.WorkingDays.ToHashSet())),
            substitutions.Select(s => s.ToSchedule()),
            defaultWorkingDays.ToHashSet());
        return new OnCallSnapshot(
            schedule,
            members.ToDictionary(m => m.Id, OnCallPerson.From),
            versions,
            substitutions,
            zone.Id,
            [.. defaultWorkingDays.Distinct().Order()]);
    }

    /// <summary>
    /// A team without a rotation gets one: every active member in the order they were added, from the day the first
    /// of them joined. Stored at once, so later team changes never rewrite it.
    /// </summary>
    private async Task<OnCallRotationVersion> CreateInitialRotationAsync(
        AppDbContext db, List<TeamMember> members, TimeZoneInfo zone, IReadOnlyCollection<DayOfWeek> workingDays, CancellationToken cancellationToken)
    {
        var active = members.Where(m => m.IsActive).OrderBy(m => m.Id).ToList();
        var firstJoined = active.Min(m => m.CreatedAt);
        var version = new OnCallRotationVersion
        {
            EffectiveFrom = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(firstJoined, DateTimeKind.Utc), zone)),
            MemberIds = [.. active.Select(m => m.Id)],
            WorkingDays = [.. workingDays.Distinct().Order()],
            CreatedAt = _time.GetUtcNow().UtcDateTime,
            CreatedBy = TeamActor.System.DisplayName,
        };
        db.Add(version);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            _logger.LogInformation("Created the initial rotation with {Count} members from {Date}", active.Count, version.EffectiveFrom);
            return version;
        }
        catch (DbUpdateException)
        {
            // Another instance created it first (unique date): use theirs.
            db.Entry(version).State = EntityState.Detached;
            return await db.Set<OnCallRotationVersion>().AsNoTracking().OrderBy(v => v.EffectiveFrom).FirstAsync(cancellationToken);
        }
    }

    /// <summary>
    /// After a write: reload, tell open pages and the job scheduler, and keep the Slack on-call group equal to
    /// whoever is on call now when the change moved that.
    /// </summary>
    private async Task AfterChangeAsync(OnCallSnapshot before, CancellationToken cancellationToken)
    {
        Invalidate();
        var after = await GetSnapshotAsync(cancellationToken);
        _notifier.Notify(ChangeArea.Schedule);
        ScheduleChanged?.Invoke();

        var now = _time.GetUtcNow();
        var was = before.StatusAt(now).Current;
        var isNow = after.StatusAt(now).Current;
        if (isNow?.SlackUserId is { Length: > 0 } slackId && was?.SlackUserId != slackId)
        {
            await QueueUserGroupUpdateAsync(slackId, TeamActor.System.DisplayName, cancellationToken);
        }
    }

    /// <summary>Queues <c>usergroups.users.update</c> making the on-call group exactly this user, when a group is configured.</summary>
    internal async Task<long?> QueueUserGroupUpdateAsync(string slackUserId, string createdBy, CancellationToken cancellationToken)
    {
        var group = _slack.CurrentValue.OnCallUserGroup;
        if (string.IsNullOrWhiteSpace(group))
        {
            return null;
        }

        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        var message = _outbox.Add(db, OutboxKinds.SlackUpdateUserGroup, new SlackUserGroupPayload(group, [slackUserId]), createdBy);
        await db.SaveChangesAsync(cancellationToken);
        _outbox.Notify();
        return message.Id;
    }

    private void OnTeamChanged()
    {
        Invalidate();
        // Names and the people on call may have changed: open schedules and the app bar re-render.
        _notifier.Notify(ChangeArea.Schedule);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static string Format(DateOnly date) => date.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);
}
