using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Notifications;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Web.Components.Pages.GitHub;

/// <summary>
/// <c>/github</c>: the on-call engineer's GitHub queues as tabs (Triage, Awaiting response, Contributor PRs, Ready to
/// notify) with the selected issue's detail beside them; every issue has its own address
/// <c>/github/{owner}/{repo}/{number}</c>, the tab and page travel in the query string.
/// </summary>
public sealed partial class GitHubPage
{
    private const int NotifyTab = 3;
    private static readonly GitHubQueue[] Queues = [GitHubQueue.Triage, GitHubQueue.AwaitingResponse, GitHubQueue.ContributorPullRequests];

    private int _tabIndex;
    private GitHubQueueCounts? _counts;
    private int? _readyCount;
    private bool _syncing;
    private string? _lastSync;

    [Parameter]
    public string? Owner { get; set; }

    [Parameter]
    public string? Repo { get; set; }

    [Parameter]
    public int? Number { get; set; }

    /// <summary><c>triage</c>, <c>awaiting</c>, <c>prs</c> or <c>notify</c>.</summary>
    [SupplyParameterFromQuery(Name = "queue")]
    public string? QueueName { get; set; }

    [SupplyParameterFromQuery(Name = "page")]
    public int? PageQuery { get; set; }

    [Inject]
    private GitHubQueueService QueueService { get; set; } = default!;

    [Inject]
    private ReleaseNotificationService Releases { get; set; } = default!;

    [Inject]
    private GitHubSyncService Sync { get; set; } = default!;

    [Inject]
    private IOptionsMonitor<GitHubOptions> Options { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private GitHubQueue CurrentQueue => _tabIndex < Queues.Length ? Queues[_tabIndex] : GitHubQueue.Triage;

    private int PageNumber => Math.Max(1, PageQuery ?? 1);

    private string? SelectedKey => Number is { } n && Owner is not null && Repo is not null ? $"{Owner}/{Repo}#{n}" : null;

    protected override async Task OnParametersSetAsync()
    {
        _tabIndex = QueueName switch
        {
            "awaiting" => 1,
            "prs" => 2,
            "notify" => NotifyTab,
            _ => 0,
        };
        await LoadCountsAsync();
    }

    private async Task LoadCountsAsync()
    {
        _counts = await QueueService.GetCountsAsync(Stopping);
        _readyCount = await Releases.CountReadyAsync(Stopping);
    }

    private Task OnTabChangedAsync(int index)
    {
        var slug = index == NotifyTab ? "notify" : GitHubFormat.Slug(Queues[index]);
        var path = Number is null ? "/github" : GitHubFormat.IssueHref($"{Owner}/{Repo}", Number.Value);
        Navigation.NavigateTo($"{path}?queue={slug}");
        return Task.CompletedTask;
    }

    private async Task SyncNowAsync()
    {
        _syncing = true;
        try
        {
            var summary = await Sync.SyncAllAsync(Stopping);
            _lastSync = !summary.Ran ? "A sync is already running."
                : summary.Errors.Count > 0 ? "Last sync: " + string.Join("; ", summary.Errors)
                : $"Last sync: {summary.IssuesChanged} issues and pull requests changed.";
        }
        finally
        {
            _syncing = false;
        }

        await LoadCountsAsync();
    }

    protected override bool Wants(Change change) => change.Area is ChangeArea.GitHub or ChangeArea.Outbox;

    protected override Task RefreshAsync() => LoadCountsAsync();
}
