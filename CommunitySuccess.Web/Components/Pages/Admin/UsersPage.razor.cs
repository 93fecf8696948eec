using CommunitySuccess.Core.Accounts;
using Microsoft.AspNetCore.Components;

namespace CommunitySuccess.Web.Components.Pages.Admin;

public sealed partial class UsersPage
{
    private IReadOnlyList<AccountSummary> _users = [];
    private string _newName = "";
    private string _newEmail = "";
    private string _newPassword = "";
    private readonly HashSet<string> _newRoles = [Roles.Engineer];
    private AccountSummary? _resetFor;
    private string _resetPassword = "";
    private string? _message;
    private bool _messageIsError;
    private string _myUserId = "";

    [Inject]
    private AccountService Accounts { get; set; } = default!;

    [Inject]
    private CommunitySuccess.Web.Accounts.CurrentUserAccessor Me { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _myUserId = (await Me.GetAsync(CancellationToken.None)).UserId ?? "";
        await LoadAsync();
    }

    private async Task LoadAsync() => _users = await Accounts.ListAsync(CancellationToken.None);

    private static void Toggle(HashSet<string> roles, string role, bool on)
    {
        if (on)
        {
            roles.Add(role);
        }
        else
        {
            roles.Remove(role);
        }
    }

    private async Task CreateAsync()
    {
        var result = await Accounts.CreateUserAsync(_newEmail, _newName, _newPassword, _newRoles.ToList());
        if (Report(result, $"Created {_newEmail.Trim()}."))
        {
            _newName = _newEmail = _newPassword = "";
        }

        await LoadAsync();
    }

    private async Task SetRoleAsync(AccountSummary account, string role, bool on)
    {
        var roles = account.Roles.ToHashSet();
        Toggle(roles, role, on);
        Report(await Accounts.SetRolesAsync(account.Id, roles, _myUserId), $"Roles of {account.Email} saved.");
        await LoadAsync();
    }

    private async Task SetDisabledAsync(AccountSummary account, bool disabled)
    {
        Report(await Accounts.SetDisabledAsync(account.Id, disabled, _myUserId),
            disabled ? $"{account.Email} is disabled; their sessions end." : $"{account.Email} is enabled.");
        await LoadAsync();
    }

    private void StartReset(AccountSummary account)
    {
        _resetFor = account;
        _resetPassword = "";
    }

    private async Task ResetAsync()
    {
        if (_resetFor is null)
        {
            return;
        }

        if (Report(await Accounts.ResetPasswordAsync(_resetFor.Id, _resetPassword, _myUserId), $"Password of {_resetFor.Email} reset."))
        {
            _resetFor = null;
        }

        await LoadAsync();
    }

    private bool Report(AccountResult result, string success)
    {
        _messageIsError = !result.Succeeded;
        _message = result.Succeeded ? success : string.Join(" ", result.Errors);
        return result.Succeeded;
    }
}
