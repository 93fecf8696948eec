using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Notifications;
using CommunitySuccess.Core.Search;
using CommunitySuccess.Core.Slack;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;

namespace CommunitySuccess.Web.Components.Pages.Inbox;

/// <summary>
/// "Search first", done for the engineer: beside an open thread or issue, up to five earlier threads and issues about the
/// same problem (<see cref="SimilarItemsService"/>), resolved ones first, each with its status, the first lines of its
/// answer and a link; "Insert answer" starts a reply from one. When a GitHub issue and a thread look like the same
/// problem it offers to link them — a person confirms, nothing is linked by itself.
/// </summary>
public sealed partial class SimilarItemsPanel
{
    private SimilarItems? _found;
    private SimilarItem? _duplicate;
    private bool _collapsed;
    private long _shownId;
    private DateTime _now;

    /// <summary>The open inbox item.</summary>
    [Parameter, EditorRequired]
    public long ItemId { get; set; }

    /// <summary>The open item's thread, when it is one: similar issues can be linked to it.</summary>
    [Parameter]
    public long? ThreadId { get; set; }

    /// <summary>The open item's issue (<c>owner/name</c> and number), when it is one: similar threads can be linked to it.</summary>
    [Parameter]
    public string? IssueRepository { get; set; }

    [Parameter]
    public int? IssueNumber { get; set; }

    /// <summary>Receives an earlier answer (with where it was given) to put in the composer.</summary>
    [Parameter]
    public EventCallback<string> OnInsertAnswer { get; set; }

    [Inject]
    private SimilarItemsService Similar { get; set; } = default!;

    [Inject]
    private SlackLookupService Slack { get; set; } = default!;

    [Inject]
    private ThreadIssueLinkService Links { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private ILogger<SimilarItemsPanel> Logger { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        if (ItemId != _shownId)
        {
            _shownId = ItemId;
            _found = null;
            _duplicate = null;
            ResultMessage = null;
            await RefreshAsync();
        }
    }

    protected override async Task RefreshAsync()
    {
        _now = Time.GetUtcNow().UtcDateTime;
        try
        {
            var found = await Similar.FindForItemAsync(ItemId, Stopping);
            _duplicate = await DuplicateAsync(found);
            _found = found;
        }
        catch (System.Data.Common.DbException ex)
        {
            // A help beside the item, not the item: the pane stays usable and says what is missing.
            Logger.LogWarning(ex, "Similar questions of inbox item {ItemId} could not be read", ItemId);
            _found = SimilarItems.None;
            ShowResult(false, "Similar earlier questions could not be read from the search index.");
        }
    }

    // Computed once when the item opens; a change elsewhere does not move the list under the reader's eyes.
    protected override bool Wants(Change change) => false;

    /// <summary>The best suggestion from the other source that is probably the same problem and not linked yet.</summary>
    private async Task<SimilarItem?> DuplicateAsync(SimilarItems found)
    {
        if (ThreadId is { } threadId)
        {
            var issue = found.Items.Where(i => i.Kind == SimilarItemKind.GitHubIssue && i.Similarity >= SimilarItemsService.DuplicateSimilarity)
                .OrderByDescending(i => i.Similarity).FirstOrDefault();
            if (issue is null)
            {
                return null;
            }

            var linked = await Links.GetThreadLinksAsync(threadId, Stopping);
            return linked.Any(l => l.Key == issue.IssueKey) ? null : issue;
        }

        if (IssueRepository is not null && IssueNumber is { } number)
        {
            var candidates = found.Items.Where(i => i.ThreadId is not null && i.Similarity >= SimilarItemsService.DuplicateSimilarity)
                .OrderByDescending(i => i.Similarity).ToList();
            if (candidates.Count == 0)
            {
                return null;
            }

            var states = await Links.GetIssueStatesAsync(candidates.Select(c => c.ThreadId!.Value), Stopping);
            return candidates.FirstOrDefault(c => !(states.GetValueOrDefault(c.ThreadId!.Value) ?? [])
                .Any(l => l.Repository == IssueRepository && l.Number == number));
        }

        return null;
    }

    private string DuplicateText(SimilarItem duplicate) => duplicate.Kind == SimilarItemKind.GitHubIssue
        ? $"Probably the same as {duplicate.IssueKey} — link? The link is posted in the thread and the thread closes."
        : $"Probably asked in Slack too: \"{Core.Inbox.SupportThread.FirstLineOf(duplicate.Title, 60)}\" — link? The link is posted in that thread and it closes.";

    private async Task LinkDuplicateAsync(SimilarItem duplicate)
    {
        long threadId;
        string repository;
        int number;
        if (duplicate.Kind == SimilarItemKind.GitHubIssue && ThreadId is { } thread && GitHubIssueKeys.TryParse(duplicate.IssueKey, out repository, out number))
        {
            threadId = thread;
        }
        else if (duplicate.ThreadId is { } similarThread && IssueRepository is not null && IssueNumber is { } issueNumber)
        {
            (threadId, repository, number) = (similarThread, IssueRepository, issueNumber);
        }
        else
        {
            return;
        }

        if ((await RunActionAsync(actor => Links.LinkExistingIssueAsync(threadId, repository, number, actor, Stopping),
                $"Linked to {repository}#{number}: the link is posted in the thread and the thread is closed."))?.Succeeded == true)
        {
            _duplicate = null;
        }
    }

    private async Task InsertAsync(SimilarItem item)
    {
        if (item.Answer is not { } answer)
        {
            return;
        }

        var where = answer.HtmlUrl ?? (answer.ChannelId is not null && answer.Ts is not null
            ? await Slack.PermalinkAsync(answer.ChannelId, answer.Ts, Stopping)
            : item.HtmlUrl);
        await OnInsertAnswer.InvokeAsync(EarlierAnswer.Compose(answer.Text, where));
    }

    private static string Href(SimilarItem item) =>
        item.InboxItemId is { } id ? $"/inbox/{id}" : item.HtmlUrl ?? $"/github/threads/{item.ThreadId}";

    private static string Label(SimilarItem item) => item.IssueKey is { } key ? $"{key}: {item.Title}" : item.Title;
}
