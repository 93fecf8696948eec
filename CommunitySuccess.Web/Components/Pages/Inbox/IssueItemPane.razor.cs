using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Notifications;
using CommunitySuccess.Core.Shared;
using CommunitySuccess.Core.Team;
using CommunitySuccess.Web.Components.Pages.GitHub;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommunitySuccess.Web.Components.Pages.Inbox;

/// <summary>
/// The pane of a GitHub item in the inbox: its status with the reason it last moved, the status actions that fit a
/// GitHub item (In Progress mirrored as 👀, On Hold with a note, Close with a choice, Follow up &amp; close), and the issue
/// itself (<see cref="IssueDetailPane"/>: sanitized body and comments, labels, comment box, assign, linked threads).
/// </summary>
public sealed partial class IssueItemPane
{
    private IssueItemDetail? _detail;

    /// <summary>The status on screen when a button was clicked: the service refuses if the item has moved since.</summary>
    private ThreadStatus? ShownStatus => _detail?.Row.Status;
    private IssueDetailPane? _issue;
    private bool _missing;
    private bool _closeOnGitHubToo;
    private long _shownId;

    [Parameter, EditorRequired]
    public long ItemId { get; set; }

    [Parameter]
    public EventCallback OnClose { get; set; }

    [Inject]
    private InboxQueryService Queries { get; set; } = default!;

    [Inject]
    private IssueItemActionsService Actions { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    private DateTime Now => Time.GetUtcNow().UtcDateTime;

    /// <summary>Puts the cursor in the comment box (the inbox's <c>r</c> key).</summary>
    public Task FocusCommentAsync() => _issue?.FocusCommentAsync() ?? Task.CompletedTask;

    /// <summary>An earlier answer from the similar questions, as a starting point in the comment box.</summary>
    private Task InsertEarlierAnswerAsync(string text) => _issue?.InsertIntoCommentAsync(text) ?? Task.CompletedTask;

    protected override async Task OnParametersSetAsync()
    {
        if (ItemId != _shownId)
        {
            _shownId = ItemId;
            _detail = null;
            ResultMessage = null;
            _closeOnGitHubToo = false;
            await RefreshAsync();
        }
    }

    protected override async Task RefreshAsync()
    {
        _detail = await Queries.GetIssueItemAsync(ItemId, Stopping);
        _missing = _detail is null;
    }

    protected override bool Wants(Change change) => change.Area is ChangeArea.GitHub or ChangeArea.Outbox;

    private static string Explain(IssueCloseChoice choice) => choice switch
    {
        IssueCloseChoice.Answered => "removes the Triage label",
        IssueCloseChoice.NeedsProductReview => "Triage → Product review",
        IssueCloseChoice.CloseOnGitHub => "closes the issue on GitHub",
        _ => "writes nothing; the next comment re-opens it",
    };

    private Task SetInProgressAsync() =>
        RunActionAsync(actor => Actions.SetInProgressAsync(ItemId, actor, Stopping, ShownStatus), "In Progress: 👀 added on GitHub.");

    private Task CloseAsync(IssueCloseChoice choice) =>
        RunActionAsync(actor => Actions.CloseAsync(ItemId, choice, actor, Stopping, ShownStatus), $"Closed: {choice.ToDisplayName()}.");

    private Task FollowUpAndCloseAsync()
    {
        var closeToo = _closeOnGitHubToo;
        return RunActionAsync(actor => Actions.FollowUpAndCloseAsync(ItemId, closeToo, actor, Stopping, ShownStatus),
            closeToo ? "Follow-up posted; the issue closes on GitHub." : "Follow-up posted; closed here, still open on GitHub.");
    }

    private async Task PutOnHoldAsync()
    {
        if (Gate.IsBusy)
        {
            return;
        }

        var dialog = await Dialogs.ShowAsync<TextPromptDialog>("Put On Hold", new DialogParameters<TextPromptDialog>
        {
            { d => d.Message, "On Hold is for an item waiting on an action item (information requested, a fix to try). Say what it waits for." },
            { d => d.Label, "Reason" },
            { d => d.Required, true },
            { d => d.RequiredError, "On Hold needs a note: say what the item is waiting for." },
            { d => d.ConfirmText, "Put On Hold" },
            { d => d.ConfirmColor, Color.Warning },
        }, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: string note })
        {
            await RunActionAsync(actor => Actions.SetOnHoldAsync(ItemId, note, actor, Stopping, ShownStatus), "Put On Hold.");
        }
    }
}
