using CommunitySuccess.Core.Notifications;
using CommunitySuccess.Core.OnCall;
using Microsoft.AspNetCore.Components;

namespace CommunitySuccess.Web.Components.Pages.OnCall;

public sealed partial class OnCallPage : IDisposable
{
    private OnCallView? _view;
    private DateOnly _month;
    private DateOnly? _selectedDate;
    private SubstitutionPrefill? _prefill;

    [Inject]
    private OnCallService OnCall { get; set; } = default!;

    [Inject]
    private ChangeNotifier Notifier { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private CommunitySuccess.Web.Accounts.CurrentUserAccessor Me { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        _month = new DateOnly(_view!.Today.Year, _view.Today.Month, 1);
        Notifier.Changed += OnChanged;
    }

    private async Task LoadAsync()
    {
        var snapshot = await OnCall.GetSnapshotAsync(CancellationToken.None);
        var now = Time.GetUtcNow();
        // Re-read on every load, so a role removed meanwhile hides the admin controls at the next change.
        var actor = (await Me.GetAsync(CancellationToken.None)).TeamActor;
        var me = await OnCall.FindMeAsync(actor, CancellationToken.None);
        _view = new OnCallView(snapshot, snapshot.StatusAt(now), snapshot.Schedule.LocalDate(now), me, actor);
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
