using CommunitySuccess.Core.Notifications;
using CommunitySuccess.Core.OnCall;
using CommunitySuccess.Core.Team;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace CommunitySuccess.Web.Components.Pages.OnCall;

public sealed partial class OnCallPage : IDisposable
{
    private OnCallView? _view;
    private DateOnly _month;
    private DateOnly? _selectedDate;
    private SubstitutionPrefill? _prefill;
    private TeamActor _actor = TeamActor.System;

    [Inject]
    private OnCallService OnCall { get; set; } = default!;

    [Inject]
    private ChangeNotifier Notifier { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _actor = TeamActor.From((await AuthenticationState).User);
        await LoadAsync();
        _month = new DateOnly(_view!.Today.Year, _view.Today.Month, 1);
        Notifier.Changed += OnChanged;
    }

    private async Task LoadAsync()
    {
        var snapshot = await OnCall.GetSnapshotAsync(CancellationToken.None);
        var now = Time.GetUtcNow();
        var me = await OnCall.FindMeAsync(_actor, CancellationToken.None);
        _view = new OnCallView(snapshot, snapshot.StatusAt(now), snapshot.Schedule.LocalDate(now), me, _actor);
    }

    private void SelectDay(ScheduledDay day)
    {
        _selectedDate = day.Date;
        _prefill = new SubstitutionPrefill(day.Date, day.RotationMemberId, Guid.NewGuid());
    }

    private void OnChanged(Change change)
    {
        if (change.Area is ChangeArea.Schedule or ChangeArea.Team)
        {
            _ = InvokeAsync(async () =>
            {
                await LoadAsync();
                StateHasChanged();
            });
        }
    }

    public void Dispose() => Notifier.Changed -= OnChanged;
}

/// <summary>A day clicked in the calendar: the substitution form starts from it. <see cref="Nonce"/> makes each click new.</summary>
public sealed record SubstitutionPrefill(DateOnly Date, int? ScheduledMemberId, Guid Nonce);
