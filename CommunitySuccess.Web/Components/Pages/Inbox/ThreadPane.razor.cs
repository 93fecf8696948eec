using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Notifications;
using CommunitySuccess.Core.Shared;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Web.Components.Actions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using MudBlazor;

namespace CommunitySuccess.Web.Components.Pages.Inbox;

/// <summary>
/// One thread on the right of the inbox: its messages, notes and history as one timeline, the status and
/// workflow actions, and the reply / note composer (drafts kept on the server per person and thread).
/// </summary>
public sealed partial class ThreadPane
{
    /// <summary>Messages longer than this start folded, so one paste cannot push the rest of the thread away.</summary>
    private const int CollapseAbove = 3000;

    private static readonly TimeSpan RefreshDelay = TimeSpan.FromMilliseconds(150);

    private readonly CancellationTokenSource _disposed = new();
    private readonly HashSet<long> _expanded = [];
    private ThreadDetail? _detail;
    private IReadOnlyList<object> _timeline = [];
    private IReadOnlyList<SavedReply> _savedReplies = [];
    private long? _loadedId;
    private bool _missing;
    private bool _noteMode;
    private string _reply = "";
    private string? _replyError;
    private string _note = "";
    private bool _notePost;
    private string? _noteError;
    private DateTime _now;
    private int _refreshQueued;
    private MudTextField<string>? _replyField;
    private ElementReference _timelineElement;
    private IJSObjectReference? _module;
    private int _shownItems;
    private bool _scrollToEnd;

    [Parameter, EditorRequired]
    public long ThreadId { get; set; }

    /// <summary>The signed-in person; actions are signed with their name.</summary>
    [Parameter, EditorRequired]
    public InboxMe? Me { get; set; }

    [Parameter]
    public EventCallback OnClose { get; set; }

    /// <summary>The thread's inbox item: its similar earlier questions show when given.</summary>
    [Parameter]
    public long? ItemId { get; set; }

    [Inject]
    private InboxQueryService Queries { get; set; } = default!;

    [Inject]
    private InboxActionsService Actions { get; set; } = default!;

    [Inject]
    private InboxWorkflowService Workflow { get; set; } = default!;

    [Inject]
    private ThreadNotesService Notes { get; set; } = default!;

    [Inject]
    private SavedReplyService SavedReplies { get; set; } = default!;

    [Inject]
    private ReplyDraftStore Drafts { get; set; } = default!;

    [Inject]
    private ChangeNotifier Notifier { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    /// <summary>One write at a time, as whoever is signed in when it runs.</summary>
    [Inject]
    private ActionGate Gate { get; set; } = default!;

    private AppActor Actor => Me?.Actor ?? new AppActor("Someone");

    /// <summary>Puts the cursor in the reply box (the r key).</summary>
    public async Task FocusReplyAsync()
    {
        if (_noteMode)
        {
            _noteMode = false;
            StateHasChanged();
            await Task.Yield();
        }

        if (_replyField is not null)
        {
            await _replyField.FocusAsync();
        }
    }

    protected override async Task OnInitializedAsync()
    {
        Notifier.Changed += OnChanged;
        _savedReplies = await SavedReplies.ListAsync(_disposed.Token);
    }

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedId == ThreadId)
        {
            return;
        }

        _loadedId = ThreadId;
        _detail = null;
        _shownItems = 0;
        _missing = false;
        _replyError = _noteError = null;
        _note = "";
        _notePost = false;
        _expanded.Clear();
        _reply = Me is null ? "" : Drafts.Get(Me.DraftOwner, ThreadId);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _now = Time.GetUtcNow().UtcDateTime;
        _detail = await Queries.GetThreadAsync(ThreadId, _disposed.Token);
        _missing = _detail is null;
        _timeline = _detail is null ? [] : BuildTimeline(_detail);

        // Like a chat: open at the latest message, and follow new ones as they arrive.
        _scrollToEnd |= _timeline.Count > _shownItems;
        _shownItems = _timeline.Count;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!_scrollToEnd || _detail is null)
        {
            return;
        }

        _scrollToEnd = false;
        try
        {
            _module ??= await JS.InvokeAsync<IJSObjectReference>("import", _disposed.Token, "./" + Assets["js/inbox.js"]);
            await _module.InvokeVoidAsync("scrollToEnd", _disposed.Token, _timelineElement);
        }
        catch (JSDisconnectedException)
        {
            // The browser left; nothing to scroll.
        }
    }

    /// <summary>Messages, notes, status moves and writes in the order they happened; replies in flight last.</summary>
    private static IReadOnlyList<object> BuildTimeline(ThreadDetail detail)
    {
        var items = new List<(DateTime At, int Rank, object Item)>();
        items.AddRange(detail.Messages.Select(m => (m.SentAt, 0, (object)m)));
        items.AddRange(detail.History.Select(h => (h.At, 1, (object)h)));
        items.AddRange(detail.Notes.Select(n => (n.At, 2, (object)n)));
        // Delivered reactions are visible as status moves already; show only writes still on their way, failed, or posts elsewhere.
        items.AddRange(detail.OtherWrites
            .Where(w => w.Status != Core.Outbox.OutboxStatus.Sent || w.Description.StartsWith("Post", StringComparison.Ordinal))
            .Select(w => (w.CreatedAt, 3, (object)w)));
        return [.. items.OrderBy(i => i.At).ThenBy(i => i.Rank).Select(i => i.Item), .. detail.RepliesInFlight];
    }

    private bool IsMine(ThreadMessageView message) =>
        !message.IsDeleted && message.OutboxId is not null && message.PendingChange is null
        && message.IsSentBy(Actor);

    private void OnReplyChanged(string value)
    {
        _reply = value ?? "";
        _replyError = null;
        if (Me is not null)
        {
            Drafts.Save(Me.DraftOwner, ThreadId, _reply);
        }
    }

    /// <summary>What <see cref="RunAsync"/> answers while another action runs: not done, and nothing to show.</summary>
    private static readonly ActionOutcome AlreadyRunning = new(false, null, []);

    private async Task OnReplyKeyDown(KeyboardEventArgs args)
    {
        if (args.Key == "Enter" && (args.CtrlKey || args.MetaKey))
        {
            await SendReplyAsync();
        }
    }

    private async Task SendReplyAsync()
    {
        var result = await RunAsync(actor => Actions.ReplyAsync(ThreadId, _reply, actor, _disposed.Token), success: null, inlineError: true);
        if (result.Succeeded)
        {
            _reply = "";
            if (Me is not null)
            {
                Drafts.Clear(Me.DraftOwner, ThreadId);
            }
        }
        else
        {
            _replyError = result.Error;
        }
    }

    private async Task AddNoteAsync()
    {
        var result = await RunAsync(actor => Notes.AddAsync(ThreadId, _note, _notePost, actor, _disposed.Token),
            success: _notePost ? "Note added and posted to the thread." : "Note added.", inlineError: true);
        if (result.Succeeded)
        {
            _note = "";
            _notePost = false;
            _noteError = null;
        }
        else
        {
            _noteError = result.Error;
        }
    }

    private void SetNoteMode(bool noteMode) => _noteMode = noteMode;

    private void InsertSavedReply(SavedReply saved)
    {
        if (_detail is null)
        {
            return;
        }

        AppendToReply(SavedReplyPlaceholders.Fill(saved.Text, _detail.Thread.UserId, Actor.DisplayName, _detail.CallBookingUrl));
    }

    /// <summary>An earlier answer from the similar questions, as a starting point in the reply box.</summary>
    private void InsertEarlierAnswer(string text) => AppendToReply(text);

    private void AppendToReply(string text)
    {
        OnReplyChanged(string.IsNullOrWhiteSpace(_reply) ? text : _reply.TrimEnd() + "\n" + text);
        _noteMode = false;
    }

    private void OfferCall()
    {
        var call = _savedReplies.FirstOrDefault(r => r.Text.Contains(SavedReplyPlaceholders.CallBookingUrl, StringComparison.OrdinalIgnoreCase));
        if (call is not null)
        {
            InsertSavedReply(call);
        }
        else if (_detail is not null)
        {
            OnReplyChanged((_reply.Length > 0 ? _reply.TrimEnd() + "\n" : "") + $"Would a short debugging call help? Book a time here: {_detail.CallBookingUrl}");
        }
    }

    /// <summary>The status on screen when a button was clicked: the service refuses if the thread has moved since.</summary>
    private ThreadStatus? ShownStatus => _detail?.Thread.Status;

    private Task SetStatusAsync(ThreadStatus status) =>
        RunAsync(actor => Actions.SetStatusAsync(ThreadId, status, actor, _disposed.Token, ShownStatus), $"Set to {status.ToDisplayName()}.");

    private async Task PutOnHoldAsync()
    {
        var note = await PromptAsync("Put On Hold", new DialogParameters<TextPromptDialog>
        {
            { d => d.Message, "On Hold is for a thread waiting on an action item (information requested, a debugging call booked). Say what it waits for." },
            { d => d.Label, "Reason" },
            { d => d.Required, true },
            { d => d.RequiredError, "On Hold needs a note: say what the thread is waiting for." },
            { d => d.ConfirmText, "Put On Hold" },
            { d => d.ConfirmColor, Color.Warning },
        });
        if (note is not null)
        {
            await RunAsync(actor => Actions.SetOnHoldAsync(ThreadId, note, actor, _disposed.Token, ShownStatus), "Put On Hold.");
        }
    }

    private async Task FollowUpAndCloseAsync()
    {
        if (_detail is null)
        {
            return;
        }

        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Follow up & close",
            $"Posts \"@{_detail.Thread.UserName} {FollowUpMessage.DefaultText}\" in the thread and closes it. It re-opens by itself when {_detail.Thread.UserName} answers.",
            yesText: "Follow up & close",
            cancelText: "Cancel");
        if (confirmed == true)
        {
            await RunAsync(actor => Actions.FollowUpAndCloseAsync(ThreadId, actor, _disposed.Token, ShownStatus), "Followed up and closed.");
        }
    }

    private async Task TriageAsync()
    {
        var comment = await PromptAsync("Triage conversation", new DialogParameters<TextPromptDialog>
        {
            { d => d.Message, "Posts this thread (who asked, its status and a link) to the team's triage channel to discuss it." },
            { d => d.Label, "Comment for the team" },
            { d => d.ConfirmText, "Post to triage" },
        });
        if (comment is not null)
        {
            await RunAsync(actor => Workflow.TriageAsync(ThreadId, comment, actor, _disposed.Token), "Posted to the triage channel.");
        }
    }

    private async Task ReferToProductAsync()
    {
        var note = await PromptAsync("Refer to product", new DialogParameters<TextPromptDialog>
        {
            { d => d.Message, "An interesting use case or request for the product team: it shows on the Monday review board." },
            { d => d.Label, "Why the product team should look" },
            { d => d.Required, true },
            { d => d.RequiredError, "Say why: the note is required." },
            { d => d.ConfirmText, "Refer to product" },
            { d => d.ConfirmColor, Color.Tertiary },
            { d => d.InitialText, _detail?.ReferredToProductNote ?? "" },
        });
        if (note is not null)
        {
            await RunAsync(actor => Workflow.ReferToProductAsync(ThreadId, note, actor, _disposed.Token), "Referred to product.");
        }
    }

    private Task SetNotSupportAsync(bool notSupport) =>
        RunAsync(actor => Workflow.SetNotSupportAsync(ThreadId, notSupport, actor, _disposed.Token),
            notSupport ? "Marked as not a support thread." : "Marked as a support thread.");

    private async Task EditReplyAsync(ThreadMessageView message)
    {
        var text = await PromptAsync("Edit your reply", new DialogParameters<TextPromptDialog>
        {
            { d => d.Label, "Reply" },
            { d => d.Required, true },
            { d => d.RequiredError, "A reply cannot be empty: delete it instead." },
            { d => d.ConfirmText, "Save edit" },
            { d => d.InitialText, message.Text },
        });
        if (text is not null)
        {
            await RunAsync(actor => Workflow.EditReplyAsync(ThreadId, message.Id, text, actor, _disposed.Token), "Edit sent to Slack.");
        }
    }

    private async Task DeleteReplyAsync(ThreadMessageView message)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete your reply?", "It is deleted in Slack too.", yesText: "Delete", cancelText: "Cancel");
        if (confirmed == true)
        {
            await RunAsync(actor => Workflow.DeleteReplyAsync(ThreadId, message.Id, actor, _disposed.Token), "Deletion sent to Slack.");
        }
    }

    private Task RetryAsync(long outboxId) =>
        RunAsync(actor => Workflow.RetryAsync(ThreadId, outboxId, actor, _disposed.Token), "Sending again.");

    private async Task<string?> PromptAsync(string title, DialogParameters<TextPromptDialog> parameters)
    {
        var dialog = await Dialogs.ShowAsync<TextPromptDialog>(title, parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: string text } ? text : null;
    }

    /// <summary>Runs an action, shows its outcome, and reloads the thread so the change shows at once.</summary>
    /// <remarks>One write at a time: Ctrl+Enter held down (key repeat), or Ctrl+Enter then a click, must not queue the same
    /// reply twice, so a call while another runs is dropped and says nothing.</remarks>
    private async Task<ActionOutcome> RunAsync(Func<AppActor, Task<ActionOutcome>> action, string? success, bool inlineError = false)
    {
        if (await Gate.RunAsync(action, _disposed.Token) is not { } result)
        {
            return AlreadyRunning;
        }

        if (!result.Succeeded && !inlineError)
        {
            Snackbar.Add(result.Error ?? "That did not work.", Severity.Error);
        }
        else if (success is not null)
        {
            Snackbar.Add(success, Severity.Success);
        }

        await LoadAsync();
        return result;
    }

    private static string NoteIcon(ThreadNoteKind kind) => kind switch
    {
        ThreadNoteKind.OnHoldReason => Icons.Material.Outlined.PauseCircle,
        ThreadNoteKind.ProductReferral => Icons.Material.Outlined.Lightbulb,
        ThreadNoteKind.Resolution => Icons.Material.Outlined.TaskAlt,
        _ => Icons.Material.Outlined.StickyNote2,
    };

    private static string NoteTitle(ThreadNoteView note) => note.Kind switch
    {
        ThreadNoteKind.OnHoldReason => "On Hold note",
        ThreadNoteKind.ProductReferral => "Referred to product",
        ThreadNoteKind.Resolution => note.AlsoPostedToThread ? "Resolution, posted to the thread" : "Resolution",
        _ => "Internal note",
    };

    private void OnChanged(Change change)
    {
        if (_disposed.IsCancellationRequested || !(change.Area == ChangeArea.Outbox || (change.Area == ChangeArea.Thread && change.Id == ThreadId)))
        {
            return;
        }

        if (Interlocked.Exchange(ref _refreshQueued, 1) == 0)
        {
            _ = InvokeAsync(RefreshAsync);
        }
    }

    private async Task RefreshAsync()
    {
        try
        {
            await Task.Delay(RefreshDelay, Time, _disposed.Token);
            Interlocked.Exchange(ref _refreshQueued, 0);
            await LoadAsync();
            StateHasChanged();
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            // The pane closed meanwhile.
        }
    }

    public async ValueTask DisposeAsync()
    {
        Notifier.Changed -= OnChanged;
        await _disposed.CancelAsync();
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The browser is gone.
            }
        }
    }
}
