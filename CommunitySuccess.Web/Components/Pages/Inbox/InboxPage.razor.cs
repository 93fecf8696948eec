using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Notifications;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace CommunitySuccess.Web.Components.Pages.Inbox;

/// <summary>
/// <c>/inbox</c>: one queue of Slack threads and GitHub items with its views, source filter and orders (paged on the
/// server), the item's pane on the right (<c>/inbox/{itemId}</c>: the thread pane or the issue pane), live updates
/// from <see cref="ChangeNotifier"/>, and the keyboard.
/// </summary>
public sealed partial class InboxPage
{
    private IReadOnlyDictionary<long, IReadOnlyList<CommunitySuccess.Core.GitHub.LinkedIssueState>> _issueStates =
        new Dictionary<long, IReadOnlyList<CommunitySuccess.Core.GitHub.LinkedIssueState>>();

    [Inject]
    private CommunitySuccess.Core.GitHub.ThreadIssueLinkService Links { get; set; } = default!;

    private static readonly int[] PageSizes = [25, 50, 100];
    private static readonly TimeSpan RefreshDelay = TimeSpan.FromMilliseconds(250);

    private readonly CancellationTokenSource _disposed = new();
    private MudTable<InboxRow>? _table;
    private ThreadPane? _pane;
    private IssueItemPane? _issuePane;
    private InboxRow? _openRow;
    private bool _openRowMissing;
    private InboxSourceFilter _source;
    private IReadOnlyList<InboxRow> _rows = [];
    private InboxCounts? _counts;
    private InboxView _view;
    private InboxOrder _order;
    private InboxMe? _me;
    private DateTime _now;
    private int _cursor = -1;
    private int _refreshQueued;
    private bool _revealCursor;
    private IJSObjectReference? _keys;
    private DotNetObjectReference<InboxPage>? _self;

    /// <summary>The open item (an <see cref="InboxRow.Id"/>), or null for the list alone.</summary>
    [Parameter]
    public long? ItemId { get; set; }

    [SupplyParameterFromQuery(Name = "source")]
    public string? SourceSlug { get; set; }

    [SupplyParameterFromQuery(Name = "view")]
    public string? ViewSlug { get; set; }

    [SupplyParameterFromQuery(Name = "order")]
    public string? OrderSlug { get; set; }

    [Inject]
    private InboxQueryService Queries { get; set; } = default!;

    [Inject]
    private InboxActionsService Actions { get; set; } = default!;

    [Inject]
    private CommunitySuccess.Core.GitHub.IssueItemActionsService IssueActions { get; set; } = default!;

    [Inject]
    private CommunitySuccess.Web.Accounts.CurrentUserAccessor CurrentUser { get; set; } = default!;

    [Inject]
    private ChangeNotifier Notifier { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _now = Time.GetUtcNow().UtcDateTime;
        _me = (await CurrentUser.GetAsync(_disposed.Token)).InboxMe;
        Notifier.Changed += OnChanged;
        await LoadCountsAsync();
    }

    protected override async Task OnParametersSetAsync()
    {
        var view = InboxViewNames.ParseView(ViewSlug);
        var order = InboxViewNames.ParseOrder(OrderSlug);
        var source = InboxSourceFilterNames.Parse(SourceSlug);
        if (ItemId != _openRow?.Id)
        {
            _openRow = ItemId is { } id ? await Queries.GetRowAsync(id, _disposed.Token) : null;
            _openRowMissing = ItemId is not null && _openRow is null;
        }

        if (view != _view || order != _order || source != _source)
        {
            var sourceChanged = source != _source;
            _view = view;
            _order = order;
            _source = source;
            _cursor = -1;
            if (sourceChanged)
            {
                await LoadCountsAsync();
            }

            if (_table is not null)
            {
                await _table.ReloadServerData();
            }
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _self = DotNetObjectReference.Create(this);
            _keys = await JS.InvokeAsync<IJSObjectReference>("import", _disposed.Token, "./" + Assets["js/inbox.js"]);
            await _keys.InvokeVoidAsync("start", _disposed.Token, _self);
        }

        if (_revealCursor && _keys is not null)
        {
            _revealCursor = false;
            await _keys.InvokeVoidAsync("revealCursor", _disposed.Token);
        }
    }

    /// <summary>Called by the keyboard module.</summary>
    [JSInvokable]
    public async Task OnInboxKey(string key)
    {
        switch (key)
        {
            case "j":
                await MoveCursorAsync(+1);
                break;
            case "k":
                await MoveCursorAsync(-1);
                break;
            case "Enter" when _cursor >= 0 && _cursor < _rows.Count:
                Open(_rows[_cursor].Id);
                break;
            case "r" when _pane is not null && _openRow?.Source == InboxSource.Slack:
                await _pane.FocusReplyAsync();
                break;
            case "r" when _issuePane is not null && _openRow?.Source == InboxSource.GitHub:
                await _issuePane.FocusCommentAsync();
                break;
            case "e":
                await CloseThreadFromKeyboardAsync();
                break;
            case "Escape" when ItemId is not null:
                await ClosePaneAsync();
                break;
            case "?":
                await ShowKeysAsync();
                break;
        }
    }

    private async Task<TableData<InboxRow>> LoadPageAsync(TableState state, CancellationToken cancellationToken)
    {
        _now = Time.GetUtcNow().UtcDateTime;
        var page = await Queries.GetPageAsync(_view, _order, _source, state.Page * state.PageSize, state.PageSize, cancellationToken);
        _rows = page.Rows;
        _issueStates = await Links.GetIssueStatesAsync(page.Rows.Select(r => r.ThreadId).OfType<long>(), cancellationToken);
        if (ItemId is { } open && _rows.ToList().FindIndex(r => r.Id == open) is var index and >= 0)
        {
            _cursor = index;
        }
        else if (_cursor >= _rows.Count)
        {
            _cursor = _rows.Count - 1;
        }

        return new TableData<InboxRow> { Items = page.Rows, TotalItems = page.Total };
    }

    private async Task LoadCountsAsync() => _counts = await Queries.GetCountsAsync(_source, _disposed.Token);

    private string RowClass(InboxRow row, int index)
    {
        var classes = "inbox-row";
        if (row.Id == ItemId)
        {
            classes += " inbox-row-open";
        }

        if (index == _cursor)
        {
            classes += " inbox-row-cursor";
        }

        if (row.WaitingForTeam)
        {
            classes += " inbox-row-waiting";
        }

        return classes;
    }

    private void OnRowClick(TableRowClickEventArgs<InboxRow> args)
    {
        if (args.Item is { } row)
        {
            _cursor = _rows.ToList().FindIndex(r => r.Id == row.Id);
            Open(row.Id);
        }
    }

    private void Open(long itemId) => Navigation.NavigateTo(Url(itemId));

    private Task ClosePaneAsync()
    {
        Navigation.NavigateTo(Url(null));
        return Task.CompletedTask;
    }

    private Task SetViewAsync(InboxView view)
    {
        Navigation.NavigateTo(Url(ItemId, view, _order));
        return Task.CompletedTask;
    }

    private Task SetOrderAsync(InboxOrder order)
    {
        Navigation.NavigateTo(Url(ItemId, _view, order));
        return Task.CompletedTask;
    }

    private Task SetSourceAsync(InboxSourceFilter source)
    {
        Navigation.NavigateTo(Url(ItemId, _view, _order, source));
        return Task.CompletedTask;
    }

    /// <summary>The address of the current view, source and order, with an item open or not: shareable as it is.</summary>
    private string Url(long? itemId, InboxView? view = null, InboxOrder? order = null, InboxSourceFilter? source = null)
    {
        var path = itemId is { } id ? $"inbox/{id}" : "inbox";
        var query = new Dictionary<string, object?>
        {
            ["view"] = (view ?? _view) == InboxView.All ? null : (view ?? _view).ToSlug(),
            ["source"] = (source ?? _source).ToSlug(),
            ["order"] = (order ?? _order) == InboxOrder.AwakeFirst ? null : (order ?? _order).ToSlug(),
        };
        return Navigation.GetUriWithQueryParameters(Navigation.ToAbsoluteUri(path).ToString(), query);
    }

    private async Task MoveCursorAsync(int step)
    {
        if (_rows.Count == 0)
        {
            return;
        }

        _cursor = Math.Clamp(_cursor + step, 0, _rows.Count - 1);
        _revealCursor = true;
        if (ItemId is not null)
        {
            // With an item open, j / k walk through the queue item by item.
            Open(_rows[_cursor].Id);
        }

        await InvokeAsync(StateHasChanged);
    }

    private async Task CloseThreadFromKeyboardAsync()
    {
        var target = ItemId is { } open ? _openRow ?? _rows.FirstOrDefault(r => r.Id == open)
            : _cursor >= 0 && _cursor < _rows.Count ? _rows[_cursor] : null;
        if (target is null)
        {
            return;
        }

        // Who acts is read now: an account disabled or a role removed since the page loaded acts as it is now.
        var me = (await CurrentUser.GetAsync(_disposed.Token)).Actor;

        // A GitHub item closes as "Answered" (the Triage label goes), the way a thread closes with the team's ✅.
        var result = target.ThreadId is { } threadId
            ? await Actions.SetStatusAsync(threadId, ThreadStatus.Closed, me, _disposed.Token, target.Status)
            : await IssueActions.CloseAsync(target.Id, IssueCloseChoice.Answered, me, _disposed.Token, target.Status);
        Snackbar.Add(result.Succeeded ? "Closed." : result.Error ?? "Not closed.", result.Succeeded ? Severity.Success : Severity.Error);
    }

    private Task ShowKeysAsync() =>
        Dialogs.ShowAsync<KeyboardHelpDialog>("Keyboard shortcuts", new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true, CloseButton = true });

    private void OnChanged(Change change)
    {
        if (change.Area is not (ChangeArea.Thread or ChangeArea.Outbox or ChangeArea.GitHub) || _disposed.IsCancellationRequested)
        {
            return;
        }

        // A sync can change hundreds of threads in a burst: one refresh covers all changes of the moment.
        if (Interlocked.Exchange(ref _refreshQueued, 1) == 1)
        {
            return;
        }

        _ = InvokeAsync(RefreshAsync);
    }

    private async Task RefreshAsync()
    {
        try
        {
            await Task.Delay(RefreshDelay, Time, _disposed.Token);
            Interlocked.Exchange(ref _refreshQueued, 0);
            await LoadCountsAsync();
            if (ItemId is { } open)
            {
                _openRow = await Queries.GetRowAsync(open, _disposed.Token) ?? _openRow;
            }

            if (_table is not null)
            {
                await _table.ReloadServerData();
            }

            StateHasChanged();
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            // The page closed meanwhile.
        }
    }

    public async ValueTask DisposeAsync()
    {
        Notifier.Changed -= OnChanged;
        await _disposed.CancelAsync();
        if (_keys is not null)
        {
            try
            {
                await _keys.InvokeVoidAsync("stop");
                await _keys.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The browser is gone; so are its listeners.
            }
        }

        _self?.Dispose();
    }
}
