using CommunitySuccess.Core.Accounts;
using CommunitySuccess.Core.OnCall;
using CommunitySuccess.Core.Team;
using Microsoft.AspNetCore.Components;

namespace CommunitySuccess.Web.Components.Pages.Admin;

public sealed partial class TeamPage
{
    private static readonly IReadOnlyList<string> TimeZoneIds =
        [.. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => id.Contains('/', StringComparison.Ordinal) || id == "UTC").Order(StringComparer.Ordinal)];

    private IReadOnlyList<TeamMember> _members = [];
    private MemberForm? _form;
    private string? _message;
    private bool _messageIsError;

    [Inject]
    private TeamService Team { get; set; } = default!;

    [Inject]
    private OnCallService OnCall { get; set; } = default!;

    [Inject]
    private CommunitySuccess.Web.Accounts.CurrentUserAccessor Me { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAsync();

    /// <summary>Who asks, read when the action runs: a role removed since the page loaded no longer acts as admin.</summary>
    private async Task<TeamActor> ActorAsync() => (await Me.GetAsync(CancellationToken.None)).TeamActor;

    private async Task LoadAsync() =>
        _members = [.. (await Team.ListAsync(CancellationToken.None)).OrderByDescending(m => m.IsActive).ThenBy(m => m.Name, StringComparer.CurrentCulture)];

    private void StartAdd() => _form = new MemberForm { Role = Roles.Engineer };

    private void StartEdit(TeamMember member) => _form = new MemberForm
    {
        Id = member.Id,
        Name = member.Name,
        Email = member.Email,
        SlackUserId = member.SlackUserId,
        GitHubLogin = member.GitHubLogin,
        TimeZone = member.TimeZone,
        Role = member.Role,
    };

    private async Task SaveAsync()
    {
        if (_form is null)
        {
            return;
        }

        var result = await Team.SaveMemberAsync(
            new TeamMemberInput(_form.Id, _form.Name ?? "", _form.Email ?? "", _form.SlackUserId, _form.GitHubLogin, _form.TimeZone, _form.Role),
            await ActorAsync(),
            CancellationToken.None);
        if (!result.Succeeded)
        {
            Show(string.Join(" ", result.Errors), isError: true);
            return;
        }

        Show(_form.Id is null
            ? $"{result.Member!.Name} joined the team. Add them to the rotation on the On-call page."
            : $"{result.Member!.Name} saved.", isError: false);
        _form = null;
        await LoadAsync();
    }

    private async Task SetActiveAsync(TeamMember member, bool active)
    {
        var result = await Team.SetActiveAsync(member.Id, active, await ActorAsync(), CancellationToken.None);
        if (!result.Succeeded)
        {
            Show(string.Join(" ", result.Errors), isError: true);
            return;
        }

        if (active)
        {
            Show($"{member.Name} is active again. Add them back to the rotation on the On-call page if they take turns.", isError: false);
        }
        else
        {
            // A former member takes no more turns: the rotation continues without them from tomorrow.
            var rotation = await OnCall.RemoveFromRotationAsync(member.Id, await ActorAsync(), CancellationToken.None);
            Show(rotation.Succeeded
                ? $"{member.Name} is deactivated: no longer counted as the team, and out of the rotation from tomorrow."
                : $"{member.Name} is deactivated, but the rotation could not be changed: {rotation.Error}", isError: !rotation.Succeeded);
        }

        await LoadAsync();
    }

    private void Show(string message, bool isError)
    {
        _message = message;
        _messageIsError = isError;
    }

    private Task<IEnumerable<string>> SearchTimeZonesAsync(string? text, CancellationToken cancellationToken) =>
        Task.FromResult<IEnumerable<string>>(string.IsNullOrWhiteSpace(text)
            ? TimeZoneIds
            : TimeZoneIds.Where(id => id.Contains(text.Trim().Replace(' ', '_'), StringComparison.OrdinalIgnoreCase)));

    private static string RowClass(TeamMember member, int index) => member.IsActive ? "" : "mud-text-disabled";

    private static string Dash(string? value) => string.IsNullOrWhiteSpace(value) ? "—" : value;

    private sealed class MemberForm
    {
        public int? Id { get; init; }
        public string? Name { get; set; }
        public string? Email { get; set; }
        public string? SlackUserId { get; set; }
        public string? GitHubLogin { get; set; }
        public string? TimeZone { get; set; }
        public string Role { get; set; } = Roles.Engineer;
    }
}
