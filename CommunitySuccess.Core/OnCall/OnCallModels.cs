using CommunitySuccess.Core.Team;

namespace CommunitySuccess.Core.OnCall;

/// <summary>A team member as the schedule shows them.</summary>
public sealed record OnCallPerson(int Id, string Name, string Email, string? SlackUserId, string? TimeZone, bool IsActive)
{
    public static OnCallPerson From(TeamMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return new(member.Id, member.Name, member.Email, member.SlackUserId, member.TimeZone, member.IsActive);
    }

    /// <summary>A Slack mention when the member has a Slack id, else the name.</summary>
    public string SlackMention => SlackUserId is { Length: > 0 } id ? $"<@{id}>" : Name;
}

/// <summary>
/// Everything the schedule is computed from, loaded once and cached until a change: the calculator, the people,
/// the stored versions and substitutions, and the settings in force.
/// </summary>
public sealed class OnCallSnapshot(
    OnCallSchedule schedule,
    IReadOnlyDictionary<int, OnCallPerson> people,
    IReadOnlyList<OnCallRotationVersion> versions,
    IReadOnlyList<OnCallSubstitution> substitutions,
    string timeZoneId,
    IReadOnlyList<DayOfWeek> defaultWorkingDays)
{
    public OnCallSchedule Schedule { get; } = schedule;

    /// <summary>Every team member by id, former ones included (history names them).</summary>
    public IReadOnlyDictionary<int, OnCallPerson> People { get; } = people;

    /// <summary>Stored rotation versions, oldest first.</summary>
    public IReadOnlyList<OnCallRotationVersion> Versions { get; } = versions;

    /// <summary>Stored substitutions in every status, by start date.</summary>
    public IReadOnlyList<OnCallSubstitution> Substitutions { get; } = substitutions;

    /// <summary>The IANA id of the schedule's time zone.</summary>
    public string TimeZoneId { get; } = timeZoneId;

    /// <summary>Working days before any version exists, and the default for a new one.</summary>
    public IReadOnlyList<DayOfWeek> DefaultWorkingDays { get; } = defaultWorkingDays;

    public OnCallPerson? Person(int? id) => id is { } value && People.TryGetValue(value, out var person) ? person : null;

    /// <summary>Who is on call at <paramref name="instant"/>, and next.</summary>
    public OnCallStatus StatusAt(DateTimeOffset instant)
    {
        var moment = Schedule.At(instant);
        return new OnCallStatus(moment, Person(moment.Current?.Day.MemberId), Person(moment.Next?.Day.MemberId), TimeZoneId);
    }
}

/// <summary>Who is on call now and next, with their names.</summary>
public sealed record OnCallStatus(OnCallMoment Moment, OnCallPerson? Current, OnCallPerson? Next, string TimeZoneId)
{
    /// <summary>"Ana Lima", "nobody (day off)" or "nobody (no rotation yet)", as every view says it.</summary>
    public string CurrentLabel => Current?.Name ?? (Moment.IsDayOff ? "nobody (day off)" : "nobody (no rotation yet)");

    /// <summary>"Ben Carter" or "nobody scheduled".</summary>
    public string NextLabel => Next?.Name ?? "nobody scheduled";

    /// <summary>The current shift is a substitution.</summary>
    public bool CurrentIsSubstitute => Moment.Current?.Day.IsSubstituted == true;
}

/// <summary>A new rotation version as the editor submits it.</summary>
public sealed record RotationInput(DateOnly EffectiveFrom, IReadOnlyList<int> MemberIds, IReadOnlyCollection<DayOfWeek> WorkingDays);

/// <summary>Schedule settings as the page submits them.</summary>
public sealed record ScheduleSettingsInput(string TimeZone, TimeOnly HandoffTime, IReadOnlyCollection<DateOnly> Holidays);

/// <summary>A substitution as an admin creates it or a member proposes it.</summary>
/// <param name="ReplacedMemberId">Cover only this member's days; null covers every working day (admins only).</param>
public sealed record SubstitutionInput(
    DateOnly StartDate,
    DateOnly EndDate,
    int SubstituteMemberId,
    int? ReplacedMemberId,
    SubstitutionReason Reason,
    string? Note = null);

/// <summary>The outcome of a schedule change: done (with the row's id), or refused with a message.</summary>
public sealed record OnCallResult(bool Succeeded, string? Error = null, bool IsForbidden = false, int? Id = null)
{
    public static OnCallResult Ok(int? id = null) => new(true, Id: id);

    public static OnCallResult Refused(string error) => new(false, error);

    public static OnCallResult Forbidden(string error) => new(false, error, IsForbidden: true);
}

/// <summary>Names of the enums as people read them.</summary>
public static class OnCallNames
{
    public static string ToDisplayName(this SubstitutionReason reason) => reason switch
    {
        SubstitutionReason.Vacation => "Vacation",
        SubstitutionReason.Sick => "Sick",
        SubstitutionReason.Swap => "Swap",
        _ => reason.ToString(),
    };

    public static string ToDisplayName(this SubstitutionStatus status) => status switch
    {
        SubstitutionStatus.Proposed => "Proposed",
        SubstitutionStatus.Approved => "Approved",
        SubstitutionStatus.Declined => "Declined",
        SubstitutionStatus.Cancelled => "Cancelled",
        _ => status.ToString(),
    };
}
