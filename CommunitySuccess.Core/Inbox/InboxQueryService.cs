using System.Text.Json;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Core.SlackMarkup;
using CommunitySuccess.Core.Team;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.Inbox;

/// <summary>
/// What the inbox page reads: one page of a view in one order, the views' counts, and one thread in full.
/// Every list query is a range of an index on stored fields (see <see cref="SupportThreadConfiguration"/>) with
/// server-side paging; "Awake first" is three such ranges read one after the other.
/// </summary>
public sealed class InboxQueryService(
    IDbContextFactory<AppDbContext> dbFactory,
    IChannelDirectory channelDirectory,
    TeamService team,
    OutboxService outbox,
    IOptionsMonitor<InboxOptions> options,
    TimeProvider time)
{
    private readonly InboxCountsCache _counts = new();

    /// <summary>The largest page a caller may ask for.</summary>
    public const int MaxPageSize = 200;

    /// <summary>Stands in for "no waiting time" in COALESCE (see <see cref="AwakeFirstSegments"/>).</summary>
    private static readonly DateTime NotWaiting = DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc);
    private const int FirstLineMaxLength = 140;
    private static readonly TimeSpan ZonesFreshFor = TimeSpan.FromMinutes(1);

    private volatile ZoneList? _zones;

    /// <summary>One page of <paramref name="view"/> in <paramref name="order"/>, both sources, and the view's total.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative <paramref name="skip"/> or a page size outside 1–<see cref="MaxPageSize"/>.</exception>
    public Task<InboxListPage> GetPageAsync(InboxView view, InboxOrder order, int skip, int take, CancellationToken cancellationToken) =>
        GetPageAsync(view, order, InboxSourceFilter.All, skip, take, cancellationToken);

    /// <summary>One page of <paramref name="view"/> in <paramref name="order"/> from <paramref name="source"/>, and the view's total.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative <paramref name="skip"/> or a page size outside 1–<see cref="MaxPageSize"/>.</exception>
    public async Task<InboxListPage> GetPageAsync(
        InboxView view, InboxOrder order, InboxSourceFilter source, int skip, int take, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfLessThan(take, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(take, MaxPageSize);

        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var items = FromSource(db.Set<InboxItem>().AsNoTracking(), source);
        var total = (await GetCountsAsync(source, cancellationToken))[view];
        IReadOnlyList<IQueryable<InboxItem>> segments = order switch
        {
            InboxOrder.Oldest => [Filter(items, view).OrderBy(t => t.CreatedAt).ThenBy(t => t.Id)],
            InboxOrder.Newest => [Filter(items, view).OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)],
            _ => AwakeFirstSegments(items, view, await AwakeZonesAsync(db.Set<InboxItem>().AsNoTracking(), now, cancellationToken)),
        };

        var rows = new List<RowData>(Math.Min(take, total));
        for (var i = 0; i < segments.Count && take > 0; i++)
        {
            var segment = segments[i];
            // The last range needs no count: whatever is left to skip is skipped inside it.
            if (skip > 0 && i < segments.Count - 1)
            {
                var count = await segment.CountAsync(cancellationToken);
                if (skip >= count)
                {
                    skip -= count;
                    continue;
                }
            }

            var page = await Project(segment.Skip(skip).Take(take)).ToListAsync(cancellationToken);
            rows.AddRange(page);
            take -= page.Count;
            skip = 0;
        }

        return new InboxListPage(await ToRowsAsync(db, rows, now, cancellationToken), total);
    }

    /// <summary>How many items (both sources) each view holds, and how many wait for the team.</summary>
    public Task<InboxCounts> GetCountsAsync(CancellationToken cancellationToken) => GetCountsAsync(InboxSourceFilter.All, cancellationToken);

    /// <summary>How many items of <paramref name="source"/> each view holds, and how many wait for the team.</summary>
    /// <remarks>Counted once after each change the notifier reports and kept until the next, so that a page load costs
    /// no count (counting 70,000 rows per request measured 100+ ms on a busy 2-core machine).</remarks>
    public Task<InboxCounts> GetCountsAsync(InboxSourceFilter source, CancellationToken cancellationToken) =>
        _counts.GetAsync(source, ct => CountAsync(source, ct), cancellationToken);

    private async Task<InboxCounts> CountAsync(InboxSourceFilter source, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var items = FromSource(db.Set<InboxItem>().AsNoTracking(), source);

        // One pass over the narrow (Source, Status, IsNotSupport) index gives every status count.
        var perStatus = await items.GroupBy(t => new { t.Status, t.IsNotSupport })
            .Select(g => new { g.Key.Status, g.Key.IsNotSupport, Count = g.Count() })
            .ToListAsync(cancellationToken);
        int Of(ThreadStatus status) => perStatus.Where(g => g.Status == status && !g.IsNotSupport).Sum(g => g.Count);

        var views = new Dictionary<InboxView, int>
        {
            [InboxView.All] = Of(ThreadStatus.Open) + Of(ThreadStatus.InProgress) + Of(ThreadStatus.OnHold),
            [InboxView.Open] = Of(ThreadStatus.Open),
            [InboxView.InProgress] = Of(ThreadStatus.InProgress),
            [InboxView.OnHold] = Of(ThreadStatus.OnHold),
            [InboxView.Closed] = Of(ThreadStatus.Closed),
            [InboxView.NeedsFollowUp] = await Filter(items, InboxView.NeedsFollowUp).CountAsync(cancellationToken),
            [InboxView.ReferredToProduct] = await Filter(items, InboxView.ReferredToProduct).CountAsync(cancellationToken),
            [InboxView.NotSupport] = perStatus.Where(g => g.IsNotSupport).Sum(g => g.Count),
        };
        var waiting = await items.CountAsync(t => t.WaitingForTeamSince != null, cancellationToken);
        return new InboxCounts(waiting, views);
    }

    /// <summary>Items of both sources waiting for the team (PRODUCT.md: not Closed, not On Hold, the asker spoke last).</summary>
    public async Task<int> CountWaitingAsync(CancellationToken cancellationToken) =>
        (await GetCountsAsync(InboxSourceFilter.All, cancellationToken)).WaitingForTeam;

    /// <summary>The inbox row of one item; null when there is no such item.</summary>
    public async Task<InboxRow?> GetRowAsync(long itemId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await Project(db.Set<InboxItem>().AsNoTracking().Where(i => i.Id == itemId)).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : (await ToRowsAsync(db, [row], now, cancellationToken))[0];
    }

    /// <summary>A GitHub item's row, its On Hold reason and its status history; null when there is no such item.</summary>
    public async Task<IssueItemDetail?> GetIssueItemAsync(long itemId, CancellationToken cancellationToken)
    {
        var row = await GetRowAsync(itemId, cancellationToken);
        if (row is not { Source: InboxSource.GitHub })
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var history = await db.Set<InboxItemStatusChange>().AsNoTracking().Where(c => c.ItemId == itemId)
            .OrderBy(c => c.At).ThenBy(c => c.Id)
            .Select(c => new IssueItemStatusChangeView(c.From, c.To, c.At, c.Reason, c.By, c.Note))
            .ToListAsync(cancellationToken);
        var onHoldNote = row.Status == ThreadStatus.OnHold ? history.LastOrDefault(h => h.Note is not null)?.Note : null;
        return new IssueItemDetail(row, onHoldNote, history);
    }

    /// <summary>One thread in full for the pane; null when there is no such thread.</summary>
    public async Task<ThreadDetail?> GetThreadAsync(long threadId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await Project(db.Set<InboxItem>().AsNoTracking().Where(i => i.ThreadId == threadId)).FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var thread = await db.Set<SupportThread>().AsNoTracking()
            .Where(t => t.Id == threadId)
            .Select(t => new { t.Ts, t.ChannelId, t.ReferredToProductNote, t.ReferredToProductAt })
            .FirstAsync(cancellationToken);
        var messages = await db.Set<ThreadMessage>().AsNoTracking().Where(m => m.ThreadId == threadId)
            .OrderBy(m => m.SentAt).ThenBy(m => m.Id).ToListAsync(cancellationToken);
        var notes = await db.Set<ThreadNote>().AsNoTracking().Where(n => n.ThreadId == threadId)
            .OrderBy(n => n.At).ThenBy(n => n.Id)
            .Select(n => new ThreadNoteView(n.Id, n.Author, n.At, n.Text, n.Kind, n.AlsoPostedToThread))
            .ToListAsync(cancellationToken);
        var history = await db.Set<ThreadStatusChange>().AsNoTracking().Where(c => c.ThreadId == threadId)
            .OrderBy(c => c.At).ThenBy(c => c.Id)
            .Select(c => new ThreadStatusChangeView(c.From, c.To, c.At, c.Reason, c.ByAppUser ?? c.BySlackUserId))
            .ToListAsync(cancellationToken);
        var writes = await outbox.ListForThreadAsync(threadId, cancellationToken);
        var directory = await team.GetDirectoryAsync(cancellationToken);

        var userIds = messages.Select(m => m.UserId).OfType<string>()
            .Concat(messages.SelectMany(m => SlackMrkdwn.MentionedUsers(m.Text)))
            .Concat(history.Select(h => h.By).OfType<string>())
            .Append(row.AuthorId);
        var profiles = await ProfilesAsync(db, userIds, cancellationToken);
        var postChannels = writes.Where(w => w.Kind == OutboxKinds.SlackPostMessage).Select(w => OutboxService.Payload<SlackPostPayload>(w).Channel);
        var channels = await channelDirectory.ChannelNamesAsync(
            messages.SelectMany(m => SlackMrkdwn.MentionedChannels(m.Text)).Concat(postChannels).Append(thread.ChannelId), cancellationToken);
        var names = new SlackNames(profiles.ToDictionary(p => p.Key, p => p.Value.ShownName, StringComparer.Ordinal), channels);
        if (directory.BotUserId is { } botUserId && !names.Users.ContainsKey(botUserId))
        {
            names = names with { Users = new Dictionary<string, string>(names.Users, StringComparer.Ordinal) { [botUserId] = "CommunitySuccess" } };
        }

        var rowView = (await ToRowsAsync(db, [row], now, cancellationToken))[0];
        var writesById = writes.ToDictionary(w => w.Id);
        var posts = writes.Where(w => w.Kind == OutboxKinds.SlackPostMessage)
            .Select(w => (Row: w, Post: OutboxService.Payload<SlackPostPayload>(w)))
            .Where(p => p.Post.Channel == thread.ChannelId && p.Post.ThreadTs == thread.Ts)
            .ToList();
        var edits = writes.Where(w => w.Kind is OutboxKinds.SlackUpdateMessage or OutboxKinds.SlackDeleteMessage && w.Status != OutboxStatus.Sent)
            .Select(w => (Row: w, Edit: OutboxService.Payload<SlackMessageEditPayload>(w)))
            .ToList();

        var messageViews = messages.Select(m =>
        {
            var isOurBot = directory.IsOurBot(m.UserId, m.BotId);
            var profile = m.UserId is not null ? profiles.GetValueOrDefault(m.UserId) : null;
            var author = isOurBot
                ? m.Username ?? "CommunitySuccess"
                : profile?.ShownName ?? m.Username ?? m.UserId ?? "Unknown";
            var sent = m.OutboxId is { } outboxId && writesById.TryGetValue(outboxId, out var post) ? post : null;
            var postedBy = sent?.CreatedBy;
            var pending = edits.LastOrDefault(e => e.Edit.Ts == m.Ts);
            return new ThreadMessageView(
                m.Id, m.Ts, m.UserId, author, isOurBot ? null : profile?.AvatarUrl, m.IsTeam, m.Ts == thread.Ts,
                SlackMrkdwn.ToHtml(m.Text, names), m.Text, m.SentAt, m.EditedAt, m.IsDeleted, Files(m.FilesJson), m.OutboxId, postedBy,
                pending.Row is null ? null : new PendingReplyChange(pending.Row.Id, pending.Row.Kind == OutboxKinds.SlackDeleteMessage, pending.Row.Status, pending.Row.LastError))
            {
                PostedByUserId = sent?.CreatedByUserId,
            };
        }).ToList();

        var linked = messages.Where(m => m.OutboxId is not null).Select(m => m.OutboxId!.Value).ToHashSet();
        var storedTs = messages.Select(m => m.Ts).ToHashSet(StringComparer.Ordinal);
        var inFlight = posts
            .Where(p => !linked.Contains(p.Row.Id) && !(p.Row.ResultRef is { } ts && storedTs.Contains(ts)))
            .Select(p => new ReplyInFlight(p.Row.Id, p.Post.Text, SlackMrkdwn.ToHtml(p.Post.Text, names), p.Row.Status, p.Row.LastError,
                p.Row.CreatedBy, p.Row.CreatedAt, p.Row.Attempts))
            .ToList();
        var postIds = posts.Select(p => p.Row.Id).ToHashSet();
        var otherWrites = writes.Where(w => !postIds.Contains(w.Id))
            .Select(w => new ThreadWriteView(w.Id, Describe(w, channels), w.Status, w.LastError, w.CreatedAt, w.CreatedBy))
            .ToList();

        var onHoldReason = row.Status == ThreadStatus.OnHold
            ? notes.LastOrDefault(n => n.Kind == ThreadNoteKind.OnHoldReason)?.Text
            : null;
        var inbox = options.CurrentValue;
        return new ThreadDetail(
            rowView,
            await channelDirectory.PermalinkAsync(thread.ChannelId, thread.Ts, cancellationToken),
            messageViews,
            inFlight,
            otherWrites,
            notes,
            history.Select(h => h with { By = h.By is { } by && profiles.TryGetValue(by, out var p) ? p.ShownName : h.By }).ToList(),
            onHoldReason,
            thread.ReferredToProductNote,
            thread.ReferredToProductAt,
            row.MessageCount > inbox.LongThreadMessages,
            inbox.CallBookingUrl);
    }

    /// <summary>The rows of one source, or of both.</summary>
    internal static IQueryable<InboxItem> FromSource(IQueryable<InboxItem> items, InboxSourceFilter source) => source switch
    {
        InboxSourceFilter.Slack => items.Where(i => i.Source == InboxSource.Slack),
        InboxSourceFilter.GitHub => items.Where(i => i.Source == InboxSource.GitHub),
        _ => items,
    };

    /// <summary>The rows of a view, in no particular order (filters only; the order is added by the caller).</summary>
    internal static IQueryable<InboxItem> Filter(IQueryable<InboxItem> items, InboxView view) => view switch
    {
        // Written exactly as the partial indexes' filters, so SQLite can use them.
        InboxView.All => items.Where(t => t.Status != ThreadStatus.Closed && !t.IsNotSupport),
        InboxView.Open => items.Where(t => t.Status == ThreadStatus.Open && !t.IsNotSupport),
        InboxView.InProgress => items.Where(t => t.Status == ThreadStatus.InProgress && !t.IsNotSupport),
        InboxView.OnHold => items.Where(t => t.Status == ThreadStatus.OnHold && !t.IsNotSupport),
        InboxView.Closed => items.Where(t => t.Status == ThreadStatus.Closed && !t.IsNotSupport),
        InboxView.NeedsFollowUp => items.Where(t => t.NeedsFollowUp && !t.IsNotSupport),
        InboxView.ReferredToProduct => items.Where(t => t.ReferredToProduct && !t.IsNotSupport),
        InboxView.NotSupport => items.Where(t => t.IsNotSupport),
        _ => throw new ArgumentOutOfRangeException(nameof(view), view, "Unknown inbox view."),
    };

    /// <summary>
    /// "Awake first" as ordered ranges: waiting for the team with the asker in working hours, longest wait first;
    /// then waiting with an unknown time zone (GitHub authors the team has not linked to a Slack user); then waiting
    /// with the asker outside working hours; then the rest of the view, oldest first.
    /// </summary>
    internal static IReadOnlyList<IQueryable<InboxItem>> AwakeFirstSegments(
        IQueryable<InboxItem> items, InboxView view, IReadOnlyList<string> awakeZones)
    {
        // Waiting implies Open or In Progress and a support item, so only these views can have waiting rows.
        // Small views are read through their own partial index: their waiting test is written so that the
        // planner cannot prefer the (much larger) WaitingForTeamSince index for it.
        IQueryable<InboxItem>? waiting = view switch
        {
            InboxView.All => items.Where(t => t.WaitingForTeamSince != null),
            InboxView.Open => items.Where(t => t.Status == ThreadStatus.Open && t.WaitingForTeamSince != null),
            InboxView.InProgress => items.Where(t => t.Status == ThreadStatus.InProgress && t.WaitingForTeamSince != null),
            InboxView.NeedsFollowUp or InboxView.ReferredToProduct =>
                Filter(items, view).Where(t => (t.WaitingForTeamSince ?? NotWaiting) != NotWaiting),
            _ => null,
        };

        // "Not waiting" reads WaitingForTeamSince through COALESCE on purpose: as "IS NULL" SQLite would walk that
        // index's null range (most of the table) instead of the view's own index in CreatedAt order.
        var rest = Filter(items, view).Where(t => (t.WaitingForTeamSince ?? NotWaiting) == NotWaiting)
            .OrderBy(t => t.CreatedAt).ThenBy(t => t.Id);
        if (waiting is null)
        {
            return [rest];
        }

        var zones = awakeZones.ToList();
        var awake = waiting.Where(t => t.AuthorTimeZone != null && zones.Contains(t.AuthorTimeZone));
        var unknown = waiting.Where(t => t.AuthorTimeZone == null);
        var asleep = waiting.Where(t => t.AuthorTimeZone != null && !zones.Contains(t.AuthorTimeZone));
        return view is InboxView.NeedsFollowUp or InboxView.ReferredToProduct
            ? [ByWait(awake, coalesce: true), ByWait(unknown, coalesce: true), ByWait(asleep, coalesce: true), rest]
            : [ByWait(awake, coalesce: false), ByWait(unknown, coalesce: false), ByWait(asleep, coalesce: false), rest];
    }

    private static IQueryable<InboxItem> ByWait(IQueryable<InboxItem> items, bool coalesce) => coalesce
        ? items.OrderBy(t => t.WaitingForTeamSince ?? NotWaiting).ThenBy(t => t.Id)
        : items.OrderBy(t => t.WaitingForTeamSince).ThenBy(t => t.Id);

    /// <summary>Time zones of waiting askers that are inside working hours now (the zone list is cached a minute).</summary>
    private async Task<IReadOnlyList<string>> AwakeZonesAsync(IQueryable<InboxItem> items, DateTime now, CancellationToken cancellationToken)
    {
        var zones = _zones;
        if (zones is null || now - zones.ReadAt > ZonesFreshFor || now < zones.ReadAt)
        {
            var list = await items.Where(t => t.WaitingForTeamSince != null && t.AuthorTimeZone != null)
                .Select(t => t.AuthorTimeZone!).Distinct().ToListAsync(cancellationToken);
            zones = new ZoneList(list, now);
            _zones = zones;
        }

        return WorkingHours.AwakeZones(zones.Zones, now);
    }

    private static IQueryable<RowData> Project(IQueryable<InboxItem> items) =>
        items.Select(t => new RowData(
            t.Id, t.Source, t.ThreadId, t.Location, t.Number, t.IsPullRequest, t.AuthorId, t.Preview, t.Labels, t.Status, t.StatusReason,
            t.CreatedAt, t.StatusChangedAt, t.LastActivityAt, t.WaitingForTeamSince, t.NeedsFollowUp, t.NewActivity, t.IsNotSupport,
            t.ReferredToProduct, t.MessageCount, t.AuthorTimeZone));

    private async Task<IReadOnlyList<InboxRow>> ToRowsAsync(AppDbContext db, IReadOnlyList<RowData> rows, DateTime now, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var slack = rows.Where(r => r.Source == InboxSource.Slack).ToList();
        var profiles = await ProfilesAsync(db, slack.Select(r => r.AuthorId).Concat(slack.SelectMany(r => SlackMrkdwn.MentionedUsers(r.Preview))), cancellationToken);
        var channels = slack.Count == 0
            ? new Dictionary<string, string>()
            : await channelDirectory.ChannelNamesAsync(slack.Select(r => r.Location), cancellationToken);
        var names = new SlackNames(profiles.ToDictionary(p => p.Key, p => p.Value.ShownName, StringComparer.Ordinal), channels);
        return rows.Select(r =>
        {
            var isSlack = r.Source == InboxSource.Slack;
            var profile = isSlack ? profiles.GetValueOrDefault(r.AuthorId) : null;
            var zone = r.AuthorTimeZone ?? profile?.TimeZone;
            var local = WorkingHours.LocalTime(zone, now);
            return new InboxRow(
                r.Id, r.Location, isSlack ? channels.GetValueOrDefault(r.Location, r.Location) : $"{r.Location}#{r.Number}", r.AuthorId,
                profile?.ShownName ?? r.AuthorId, profile?.AvatarUrl, isSlack ? FirstLine(r.Preview, names) : Shorten(r.Preview.Trim()), r.Status,
                r.CreatedAt, r.StatusChangedAt, r.LastActivityAt, r.WaitingForTeamSince, r.NeedsFollowUp, r.NewActivity, r.IsNotSupport,
                r.ReferredToProduct, r.MessageCount, zone, local, local is { } l && WorkingHours.IsInside(l))
            {
                Source = r.Source,
                ThreadId = r.ThreadId,
                Number = r.Number,
                IsPullRequest = r.IsPullRequest,
                Labels = r.Labels.Length == 0 ? [] : r.Labels.Split('\n'),
                StatusReason = r.StatusReason,
            };
        }).ToList();
    }

    private static async Task<Dictionary<string, SlackUserProfile>> ProfilesAsync(AppDbContext db, IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct(StringComparer.Ordinal).ToList();
        return await db.Set<SlackUserProfile>().AsNoTracking().Where(p => ids.Contains(p.SlackUserId))
            .ToDictionaryAsync(p => p.SlackUserId, StringComparer.Ordinal, cancellationToken);
    }

    private static string FirstLine(string text, SlackNames names)
    {
        var line = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        return Shorten(SlackMrkdwn.ToPlainText(line, names).Trim());
    }

    private static string Shorten(string line) =>
        line.Length <= FirstLineMaxLength ? line : string.Concat(line.AsSpan(0, FirstLineMaxLength - 1), "…");

    private static IReadOnlyList<ThreadFileLink> Files(string? filesJson)
    {
        if (string.IsNullOrEmpty(filesJson))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<StoredFile>>(filesJson)?
                .Select(f => new ThreadFileLink(
                    string.IsNullOrWhiteSpace(f.Title) ? f.Name ?? "file" : f.Title,
                    Uri.TryCreate(f.Permalink, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" ? uri.AbsoluteUri : null))
                .ToList() ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string Describe(OutboxMessage write, IReadOnlyDictionary<string, string> channels)
    {
        switch (write.Kind)
        {
            case OutboxKinds.SlackAddReaction:
                return $":{OutboxService.Payload<SlackReactionPayload>(write).Name}: on the question";
            case OutboxKinds.SlackRemoveReaction:
                return $"Remove :{OutboxService.Payload<SlackReactionPayload>(write).Name}:";
            case OutboxKinds.SlackUpdateMessage:
                return "Edit of a reply";
            case OutboxKinds.SlackDeleteMessage:
                return "Deletion of a reply";
            case OutboxKinds.SlackPostMessage:
                var post = OutboxService.Payload<SlackPostPayload>(write);
                return $"Post in #{channels.GetValueOrDefault(post.Channel, post.Channel)}";
            default:
                return write.Kind;
        }
    }

    private sealed record ZoneList(IReadOnlyList<string> Zones, DateTime ReadAt);

    private sealed record StoredFile(string? Name, string? Title, string? Permalink);

    private sealed record RowData(
        long Id,
        InboxSource Source,
        long? ThreadId,
        string Location,
        int? Number,
        bool IsPullRequest,
        string AuthorId,
        string Preview,
        string Labels,
        ThreadStatus Status,
        string? StatusReason,
        DateTime CreatedAt,
        DateTime StatusChangedAt,
        DateTime LastActivityAt,
        DateTime? WaitingForTeamSince,
        bool NeedsFollowUp,
        bool NewActivity,
        bool IsNotSupport,
        bool ReferredToProduct,
        int MessageCount,
        string? AuthorTimeZone);
}
