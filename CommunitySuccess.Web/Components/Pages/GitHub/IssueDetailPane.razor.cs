using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Notifications;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Core.Shared;
using CommunitySuccess.Core.Team;
using Microsoft.AspNetCore.Components;

namespace CommunitySuccess.Web.Components.Pages.GitHub;

/// <summary>
/// One issue or pull request: its body and comments as sanitized markdown, its linked Slack threads, the desk's actions
/// (each an outbox write whose pending / sent / failed state shows here) and a comment box.
/// </summary>
public sealed partial class IssueDetailPane
{
    private GitHubIssueDetail? _detail;
    private bool _loaded;
    private string? _comment;
    private string? _shownKey;
    private AppActor? _viewer;
    private MudBlazor.MudTextField<string>? _commentField;

    /// <summary><c>owner/name</c>.</summary>
    [Parameter, EditorRequired]
    public string Repository { get; set; } = "";

    [Parameter, EditorRequired]
    public int Number { get; set; }

    [Inject]
    private GitHubQueueService Queues { get; set; } = default!;

    [Inject]
    private GitHubIssueActionsService Actions { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private CommunitySuccess.Web.Accounts.CurrentUserAccessor Me { get; set; } = default!;

    [Inject]
    private MudBlazor.IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private Microsoft.Extensions.Options.IOptionsMonitor<GitHubOptions> Options { get; set; } = default!;

    private GitHubLabelOptions Labels => Options.CurrentValue.Labels;

    private DateTime Now => Time.GetUtcNow().UtcDateTime;

    /// <summary>Puts the cursor in the comment box.</summary>
    public async Task FocusCommentAsync()
    {
        if (_commentField is not null)
        {
            await _commentField.FocusAsync();
        }
    }

    /// <summary>Adds text to the comment box (an earlier answer to start from) and puts the cursor there.</summary>
    public async Task InsertIntoCommentAsync(string text)
    {
        _comment = string.IsNullOrWhiteSpace(_comment) ? text : _comment.TrimEnd() + "\n\n" + text;
        StateHasChanged();
        await FocusCommentAsync();
    }

    protected override async Task OnParametersSetAsync()
    {
        var key = $"{Repository}#{Number}";
        if (key != _shownKey)
        {
            _shownKey = key;
            _detail = null;
            _loaded = false;
            ResultMessage = null;
            _comment = null;
            await RefreshAsync();
        }
    }

    protected override async Task RefreshAsync()
    {
        _detail = await Queues.GetIssueAsync(Repository, Number, Stopping);
        // For showing Edit / Delete on one's own comments only; the service checks again when asked.
        _viewer = (await Me.GetAsync(Stopping)).Actor;
        _loaded = true;
    }

    protected override bool Wants(Change change) => change.Area is ChangeArea.GitHub or ChangeArea.Outbox or ChangeArea.Thread;

    private Task SendToProductReviewAsync() =>
        RunActionAsync(actor => Actions.SendToProductReviewAsync(Repository, Number, actor, Stopping), "Sending to product review: the Triage label goes, Product review comes.");

    private Task AddCommunityAsync() =>
        RunActionAsync(actor => Actions.AddCommunityLabelAsync(Repository, Number, actor, Stopping), "Adding the Community label.");

    private Task AssignToMeAsync() =>
        RunActionAsync(actor => Actions.AssignToMeAsync(Repository, Number, actor, Stopping), "Assigning it to you.");

    private Task CloseAsync(GitHubCloseReason reason) =>
        RunActionAsync(actor => Actions.CloseAsync(Repository, Number, reason, actor, Stopping),
            reason == GitHubCloseReason.NotPlanned ? "Closing as not planned." : "Closing as completed.");

    private async Task CommentAsync()
    {
        var text = _comment ?? "";
        if ((await RunActionAsync(actor => Actions.CommentAsync(Repository, Number, text, actor, Stopping), "Comment queued."))?.Succeeded == true)
        {
            _comment = null;
        }
    }

    private async Task EditCommentAsync(GitHubCommentView comment)
    {
        var dialog = await Dialogs.ShowAsync<CommunitySuccess.Web.Components.Pages.Inbox.TextPromptDialog>("Edit your comment",
            new MudBlazor.DialogParameters<CommunitySuccess.Web.Components.Pages.Inbox.TextPromptDialog>
            {
                { d => d.Label, "Comment" },
                { d => d.Required, true },
                { d => d.RequiredError, "A comment cannot be emptied: delete it instead." },
                { d => d.ConfirmText, "Save edit" },
                { d => d.InitialText, comment.Text },
                { d => d.MaxLength, GitHubIssueActionsService.MaxCommentLength },
            },
            new MudBlazor.DialogOptions { MaxWidth = MudBlazor.MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: string text })
        {
            await RunActionAsync(actor => Actions.EditCommentAsync(Repository, Number, comment.Id, text, actor, Stopping), "Edit queued for GitHub.");
        }
    }

    private async Task DeleteCommentAsync(GitHubCommentView comment)
    {
        if (await Dialogs.ShowMessageBoxAsync("Delete your comment?", "It is deleted on GitHub too.", yesText: "Delete", cancelText: "Cancel") == true)
        {
            await RunActionAsync(actor => Actions.DeleteCommentAsync(Repository, Number, comment.Id, actor, Stopping), "Deletion queued for GitHub.");
        }
    }

    private Task RetryAsync(long outboxId) =>
        RunActionAsync(actor => Actions.RetryAsync(Repository, Number, outboxId, actor, Stopping), "Sending again.");

    private static string Initial(string login) => login.Length == 0 ? "?" : char.ToUpperInvariant(login[0]).ToString();
}
