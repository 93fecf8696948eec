using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Inbox;
using Microsoft.EntityFrameworkCore;

namespace CommunitySuccess.Core.Insights;

/// <summary>
/// Loads the items created in a range with their status histories, On Hold notes and askers' names: one indexed query
/// each. Items come from the <c>(Source, Status, CreatedAt)</c> index (every source and status listed, so the range is
/// read as a handful of index seeks, never a scan); histories and notes are joined through their
/// <c>(ThreadId, At)</c> / <c>(ItemId, At)</c> indexes.
/// </summary>
public sealed class InsightsHistoryReader(IDbContextFactory<AppDbContext> dbFactory)
{
    private static readonly ThreadStatus[] AllStatuses = Enum.GetValues<ThreadStatus>();

    /// <summary>The items of <paramref name="sources"/> created in [<paramref name="from"/>, <paramref name="to"/>), support items only.</summary>
    public async Task<InsightsCohort> LoadAsync(IReadOnlyCollection<InboxSource> sources, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sourceList = sources.ToArray();
        var items = db.Set<InboxItem>().AsNoTracking()
            .Where(i => sourceList.Contains(i.Source) && AllStatuses.Contains(i.Status) && i.CreatedAt >= from && i.CreatedAt < to && !i.IsNotSupport);

        var rows = await items
            .Select(i => new { i.Id, i.Source, i.SourceKey, i.ThreadId, i.Location, i.AuthorId, i.AuthorTimeZone, i.CreatedAt, i.Preview })
            .ToListAsync(cancellationToken);

        var moves = new Dictionary<long, List<StatusMove>>();
        void Add(long itemId, StatusMove move)
        {
            if (!moves.TryGetValue(itemId, out var list))
            {
                moves[itemId] = list = [];
            }

            list.Add(move);
        }

        var notes = new List<(long ItemId, string Note)>();
        if (sourceList.Contains(InboxSource.Slack))
        {
            var threadMoves = await (
                from c in db.Set<ThreadStatusChange>().AsNoTracking()
                join i in items on c.ThreadId equals i.ThreadId
                select new { i.Id, c.At, c.From, c.To, c.Reason, By = c.BySlackUserId ?? c.ByAppUser }).ToListAsync(cancellationToken);
            foreach (var m in threadMoves)
            {
                Add(m.Id, new StatusMove(m.At, m.From, m.To, m.Reason, m.By));
            }

            var threadNotes = await (
                from n in db.Set<ThreadNote>().AsNoTracking()
                join i in items on n.ThreadId equals i.ThreadId
                where n.Kind == ThreadNoteKind.OnHoldReason
                select new { i.Id, n.Text }).ToListAsync(cancellationToken);
            notes.AddRange(threadNotes.Select(n => (n.Id, n.Text)));
        }

        if (sourceList.Contains(InboxSource.GitHub))
        {
            var issueMoves = await (
                from c in db.Set<InboxItemStatusChange>().AsNoTracking()
                join i in items on c.ItemId equals i.Id
                select new { i.Id, c.At, c.From, c.To, c.Reason, c.By, c.Note }).ToListAsync(cancellationToken);
            foreach (var m in issueMoves)
            {
                Add(m.Id, new StatusMove(m.At, m.From, m.To, m.Reason, m.By, m.Note));
                if (m.To == ThreadStatus.OnHold && !string.IsNullOrWhiteSpace(m.Note))
                {
                    notes.Add((m.Id, m.Note));
                }
            }
        }

        var slackAuthors = rows.Where(r => r.Source == InboxSource.Slack).Select(r => r.AuthorId).Distinct().ToList();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in slackAuthors.Chunk(500))
        {
            var profiles = await db.Set<SlackUserProfile>().AsNoTracking().Where(p => chunk.Contains(p.SlackUserId)).ToListAsync(cancellationToken);
            foreach (var profile in profiles)
            {
                names[profile.SlackUserId] = profile.ShownName;
            }
        }

        var histories = rows.Select(r => new ItemHistory(
            r.Id, r.Source, r.SourceKey, r.Location, r.AuthorId, r.AuthorTimeZone, r.CreatedAt,
            moves.TryGetValue(r.Id, out var list) ? list.OrderBy(m => m.At).ToList() : [],
            r.Preview)).ToList();
        return new InsightsCohort(histories, notes, names);
    }
}

/// <summary>What <see cref="InsightsHistoryReader"/> loads: the items with histories, their On Hold notes, and askers' Slack names by id.</summary>
public sealed record InsightsCohort(
    IReadOnlyList<ItemHistory> Items,
    IReadOnlyList<(long ItemId, string Note)> OnHoldNotes,
    IReadOnlyDictionary<string, string> AskerNames);
