using CommunitySuccess.Core.OnCall;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommunitySuccess.Web.Components.Pages.OnCall;

public sealed partial class OnCallRotationPanel
{
    private DateTime? _effectiveFrom;
    private List<int> _order = [];
    private HashSet<DayOfWeek> _workingDays = [];
    private int _toAdd;
    private bool _edited;
    private string? _error;
    private OnCallSnapshot? _loadedFrom;

    [Parameter, EditorRequired]
    public OnCallView View { get; set; } = default!;

    [Inject]
    private CommunitySuccess.Web.Accounts.CurrentUserAccessor Me { get; set; } = default!;

    [Inject]
    private OnCallService OnCall { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private OnCallRotationVersion? Current => View.Snapshot.Versions.LastOrDefault(v => v.EffectiveFrom <= View.Today);

    private IReadOnlyList<OnCallRotationVersion> Upcoming => [.. View.Snapshot.Versions.Where(v => v.EffectiveFrom > View.Today)];

    private IReadOnlyList<OnCallPerson> Addable => [.. View.ActivePeople.Where(p => !_order.Contains(p.Id))];

    private DateOnly FirstWorkingDay
    {
        get
        {
            var date = DateOnly.FromDateTime(_effectiveFrom!.Value);
            return _workingDays.Contains(date.DayOfWeek) && !View.Schedule.IsHoliday(date) ? date : View.Schedule.NextWorkingDay(date) ?? date;
        }
    }

    protected override void OnParametersSet()
    {
        // A new snapshot (someone saved) refreshes the editor unless the admin is in the middle of an edit.
        if (!ReferenceEquals(_loadedFrom, View.Snapshot) && !_edited)
        {
            _loadedFrom = View.Snapshot;
            _effectiveFrom ??= View.Today.AddDays(1).ToDateTime(TimeOnly.MinValue);
            Prefill();
        }
    }

    private void EffectiveFromChanged(DateTime? date)
    {
        _effectiveFrom = date;
        if (!_edited)
        {
            Prefill();
        }
    }

    /// <summary>The order in force on the chosen date, turned so that whoever is due that day stays first: saving unchanged keeps the cycle.</summary>
    private void Prefill()
    {
        var date = _effectiveFrom is { } chosen ? DateOnly.FromDateTime(chosen) : View.Today;
        var version = View.Schedule.VersionOn(date);
        var members = version?.MemberIds.Where(id => View.Snapshot.Person(id)?.IsActive == true).ToList()
            ?? [.. View.ActivePeople.OrderBy(p => p.Id).Select(p => p.Id)];
        _order = [.. View.Schedule.ContinuationOrder(date, members)];
        _workingDays = [.. version?.WorkingDays ?? View.Snapshot.DefaultWorkingDays.ToHashSet()];
        _error = null;
    }

    private void Reset()
    {
        _edited = false;
        Prefill();
    }

    private void ToggleDay(DayOfWeek day, bool on)
    {
        _edited = true;
        if (on)
        {
            _workingDays.Add(day);
        }
        else
        {
            _workingDays.Remove(day);
        }
    }

    private void Move(int index, int direction)
    {
        _edited = true;
        (_order[index], _order[index + direction]) = (_order[index + direction], _order[index]);
    }

    private void Remove(int index)
    {
        _edited = true;
        _order.RemoveAt(index);
    }

    private void Add()
    {
        if (_toAdd != 0 && !_order.Contains(_toAdd))
        {
            _edited = true;
            _order.Add(_toAdd);
        }

        _toAdd = 0;
    }

    private async Task SaveAsync()
    {
        _error = null;
        if (_effectiveFrom is null)
        {
            _error = "Choose the date the change applies from.";
            return;
        }

        var result = await OnCall.SaveRotationAsync(
            new RotationInput(DateOnly.FromDateTime(_effectiveFrom.Value), _order, _workingDays), (await Me.GetAsync(CancellationToken.None)).TeamActor, CancellationToken.None);
        if (!result.Succeeded)
        {
            _error = result.Error;
            return;
        }

        _edited = false;
        Snackbar.Add($"Rotation saved; it applies from {OnCallDisplay.Short(DateOnly.FromDateTime(_effectiveFrom.Value))}.", Severity.Success);
    }

    private async Task DeleteAsync(OnCallRotationVersion version)
    {
        var result = await OnCall.DeleteRotationVersionAsync(version.Id, (await Me.GetAsync(CancellationToken.None)).TeamActor, CancellationToken.None);
        Snackbar.Add(result.Succeeded ? "Planned change deleted." : result.Error!, result.Succeeded ? Severity.Success : Severity.Error);
    }
}
