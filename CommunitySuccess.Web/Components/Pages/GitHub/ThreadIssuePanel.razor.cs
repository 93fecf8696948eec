using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Notifications;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Core.Shared;
using CommunitySuccess.Core.Team;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Web.Components.Pages.GitHub;

/// <summary>
/// The GitHub side of one Slack thread, self-contained for the inbox's thread pane: the thread's linked issues with
/// their state (creating, open, closed, released) and the two actions <b>Create GitHub issue</b> (prefilled from the
/// question and the thread's permalink, Triage label) and <b>Link existing issue</b> (by number or title). Either posts
/// the link in the thread and closes it.
/// </summary>
public sealed partial class ThreadIssuePanel
{
    private IReadOnlyList<LinkedIssueState> _links = [];
    private Mode _mode;
    private GitHubIssueDraft? _draft;
    private string? _repository;
    private string? _title;
    private string? _body;
    private string? _query;
    private IReadOnlyList<GitHubIssueSearchResult>? _results;
    private long _shownThread;

    private enum Mode
    {
        None,
        Create,
        Link,
    }

    /// <summary>The <see cref="SupportThread"/> id.</summary>
    [Parameter, EditorRequired]
    public long ThreadId { get; set; }

    /// <summary>On the review board: the new issue carries the Product review label instead of Triage.</summary>
    [Parameter]
    public bool ForProductReview { get; set; }

    [Inject]
    private ThreadIssueLinkService Links { get; set; } = default!;

    [Inject]
    private GitHubQueueService Queues { get; set; } = default!;

    [Inject]
    private IOptionsMonitor<GitHubOptions> Options { get; set; } = default!;

    private bool HasRepositories => Options.CurrentValue.Repositories.Count > 0;

    private string TriageLabel => Options.CurrentValue.Labels.Triage;

    protected override async Task OnParametersSetAsync()
    {
        if (ThreadId != _shownThread)
        {
            _shownThread = ThreadId;
            _mode = Mode.None;
            ResultMessage = null;
            await RefreshAsync();
        }
    }

    protected override async Task RefreshAsync() => _links = await Links.GetThreadLinksAsync(ThreadId, Stopping);

    protected override bool Wants(Change change) =>
        change.Area is ChangeArea.GitHub or ChangeArea.Outbox || (change.Area == ChangeArea.Thread && (change.Id is null || change.Id == ThreadId));

    private async Task StartCreateAsync()
    {
        _draft = await Links.DraftIssueAsync(ThreadId, Stopping);
        if (_draft is null)
        {
            ShowResult(false, "That thread no longer exists.");
            return;
        }

        _repository = _draft.Repository;
        _title = _draft.Title;
        _body = _draft.Body;
        ResultMessage = null;
        _mode = Mode.Create;
    }

    private void StartLink()
    {
        _query = null;
        _results = null;
        ResultMessage = null;
        _mode = Mode.Link;
    }

    private void Cancel() => _mode = Mode.None;

    private async Task SearchAsync(string? query)
    {
        _query = query;
        _results = string.IsNullOrWhiteSpace(query) ? null : await Queues.SearchAsync(query, 8, Stopping);
    }

    private async Task CreateAsync()
    {
        await RunThenCloseFormAsync(actor => Links.CreateIssueAsync(ThreadId, _repository ?? "", _title ?? "", _body ?? "", actor, Stopping, ForProductReview),
            $"Creating the issue in {_repository}. Once GitHub has it, the link is posted in the thread and the thread is closed.");
    }

    private async Task LinkAsync(GitHubIssueSearchResult issue)
    {
        await RunThenCloseFormAsync(actor => Links.LinkExistingIssueAsync(ThreadId, issue.Repository, issue.Number, actor, Stopping),
            $"Linked to {issue.Key}: the link is posted in the thread and the thread is closed.");
    }

    private Task RetryCreateAsync(LinkedIssueState link) =>
        RunActionAsync(actor => Links.RetryCreateAsync(link.LinkId, actor, Stopping), "Creating the issue again.");

    private Task UnlinkAsync(LinkedIssueState link) =>
        RunActionAsync(actor => Links.UnlinkAsync(link.LinkId, actor, Stopping), "Removed.");

    private async Task RunThenCloseFormAsync(Func<AppActor, Task<ActionOutcome>> action, string success)
    {
        if ((await RunActionAsync(action, success))?.Succeeded == true)
        {
            _mode = Mode.None;
        }
    }
}
