using System.Text.Json;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Core.Slack;
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
    SlackLookupService slackLookup,
    TeamService team,
    OutboxService outbox,
    IOptionsMonitor<InboxOptions> options,
    TimeProvider time)
{
    /// <summary>The largest page a caller may ask for.</summary>
    public const int MaxPageSize = 200;

    private const int PreviewChars = 400;

    /// <summary>Stands in for "no waiting time" in COALESCE (see <see cref="AwakeFirstSegments"/>).</summary>
    private static readonly DateTime NotWaiting = DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc);
    private const int FirstLineMaxLength = 140;
    private static readonly TimeSpan ZonesFreshFor = TimeSpan.FromMinutes(1);

    private volatile ZoneList? _zones;

    /// <summary>One page of <paramref name="view"/> in <paramref name="order"/>, and the view's total.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative <paramref name="skip"/> or a page size outside 1–<see cref="MaxPageSize"/>.</exception>
    public async Task<InboxListPage> GetPageAsync(InboxView view, InboxOrder order, int skip, int take, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfLessThan(take, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(take, MaxPageSize);

        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var threads = db.Set<SupportThread>().AsNoTracking();
        var total = await Filter(threads, view).CountAsync(cancellationToken);
        IReadOnlyList<IQueryable<SupportThread>> segments = order switch
        {
            InboxOrder.Oldest => [Filter(threads, view).OrderBy(t => t.CreatedAt).ThenBy(t => t.Id)],
            InboxOrder.Newest => [Filter(threads, view).OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)],
            _ => AwakeFirstSegments(threads, view, await AwakeZonesAsync(threads, now, cancellationToken)),
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

    /// <summary>How many threads each view holds, and how many wait for the team.</summary>
    public async Task<InboxCounts> GetCountsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var threads = db.Set<SupportThread>().AsNoTracking();
        var perStatus = await threads.Where(t => !t.IsNotSupport).GroupBy(t => t.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
        int Of(ThreadStatus status) => perStatus.GetValueOrDefault(status);

        var views = new Dictionary<InboxView, int>
        {
            [InboxView.All] = Of(ThreadStatus.Open) + Of(ThreadStatus.InProgress) + Of(ThreadStatus.OnHold),
            [InboxView.Open] = Of(ThreadStatus.Open),
            [InboxView.InProgress] = Of(ThreadStatus.InProgress),
            [InboxView.OnHold] = Of(ThreadStatus.OnHold),
            [InboxView.Closed] = Of(ThreadStatus.Closed),
            [InboxView.NeedsFollowUp] = await Filter(threads, InboxView.NeedsFollowUp).CountAsync(cancellationToken),
            [InboxView.ReferredToProduct] = await Filter(threads, InboxView.ReferredToProduct).CountAsync(cancellationToken),
            [InboxView.NotSupport] = await Filter(threads, InboxView.NotSupport).CountAsync(cancellationToken),
        };
        var waiting = await threads.CountAsync(t => t.WaitingForTeamSince != null, cancellationToken);
        return new InboxCounts(waiting, views);
    }

    /// <summary>Threads waiting for the team (PRODUCT.md: not Closed, not On Hold, the user spoke last).</summary>
    public async Task<int> CountWaitingAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<SupportThread>().CountAsync(t => t.WaitingForTeamSince != null, cancellationToken);
    }

    /// <summary>One thread in full for the pane; null when there is no such thread.</summary>
    public async Task<ThreadDetail?> GetThreadAsync(long threadId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await Project(db.Set<SupportThread>().AsNoTracking().Where(t => t.Id == threadId)).FirstOrDefaultAsync(cancellationToken);
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
            .Append(row.UserId);
        var profiles = await ProfilesAsync(db, userIds, cancellationToken);
        var postChannels = writes.Where(w => w.Kind == OutboxKinds.SlackPostMessage).Select(w => OutboxService.Payload<SlackPostPayload>(w).Channel);
        var channels = await slackLookup.ChannelNamesAsync(
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
            var postedBy = m.OutboxId is { } outboxId && writesById.TryGetValue(outboxId, out var post) ? post.CreatedBy : null;
            var pending = edits.LastOrDefault(e => e.Edit.Ts == m.Ts);
            return new ThreadMessageView(
                m.Id, m.Ts, m.UserId, author, isOurBot ? null : profile?.AvatarUrl, m.IsTeam, m.Ts == thread.Ts,
                SlackMrkdwn.ToHtml(m.Text, names), m.Text, m.SentAt, m.EditedAt, m.IsDeleted, Files(m.FilesJson), m.OutboxId, postedBy,
                pending.Row is null ? null : new PendingReplyChange(pending.Row.Id, pending.Row.Kind == OutboxKinds.SlackDeleteMessage, pending.Row.Status, pending.Row.LastError));
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
            await slackLookup.PermalinkAsync(thread.ChannelId, thread.Ts, cancellationToken),
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

    /// <summary>The rows of a view, in no particular order (filters only; the order is added by the caller).</summary>
    internal static IQueryable<SupportThread> Filter(IQueryable<SupportThread> threads, InboxView view) => view switch
    {
        // Written exactly as the partial indexes' filters, so SQLite can use them.
        InboxView.All => threads.Where(t => t.Status != ThreadStatus.Closed && !t.IsNotSupport),
        InboxView.Open => threads.Where(t => t.Status == ThreadStatus.Open && !t.IsNotSupport),
        InboxView.InProgress => threads.Where(t => t.Status == ThreadStatus.InProgress && !t.IsNotSupport),
        InboxView.OnHold => threads.Where(t => t.Status == ThreadStatus.OnHold && !t.IsNotSupport),
        InboxView.Closed => threads.Where(t => t.Status == ThreadStatus.Closed && !t.IsNotSupport),
        InboxView.NeedsFollowUp => threads.Where(t => t.NeedsFollowUp && !t.IsNotSupport),
        InboxView.ReferredToProduct => threads.Where(t => t.ReferredToProduct && !t.IsNotSupport),
        InboxView.NotSupport => threads.Where(t => t.IsNotSupport),
        _ => throw new ArgumentOutOfRangeException(nameof(view), view, "Unknown inbox view."),
    };

    /// <summary>
    /// "Awake first" as ordered ranges: waiting for the team with the user in working hours (or no known zone),
    /// longest wait first; waiting with the user outside them; then the rest of the view, oldest first.
    /// </summary>
    internal static IReadOnlyList<IQueryable<SupportThread>> AwakeFirstSegments(
        IQueryable<SupportThread> threads, InboxView view, IReadOnlyList<string> awakeZones)
    {
        // Waiting implies Open or In Progress and a support thread, so only these views can have waiting rows.
        // Small views are read through their own partial index: their waiting test is written so that the
        // planner cannot prefer the (much larger) WaitingForTeamSince index for it.
        IQueryable<SupportThread>? waiting = view switch
        {
            InboxView.All => threads.Where(t => t.WaitingForTeamSince != null),
            InboxView.Open => threads.Where(t => t.Status == ThreadStatus.Open && t.WaitingForTeamSince != null),
            InboxView.InProgress => threads.Where(t => t.Status == ThreadStatus.InProgress && t.WaitingForTeamSince != null),
            InboxView.NeedsFollowUp or InboxView.ReferredToProduct =>
                Filter(threads, view).Where(t => (t.WaitingForTeamSince ?? NotWaiting) != NotWaiting),
            _ => null,
        };

        // "Not waiting" reads WaitingForTeamSince through COALESCE on purpose: as "IS NULL" SQLite would walk that
        // index's null range (most of the table) instead of the view's own index in CreatedAt order.
        var rest = Filter(threads, view).Where(t => (t.WaitingForTeamSince ?? NotWaiting) == NotWaiting)
            .OrderBy(t => t.CreatedAt).ThenBy(t => t.Id);
        if (waiting is null)
        {
            return [rest];
        }

        var zones = awakeZones.ToList();
        var awake = waiting.Where(t => t.UserTimeZone == null || zones.Contains(t.UserTimeZone));
        var asleep = waiting.Where(t => t.UserTimeZone != null && !zones.Contains(t.UserTimeZone));
        return view is InboxView.NeedsFollowUp or InboxView.ReferredToProduct
            ? [awake.OrderBy(t => t.WaitingForTeamSince ?? NotWaiting).ThenBy(t => t.Id), asleep.OrderBy(t => t.WaitingForTeamSince ?? NotWaiting).ThenBy(t => t.Id), rest]
            : [awake.OrderBy(t => t.WaitingForTeamSince).ThenBy(t => t.Id), asleep.OrderBy(t => t.WaitingForTeamSince).ThenBy(t => t.Id), rest];
    }

    /// <summary>Time zones of waiting users that are inside working hours now (the zone list is cached a minute).</summary>
    private async Task<IReadOnlyList<string>> AwakeZonesAsync(IQueryable<SupportThread> threads, DateTime now, CancellationToken cancellationToken)
    {
        var zones = _zones;
        if (zones is null || now - zones.ReadAt > ZonesFreshFor || now < zones.ReadAt)
        {
            var list = await threads.Where(t => t.WaitingForTeamSince != null && t.UserTimeZone != null)
                .Select(t => t.UserTimeZone!).Distinct().ToListAsync(cancellationToken);
            zones = new ZoneList(list, now);
            _zones = zones;
        }

        return WorkingHours.AwakeZones(zones.Zones, now);
    }

    private static IQueryable<RowData> Project(IQueryable<SupportThread> threads) =>
        threads.Select(t => new RowData(
            t.Id, t.ChannelId, t.UserId, t.Text.Substring(0, PreviewChars), t.Status, t.CreatedAt, t.StatusChangedAt, t.LastMessageAt,
            t.WaitingForTeamSince, t.NeedsFollowUp, t.NewActivityWhileOnHold, t.IsNotSupport, t.ReferredToProduct, t.MessageCount,
            t.UserTimeZone));

    private async Task<IReadOnlyList<InboxRow>> ToRowsAsync(AppDbContext db, IReadOnlyList<RowData> rows, DateTime now, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var profiles = await ProfilesAsync(db, rows.Select(r => r.UserId).Concat(rows.SelectMany(r => SlackMrkdwn.MentionedUsers(r.Preview))), cancellationToken);
        var channels = await slackLookup.ChannelNamesAsync(rows.Select(r => r.ChannelId), cancellationToken);
        var names = new SlackNames(profiles.ToDictionary(p => p.Key, p => p.Value.ShownName, StringComparer.Ordinal), channels);
        return rows.Select(r =>
        {
            var profile = profiles.GetValueOrDefault(r.UserId);
            var zone = r.UserTimeZone ?? profile?.TimeZone;
            var local = WorkingHours.LocalTime(zone, now);
            return new InboxRow(
                r.Id, r.ChannelId, channels.GetValueOrDefault(r.ChannelId, r.ChannelId), r.UserId, profile?.ShownName ?? r.UserId,
                profile?.AvatarUrl, FirstLine(r.Preview, names), r.Status, r.CreatedAt, r.StatusChangedAt, r.LastMessageAt,
                r.WaitingForTeamSince, r.NeedsFollowUp, r.NewActivityWhileOnHold, r.IsNotSupport, r.ReferredToProduct, r.MessageCount,
                zone, local, local is { } l && WorkingHours.IsInside(l));
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
        var plain = SlackMrkdwn.ToPlainText(line, names).Trim();
        return plain.Length <= FirstLineMaxLength ? plain : string.Concat(plain.AsSpan(0, FirstLineMaxLength - 1), "…");
    }

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
        string ChannelId,
        string UserId,
        string Preview,
        ThreadStatus Status,
        DateTime CreatedAt,
        DateTime StatusChangedAt,
        DateTime LastMessageAt,
        DateTime? WaitingForTeamSince,
        bool NeedsFollowUp,
        bool NewActivityWhileOnHold,
        bool IsNotSupport,
        bool ReferredToProduct,
        int MessageCount,
        string? UserTimeZone);
}
