namespace CommunitySuccess.Sandbox.GitHub;

/// <summary>
/// Writes a repository's history into the state without webhooks: items are declared with an age and a script of
/// later events, then created oldest first (so numbers and ids grow with time, as on GitHub) and their events
/// replayed in time order. Nothing lands in the future: an event past "now" is pulled back to a minute before it.
/// </summary>
internal sealed class GitHubSeedBuilder(GitHubState state, GhRepository repo, DateTimeOffset now)
{
    private readonly List<SeedItem> _items = [];
    private int _sequence;

    public DateTimeOffset Now { get; } = now;

    public SeedItem Issue(double daysAgo, string author, string title, string? body, params string[] labels)
    {
        var item = new SeedItem(this, _items.Count, Now.AddDays(-daysAgo), author, title, body, labels, pull: null);
        _items.Add(item);
        return item;
    }

    public SeedItem Pull(double daysAgo, string author, string title, string? body, SeedPull pull, params string[] labels)
    {
        var item = new SeedItem(this, _items.Count, Now.AddDays(-daysAgo), author, title, body, labels, pull);
        _items.Add(item);
        return item;
    }

    /// <summary>Creates every item and replays every event; returns the created issues by declaration.</summary>
    public IReadOnlyDictionary<SeedItem, GhIssue> Build()
    {
        var created = new Dictionary<SeedItem, GhIssue>();
        foreach (var item in _items.OrderBy(i => i.CreatedAt).ThenBy(i => i.Order))
        {
            var author = state.EnsureUser(item.Author);
            var pull = item.PullSpec is { } p
                ? state.NewPull(repo, author, p.HeadRef, p.Draft, p.Additions, p.Deletions, p.Files, item.CreatedAt)
                : null;
            var issue = state.CreateIssueCore(repo, author, item.Title, item.Body, item.Labels, [.. item.AssigneeLogins.Select(state.EnsureUser)], item.CreatedAt, pull);
            foreach (var reviewer in item.RequestedReviewers)
            {
                pull!.RequestedReviewers.Add(state.EnsureUser(reviewer));
            }

            foreach (var (content, count) in item.ReactionCounts)
            {
                issue.Reactions[content] = count;
            }

            created[item] = issue;
        }

        var events = _items.SelectMany(i => i.Events.Select(e => (Item: i, Event: e)))
            .OrderBy(x => x.Event.At)
            .ThenBy(x => x.Event.Sequence);
        foreach (var (item, e) in events)
        {
            e.Apply(state, repo, created[item], e.At);
        }

        return created;
    }

    internal DateTimeOffset Clamp(DateTimeOffset at) => at < Now.AddMinutes(-1) ? at : Now.AddMinutes(-1);

    internal int NextSequence() => ++_sequence;
}

/// <summary>How a seeded pull request's branch looks.</summary>
internal sealed record SeedPull(string HeadRef, int Additions, int Deletions, int Files, bool Draft = false);

internal sealed record SeedEvent(DateTimeOffset At, int Sequence, Action<GitHubState, GhRepository, GhIssue, DateTimeOffset> Apply);

/// <summary>One seeded issue or pull request and what happens to it afterwards (hours counted from its creation).</summary>
internal sealed class SeedItem(
    GitHubSeedBuilder builder,
    int order,
    DateTimeOffset createdAt,
    string author,
    string title,
    string? body,
    string[] labels,
    SeedPull? pull)
{
    public int Order { get; } = order;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public string Author { get; } = author;

    public string Title { get; } = title;

    public string? Body { get; } = body;

    public string[] Labels { get; } = labels;

    public SeedPull? PullSpec { get; } = pull;

    public List<string> AssigneeLogins { get; } = [];

    public List<string> RequestedReviewers { get; } = [];

    public List<(string Content, int Count)> ReactionCounts { get; } = [];

    public List<SeedEvent> Events { get; } = [];

    public SeedItem Comment(double hoursAfter, string login, string text) =>
        On(hoursAfter, (s, r, i, at) => s.AddCommentCore(r, i, s.EnsureUser(login), text, at));

    public SeedItem Close(double hoursAfter, string login, string reason = "completed") =>
        On(hoursAfter, (s, r, i, at) => s.SetStateCore(r, i, s.EnsureUser(login), "closed", reason, at));

    public SeedItem Merge(double hoursAfter, string login) =>
        On(hoursAfter, (s, r, i, at) => s.MergeCore(r, i, s.EnsureUser(login), at));

    public SeedItem Review(double hoursAfter, string login, string state, string? text) =>
        On(hoursAfter, (s, r, i, at) => s.AddReviewCore(r, i, s.EnsureUser(login), state, text, at));

    public SeedItem Label(double hoursAfter, string login, string label) =>
        On(hoursAfter, (s, r, i, at) => s.AddLabelCore(r, i, s.EnsureUser(login), label, at));

    public SeedItem Unlabel(double hoursAfter, string login, string label) =>
        On(hoursAfter, (s, r, i, at) => s.RemoveLabelCore(r, i, s.EnsureUser(login), label, at));

    public SeedItem Assign(params string[] logins)
    {
        AssigneeLogins.AddRange(logins);
        return this;
    }

    public SeedItem RequestReview(params string[] logins)
    {
        RequestedReviewers.AddRange(logins);
        return this;
    }

    public SeedItem React(string content, int count)
    {
        ReactionCounts.Add((content, count));
        return this;
    }

    private SeedItem On(double hoursAfter, Action<GitHubState, GhRepository, GhIssue, DateTimeOffset> apply)
    {
        Events.Add(new SeedEvent(builder.Clamp(CreatedAt.AddHours(hoursAfter)), builder.NextSequence(), apply));
        return this;
    }
}
