using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.SlackMarkup;
using CommunitySuccess.Core.Team;
using Microsoft.EntityFrameworkCore;

namespace CommunitySuccess.Core.Search;

/// <summary>
/// "Search first", done for the engineer: for an inbox item (a Slack thread or a GitHub issue), up to
/// <see cref="MaxItems"/> earlier threads and issues about the same problem. The question's distinctive terms
/// (<see cref="QuestionTerms"/>: identifiers, error lines and rare words weigh most, greetings and common words never count)
/// are weighed by their rarity in the full-text index, the index finds candidates holding any of them, and each candidate
/// is scored here — the same way on SQLite and PostgreSQL — by how much of the question's weight it covers. Those above
/// <see cref="MinSimilarity"/> and close to the best one (<see cref="MinShareOfBest"/>) are kept, resolved ones (a Closed
/// thread the team answered, a closed issue) first.
/// </summary>
public sealed class SimilarItemsService(
    ISearchIndex index,
    IDbContextFactory<AppDbContext> dbFactory,
    InboxItemLookup items,
    TeamService team)
{
    /// <summary>At most this many suggestions.</summary>
    public const int MaxItems = 5;

    /// <summary>Below this share of the question's weight a candidate is a coincidence, not the same problem (tuned on the
    /// quality corpus in the tests; see the README's figures).</summary>
    public const double MinSimilarity = 0.3;

    /// <summary>A candidate under this share of the best one's similarity is noise beside it, resolved or not.</summary>
    public const double MinShareOfBest = 0.6;

    /// <summary>From this share on, a GitHub issue and a thread are probably the same problem: the pane offers to link them.</summary>
    public const double DuplicateSimilarity = 0.45;

    /// <summary>The index counts a term's documents up to this many per table (a common word costs no more than a rare one);
    /// a term reaching it is common: it still weighs (a little), and finds candidates only when the question has no rarer term.</summary>
    public const int CommonTermCap = 200;

    /// <summary>The weightiest terms that find candidates.</summary>
    public const int MaxQueryTerms = 12;

    /// <summary>How many of a question's common terms must be found together when it has no rarer one.</summary>
    public const int CommonTermsTogether = 3;

    /// <summary>Candidates re-scored per question.</summary>
    public const int CandidateLimit = 30;

    private const int ExcerptLines = 3;
    private const int ExcerptLength = 280;

    /// <summary>The similar earlier threads and issues of an inbox item; none when the item does not exist.</summary>
    public async Task<SimilarItems> FindForItemAsync(long inboxItemId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var item = await db.Set<InboxItem>().AsNoTracking().Where(i => i.Id == inboxItemId)
            .Select(i => new { i.Source, i.ThreadId, i.Location, i.Number, i.CreatedAt }).FirstOrDefaultAsync(cancellationToken);
        if (item is null)
        {
            return SimilarItems.None;
        }

        if (item.Source == InboxSource.Slack && item.ThreadId is { } threadId)
        {
            var text = await db.Set<SupportThread>().AsNoTracking().Where(t => t.Id == threadId).Select(t => t.Text).FirstOrDefaultAsync(cancellationToken);
            return await FindAsync(text ?? "", item.CreatedAt, new SimilarCandidate(threadId, null, null), cancellationToken);
        }

        var issue = await db.Set<GitHubIssue>().AsNoTracking().Where(i => i.Repository == item.Location && i.Number == item.Number)
            .Select(i => new { i.Title, i.Body }).FirstOrDefaultAsync(cancellationToken);
        return issue is null
            ? SimilarItems.None
            : await FindAsync(issue.Title + "\n" + issue.Body, item.CreatedAt, new SimilarCandidate(null, item.Location, item.Number), cancellationToken, laterThreadsToo: true);
    }

    /// <summary>
    /// The threads and issues created before <paramref name="before"/> most like <paramref name="question"/>, leaving out
    /// <paramref name="self"/> (the item the question comes from). With <paramref name="laterThreadsToo"/> (for an issue),
    /// Slack threads asked after it count too: people asking about a filed issue are its duplicates to link.
    /// </summary>
    public async Task<SimilarItems> FindAsync(string question, DateTime before, SimilarCandidate? self, CancellationToken cancellationToken, bool laterThreadsToo = false)
    {
        var extracted = QuestionTerms.Extract(question);
        if (extracted.Count == 0)
        {
            return SimilarItems.None;
        }

        var counts = await index.CountTermsAsync([.. extracted.Select(t => t.Term)], CommonTermCap, cancellationToken);
        var weighted = QuestionTerms.Weigh(extracted, counts.Frequencies, counts.Documents, CommonTermCap);
        // Rare terms find the candidates, ranked. Without any, the weightiest common terms together find the newest items
        // holding all of them: ranking common terms would walk all their matches, and any one of them would find everything.
        var rare = weighted.Where(t => !t.IsCommon).Take(MaxQueryTerms).Select(t => t.Term).ToList();
        var (finding, match) = rare.Count > 0
            ? (rare, CandidateMatch.AnyTerm)
            : (weighted.Take(CommonTermsTogether).Select(t => t.Term).ToList(), CandidateMatch.AllTerms);
        if (finding.Count == 0)
        {
            return new SimilarItems([], weighted);
        }

        var candidates = (await index.FindCandidatesAsync(finding, match, CandidateLimit, cancellationToken)).Where(c => c != self).ToList();
        var loaded = await LoadAsync(candidates, cancellationToken);
        var found = new List<SimilarItem>();
        foreach (var candidate in loaded.Where(c => c.CreatedAt < before || (laterThreadsToo && c.Item.Kind == SimilarItemKind.SlackThread)))
        {
            var similarity = QuestionTerms.Coverage(weighted, candidate.QuestionTokens, candidate.ConversationTokens);
            if (similarity >= MinSimilarity)
            {
                var shared = weighted.Where(t => candidate.QuestionTokens.Contains(QuestionTerms.Fold(t.Term)) || candidate.ConversationTokens.Contains(QuestionTerms.Fold(t.Term)))
                    .Select(t => t.Term).Take(6).ToList();
                found.Add(candidate.Item with { Similarity = similarity, SharedTerms = shared });
            }
        }

        var floor = found.Count == 0 ? 0 : found.Max(f => f.Similarity) * MinShareOfBest;
        var best = found.Where(f => f.Similarity >= floor).OrderByDescending(f => f.IsResolved).ThenByDescending(f => f.Similarity).ThenByDescending(f => f.CreatedAt).Take(MaxItems).ToList();
        var ids = await items.FindAsync(
            [.. best.Select(b => b.ThreadId).OfType<long>()], [.. best.Select(b => b.IssueKey).OfType<string>()], cancellationToken);
        return new SimilarItems([.. best.Select(b => b with { InboxItemId = ids.Of(b.ThreadId, b.IssueKey) })], weighted);
    }

    /// <summary>The first lines of an answer as plain text, for the list.</summary>
    public static string Excerpt(string plain)
    {
        ArgumentNullException.ThrowIfNull(plain);
        var lines = plain.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("```", StringComparison.Ordinal)).Take(ExcerptLines);
        var text = string.Join("\n", lines);
        return text.Length <= ExcerptLength ? text : string.Concat(text.AsSpan(0, ExcerptLength - 1), "…");
    }

    private async Task<IReadOnlyList<LoadedCandidate>> LoadAsync(IReadOnlyList<SimilarCandidate> candidates, CancellationToken cancellationToken)
    {
        var loaded = new List<LoadedCandidate>();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var threadIds = candidates.Select(c => c.ThreadId).OfType<long>().ToList();
        if (threadIds.Count > 0)
        {
            var threads = await db.Set<SupportThread>().AsNoTracking().Where(t => threadIds.Contains(t.Id))
                .Select(t => new { t.Id, t.ChannelId, t.Ts, t.Text, t.Status, t.CreatedAt }).ToListAsync(cancellationToken);
            var messages = (await db.Set<ThreadMessage>().AsNoTracking().Where(m => threadIds.Contains(m.ThreadId) && !m.IsDeleted)
                    .Select(m => new { m.ThreadId, m.Ts, m.Text, m.IsTeam, m.SentAt }).ToListAsync(cancellationToken))
                .ToLookup(m => m.ThreadId);
            foreach (var thread in threads)
            {
                var replies = messages[thread.Id].Where(m => m.Ts != thread.Ts).OrderBy(m => m.SentAt).ToList();
                var answer = replies.LastOrDefault(m => m.IsTeam);
                var resolved = thread.Status == ThreadStatus.Closed && answer is not null;
                var item = new SimilarItem(SimilarItemKind.SlackThread, SupportThread.FirstLineOf(SlackText.ToPlain(thread.Text)), thread.Status.ToDisplayName(),
                    resolved, thread.CreatedAt, 0, null, thread.Id, thread.ChannelId, thread.Ts, null, null,
                    answer is null ? null : new SimilarAnswer(answer.Text, Excerpt(SlackText.ToPlain(answer.Text)), answer.SentAt, thread.ChannelId, answer.Ts, null),
                    []);
                loaded.Add(new LoadedCandidate(item, thread.CreatedAt, QuestionTerms.TokenSet(SlackText.ToPlain(thread.Text)),
                    QuestionTerms.TokenSet(string.Join("\n", replies.Select(r => r.Text)))));
            }
        }

        var issueKeys = candidates.Where(c => c.Repository is not null).Select(c => (c.Repository!, c.Number!.Value)).ToHashSet();
        if (issueKeys.Count > 0)
        {
            var repositories = issueKeys.Select(k => k.Item1).Distinct().ToList();
            var numbers = issueKeys.Select(k => k.Item2).Distinct().ToList();
            var issues = (await db.Set<GitHubIssue>().AsNoTracking().Where(i => repositories.Contains(i.Repository) && numbers.Contains(i.Number))
                    .Select(i => new { i.Repository, i.Number, i.Title, i.Body, i.State, i.StateReason, i.CreatedAt, i.ClosedAt, i.HtmlUrl }).ToListAsync(cancellationToken))
                .Where(i => issueKeys.Contains((i.Repository, i.Number))).ToList();
            var comments = (await db.Set<GitHubComment>().AsNoTracking().Where(c => repositories.Contains(c.Repository) && numbers.Contains(c.IssueNumber))
                    .Select(c => new { c.Repository, c.IssueNumber, c.AuthorLogin, c.Body, c.CreatedAt, c.HtmlUrl }).ToListAsync(cancellationToken))
                .ToLookup(c => (c.Repository, c.IssueNumber));
            var directory = await team.GetDirectoryAsync(cancellationToken);
            foreach (var issue in issues)
            {
                var thread = comments[(issue.Repository, issue.Number)].OrderBy(c => c.CreatedAt).ToList();
                var closed = issue.State == "closed";
                // The closing comment (the last one up to the close, the team's if they spoke), else the team's last word.
                var answer = closed
                    ? thread.LastOrDefault(c => c.CreatedAt <= (issue.ClosedAt ?? DateTime.MaxValue) && directory.IsTeamGitHubLogin(c.AuthorLogin))
                        ?? thread.LastOrDefault(c => c.CreatedAt <= (issue.ClosedAt ?? DateTime.MaxValue))
                    : thread.LastOrDefault(c => directory.IsTeamGitHubLogin(c.AuthorLogin));
                var status = !closed ? "Open" : issue.StateReason == "not_planned" ? "Closed as not planned" : "Closed";
                var key = $"{issue.Repository}#{issue.Number}";
                var item = new SimilarItem(SimilarItemKind.GitHubIssue, issue.Title, status, closed, issue.CreatedAt, 0, null, null, null, null, key, issue.HtmlUrl,
                    answer is null ? null : new SimilarAnswer(answer.Body, Excerpt(answer.Body), answer.CreatedAt, null, null, answer.HtmlUrl),
                    []);
                loaded.Add(new LoadedCandidate(item, issue.CreatedAt, QuestionTerms.TokenSet(issue.Title + "\n" + issue.Body),
                    QuestionTerms.TokenSet(string.Join("\n", thread.Select(c => c.Body)))));
            }
        }

        return loaded;
    }

    private sealed record LoadedCandidate(SimilarItem Item, DateTime CreatedAt, IReadOnlySet<string> QuestionTokens, IReadOnlySet<string> ConversationTokens);
}
