using CommunitySuccess.Core.OnCall;
using CommunitySuccess.Core.Team;

namespace CommunitySuccess.Web.Components.Pages.OnCall;

/// <summary>What the on-call page's parts draw from: the schedule, now, and who is looking.</summary>
public sealed record OnCallView(OnCallSnapshot Snapshot, OnCallStatus Status, DateOnly Today, OnCallPerson? Me, TeamActor Actor)
{
    public bool IsAdmin => Actor.IsAdmin;

    public OnCallSchedule Schedule => Snapshot.Schedule;

    public string NameOf(int? memberId) => Snapshot.Person(memberId)?.Name ?? "—";

    /// <summary>Active members by name, for pickers.</summary>
    public IReadOnlyList<OnCallPerson> ActivePeople => [.. Snapshot.People.Values.Where(p => p.IsActive).OrderBy(p => p.Name, StringComparer.CurrentCulture)];
}
