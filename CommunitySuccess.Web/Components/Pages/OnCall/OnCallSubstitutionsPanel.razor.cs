using CommunitySuccess.Core.OnCall;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommunitySuccess.Web.Components.Pages.OnCall;

public sealed partial class OnCallSubstitutionsPanel
{
    private DateTime? _from;
    private DateTime? _to;
    private int _replaced;
    private int _substitute;
    private SubstitutionReason _reason = SubstitutionReason.Vacation;
    private string? _note;
    private string? _error;
    private bool _saving;
    private Guid _appliedPrefill;

    [Parameter, EditorRequired]
    public OnCallView View { get; set; } = default!;

    /// <summary>A day clicked in the calendar.</summary>
    [Parameter]
    public SubstitutionPrefill? Prefill { get; set; }

    [Inject]
    private CommunitySuccess.Web.Accounts.CurrentUserAccessor Me { get; set; } = default!;

    [Inject]
    private OnCallService OnCall { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private DateTime MinDate => View.Today.ToDateTime(TimeOnly.MinValue);

    private IReadOnlyList<OnCallSubstitution> Upcoming =>
    [
        .. View.Snapshot.Substitutions
            .Where(s => s.EndDate >= View.Today && s.Status is SubstitutionStatus.Proposed or SubstitutionStatus.Approved)
            .OrderBy(s => s.StartDate).ThenBy(s => s.Id),
    ];

    protected override void OnParametersSet()
    {
        _from ??= MinDate;
        _to ??= MinDate;
        if (Prefill is { } prefill && prefill.Nonce != _appliedPrefill)
        {
            _appliedPrefill = prefill.Nonce;
            _from = _to = prefill.Date.ToDateTime(TimeOnly.MinValue);
            _replaced = View.IsAdmin ? prefill.ScheduledMemberId ?? 0 : 0;
            _error = null;
        }
    }

    private async Task SubmitAsync()
    {
        _error = null;
        if (_from is null || _to is null)
        {
            _error = "Choose the first and the last day.";
            return;
        }

        if (_substitute == 0)
        {
            _error = "Choose who covers.";
            return;
        }

        _saving = true;
        try
        {
            var input = new SubstitutionInput(
                DateOnly.FromDateTime(_from.Value),
                DateOnly.FromDateTime(_to.Value),
                _substitute,
                View.IsAdmin && _replaced != 0 ? _replaced : null,
                _reason,
                _note);
            var result = await OnCall.CreateSubstitutionAsync(input, (await Me.GetAsync(CancellationToken.None)).TeamActor, CancellationToken.None);
            if (!result.Succeeded)
            {
                _error = result.Error;
                return;
            }

            Snackbar.Add(View.IsAdmin ? "Substitution added." : "Substitution proposed; an admin will approve or decline it.", Severity.Success);
            _substitute = 0;
            _note = null;
        }
        finally
        {
            _saving = false;
        }
    }

    private async Task DecideAsync(OnCallSubstitution substitution, bool approve)
    {
        var result = await OnCall.DecideSubstitutionAsync(substitution.Id, approve, (await Me.GetAsync(CancellationToken.None)).TeamActor, CancellationToken.None);
        Snackbar.Add(result.Succeeded ? (approve ? "Substitution approved." : "Substitution declined.") : result.Error!, result.Succeeded ? Severity.Success : Severity.Error);
    }

    private async Task CancelAsync(OnCallSubstitution substitution)
    {
        var result = await OnCall.CancelSubstitutionAsync(substitution.Id, (await Me.GetAsync(CancellationToken.None)).TeamActor, CancellationToken.None);
        Snackbar.Add(result.Succeeded ? "Substitution cancelled." : result.Error!, result.Succeeded ? Severity.Success : Severity.Error);
    }

    private static string Range(OnCallSubstitution substitution) =>
        substitution.StartDate == substitution.EndDate
            ? OnCallDisplay.Short(substitution.StartDate)
            : $"{OnCallDisplay.Short(substitution.StartDate)} – {OnCallDisplay.Short(substitution.EndDate)}";
}
