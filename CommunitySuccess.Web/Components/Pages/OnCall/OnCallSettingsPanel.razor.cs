using CommunitySuccess.Core.OnCall;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommunitySuccess.Web.Components.Pages.OnCall;

public sealed partial class OnCallSettingsPanel
{
    private static readonly IReadOnlyList<string> TimeZoneIds =
        [.. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => id.Contains('/', StringComparison.Ordinal) || id == "UTC").Order(StringComparer.Ordinal)];

    private string? _timeZone;
    private TimeSpan? _handoff;
    private HashSet<DateOnly> _holidays = [];
    private DateTime? _newHoliday;
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

    protected override void OnParametersSet()
    {
        if (!ReferenceEquals(_loadedFrom, View.Snapshot))
        {
            _loadedFrom = View.Snapshot;
            _timeZone = View.Snapshot.TimeZoneId;
            _handoff = View.Schedule.Clock.HandoffTime.ToTimeSpan();
            _holidays = [.. View.Schedule.Clock.Holidays];
        }
    }

    private Task<IEnumerable<string>> SearchTimeZonesAsync(string? text, CancellationToken cancellationToken) =>
        Task.FromResult<IEnumerable<string>>(string.IsNullOrWhiteSpace(text)
            ? TimeZoneIds
            : TimeZoneIds.Where(id => id.Contains(text.Trim().Replace(' ', '_'), StringComparison.OrdinalIgnoreCase)));

    private void AddHoliday()
    {
        if (_newHoliday is { } date)
        {
            _holidays.Add(DateOnly.FromDateTime(date));
            _newHoliday = null;
        }
    }

    private async Task SaveAsync()
    {
        _error = null;
        if (_handoff is null)
        {
            _error = "Choose the hand-off time.";
            return;
        }

        var result = await OnCall.SaveSettingsAsync(
            new ScheduleSettingsInput(_timeZone ?? "", TimeOnly.FromTimeSpan(_handoff.Value), _holidays), (await Me.GetAsync(CancellationToken.None)).TeamActor, CancellationToken.None);
        if (!result.Succeeded)
        {
            _error = result.Error;
            return;
        }

        Snackbar.Add("Schedule settings saved.", Severity.Success);
    }
}
