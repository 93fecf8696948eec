using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Notifications;
using CommunitySuccess.Core.Review;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace CommunitySuccess.Web.Components.Pages.Review;

public sealed partial class ReviewPage
{
    private const string ToDecideZone = "to-decide";
    private const string SprintZone = "sprint";
    private const string CommunityZone = "community";
    private const string ContributionZone = "contribution";

    private static readonly (string Zone, string Title)[] Columns =
    [
        (ToDecideZone, "To decide"), (SprintZone, "Sprint task"), (CommunityZone, "Community backlog"), (ContributionZone, "Open to contribution"),
    ];

    private ReviewBoard _board = new([], [], []);
    private MudDropContainer<BoardCard>? _container;
    private List<BoardCard> _cards = [];
    private IReadOnlyList<ReviewWeek> _history = [];
    private bool _mayDecide;
    private string? _message;
    private bool _messageIsError;

    [Inject]
    private ReviewService Reviews { get; set; } = default!;

    [Inject]
    private ChangeNotifier Notifier { get; set; } = default!;

    [Inject]
    private IOptionsMonitor<GitHubOptions> GitHub { get; set; } = default!;

    [Inject]
    private CommunitySuccess.Web.Accounts.CurrentUserAccessor Me { get; set; } = default!;

    private string ProductReviewLabel => GitHub.CurrentValue.Labels.ProductReview;

    protected override async Task OnInitializedAsync()
    {
        _mayDecide = ReviewService.MayDecide((await Me.GetAsync(CancellationToken.None)).Roles);
        await LoadAsync();
        Notifier.Changed += OnChanged;
    }

    public void Dispose() => Notifier.Changed -= OnChanged;

    private void OnChanged(Change change)
    {
        if (change.Area == ChangeArea.GitHub)
        {
            _ = InvokeAsync(async () =>
            {
                await LoadAsync();
                StateHasChanged();
            });
        }
    }

    private async Task LoadAsync()
    {
        _board = await Reviews.GetBoardAsync(CancellationToken.None);
        _history = await Reviews.GetHistoryAsync(8, CancellationToken.None);
        _cards =
        [
            .. _board.ToDecide.Select(i => new BoardCard(ToDecideZone, i.IssueId, i.Key, i.Title, $"{i.AuthorLogin} · {i.Reactions} reactions{(i.AskedBy > 0 ? $" · asked by {i.AskedBy} {(i.AskedBy == 1 ? "user" : "users")} in Slack" : "")}", i.HtmlUrl, null)),
            .. _board.ThisWeek.SelectMany(DecisionCards),
        ];
        // The drop container caches its zones' items: tell it the list changed.
        _container?.Refresh();
    }

    private static IEnumerable<BoardCard> DecisionCards(ReviewDecision d)
    {
        var url = $"https://github.com/{d.Repository}/issues/{d.Number}";
        if (d.Sprint)
        {
            yield return new BoardCard(SprintZone, null, d.Key, d.Title, d.DecidedAt.ToString("ddd HH:mm"), url, d.DecidedBy) { Note = d.Note };
        }

        if (d.CommunityBacklog)
        {
            yield return new BoardCard(CommunityZone, null, d.Key, d.Title, d.DecidedAt.ToString("ddd HH:mm"), url, d.DecidedBy) { Note = d.Note };
        }

        if (d.OpenToContribution)
        {
            yield return new BoardCard(ContributionZone, null, d.Key, d.Title, d.DecidedAt.ToString("ddd HH:mm"), url, d.DecidedBy) { Note = d.Note };
        }
    }

    private async Task OnDroppedAsync(MudItemDropInfo<BoardCard> drop)
    {
        if (drop.Item is not { IssueId: not null } card)
        {
            return;
        }

        card.Sprint = drop.DropzoneIdentifier == SprintZone;
        card.Community = drop.DropzoneIdentifier == CommunityZone;
        card.Contribution = drop.DropzoneIdentifier == ContributionZone;
        await DecideAsync(card);
    }

    private async Task DecideAsync(BoardCard card)
    {
        // Who decides is read now, not when the board loaded: a role removed meanwhile is refused by the service.
        var me = await Me.GetAsync(CancellationToken.None);
        var result = await Reviews.DecideAsync(card.IssueId!.Value, new ReviewOutcome(card.Sprint, card.Community, card.Contribution),
            card.Note, card.PostComment, me.Actor, me.Roles, CancellationToken.None);
        _messageIsError = !result.Succeeded;
        _message = result.Succeeded ? $"{card.Key} decided; the labels are on their way to GitHub." : result.Error;
        await LoadAsync();
    }

    private static string Outcome(ReviewDecision d) => ReviewService.Describe(d);

    /// <summary>A card on the board; the checkboxes and note are the decision being prepared.</summary>
    private sealed class BoardCard(string zone, long? issueId, string key, string title, string subtitle, string url, string? decidedBy)
    {
        public string Zone { get; set; } = zone;
        public long? IssueId { get; } = issueId;
        public string Key { get; } = key;
        public string Title { get; } = title;
        public string Subtitle { get; } = subtitle;
        public string Url { get; } = url;
        public string? DecidedBy { get; } = decidedBy;
        public bool Sprint { get; set; }
        public bool Community { get; set; }
        public bool Contribution { get; set; }
        public string? Note { get; set; }
        public bool PostComment { get; set; }
    }
}
