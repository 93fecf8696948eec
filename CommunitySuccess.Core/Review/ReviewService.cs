using CommunitySuccess.Core.Accounts;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Notifications;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Core.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.Review;

/// <summary>What the board decides for one issue; Community and Open to contribution may go together.</summary>
public sealed record ReviewOutcome(bool Sprint, bool CommunityBacklog, bool OpenToContribution)
{
    public bool IsEmpty => !Sprint && !CommunityBacklog && !OpenToContribution;
}

/// <summary>An issue waiting for the product team; <see cref="AskedBy"/>: how many people asked about it in linked Slack threads.</summary>
public sealed record ReviewItem(long IssueId, string Repository, int Number, string Title, string AuthorLogin, int Reactions, DateTime CreatedAt, string HtmlUrl)
{
    public int AskedBy { get; init; }

    public string Key => $"{Repository}#{Number}";
}

/// <summary>A Slack thread referred to product, with its newest referral note.</summary>
public sealed record ReferredThread(long ThreadId, string FirstLine, string? Note, DateTime? ReferredAt);

/// <summary>The Monday board: what to decide, and this week's decisions by column.</summary>
public sealed record ReviewBoard(IReadOnlyList<ReviewItem> ToDecide, IReadOnlyList<ReferredThread> ReferredThreads, IReadOnlyList<ReviewDecision> ThisWeek);

/// <summary>One past week of decisions.</summary>
public sealed record ReviewWeek(DateTime WeekStart, int Sprint, int CommunityBacklog, int OpenToContribution, IReadOnlyList<ReviewDecision> Decisions);

/// <summary>
/// The product team's Monday review: every open issue labelled Product review (and Slack threads referred to
/// product), decided into sprint task / community backlog / open to contribution, written back to GitHub.
/// Only Product and Admin may decide — checked here, on the server, whatever the page shows.
/// </summary>
public sealed class ReviewService(
    IDbContextFactory<AppDbContext> dbFactory,
    OutboxService outbox,
    ThreadIssueLinkService links,
    IOptionsMonitor<GitHubOptions> gitHub,
    ChangeNotifier notifier,
    TimeProvider time)
{
    public static bool MayDecide(IEnumerable<string> roles) => roles.Any(r => r is Roles.Product or Roles.Admin);

    public async Task<ReviewBoard> GetBoardAsync(CancellationToken cancellationToken)
    {
        var labels = gitHub.CurrentValue.Labels;
        var weekStart = WeekStartOf(time.GetUtcNow().UtcDateTime);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var thisWeek = await db.Set<ReviewDecision>().AsNoTracking().Where(d => d.WeekStart == weekStart)
            .OrderByDescending(d => d.DecidedAt).ToListAsync(cancellationToken);
        var decidedIds = thisWeek.Select(d => d.IssueId).ToHashSet();
        var toDecide = (await db.Set<GitHubIssue>().AsNoTracking()
                .Where(i => i.State == "open" && i.Labels.Any(l => l.Name == labels.ProductReview))
                .OrderBy(i => i.CreatedAt)
                .Select(i => new ReviewItem(i.Id, i.Repository, i.Number, i.Title, i.AuthorLogin, i.ReactionsTotal, i.CreatedAt, i.HtmlUrl))
                .ToListAsync(cancellationToken))
            .Where(i => !decidedIds.Contains(i.IssueId)).ToList();
        var askers = await links.CountAskersPerIssueAsync([.. toDecide.Select(i => i.Repository).Distinct()], cancellationToken);
        toDecide = [.. toDecide.Select(i => i with { AskedBy = askers.GetValueOrDefault(i.Key) })];
        var referred = await db.Set<SupportThread>().AsNoTracking()
            .Where(t => t.ReferredToProduct && !t.IsNotSupport)
            .OrderByDescending(t => t.ReferredToProductAt)
            .Select(t => new { t.Id, t.Text, t.ReferredToProductNote, t.ReferredToProductAt })
            .ToListAsync(cancellationToken);
        // A referred thread turned into an issue leaves this list: the issue is on the board from then on.
        var linked = await links.GetIssueStatesAsync(referred.Select(t => t.Id), cancellationToken);
        return new ReviewBoard(
            toDecide,
            referred.Where(t => !linked.TryGetValue(t.Id, out var states) || states.Count == 0)
                .Select(t => new ReferredThread(t.Id, SupportThread.FirstLineOf(t.Text), t.ReferredToProductNote, t.ReferredToProductAt)).ToList(),
            thisWeek);
    }

    /// <summary>
    /// Decides an issue: removes the Product review label, adds the outcome's labels, optionally posts the note
    /// as a comment — all through the outbox, in the same transaction as the recorded decision.
    /// </summary>
    public async Task<ActionOutcome> DecideAsync(
        long issueId, ReviewOutcome outcome, string? note, bool postNoteAsComment, AppActor actor, IReadOnlyCollection<string> roles,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(actor);
        if (!MayDecide(roles))
        {
            return ActionOutcome.Refused("Only the product team (Product or Admin role) decides on the review board.");
        }

        if (outcome.IsEmpty)
        {
            return ActionOutcome.Refused("Choose sprint task, community backlog and/or open to contribution.");
        }

        if (outcome.Sprint && (outcome.CommunityBacklog || outcome.OpenToContribution))
        {
            return ActionOutcome.Refused("A sprint task goes to the sprint only; community backlog and open to contribution may go together.");
        }

        if (postNoteAsComment && string.IsNullOrWhiteSpace(note))
        {
            return ActionOutcome.Refused("Write the note to post it as a comment.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Two people deciding the same card at once: the one who saves second is told what the first decided, and
        // nothing of theirs is written: the check and the insert are one step (see TransactionLocks).
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await TransactionLocks.SerializeAsync(db, TransactionLocks.ReviewDecision, issueId, cancellationToken);
        var issue = await db.Set<GitHubIssue>().FirstOrDefaultAsync(i => i.Id == issueId, cancellationToken);
        if (issue is null)
        {
            return ActionOutcome.Refused("That issue is not synced (any more).");
        }

        var labels = gitHub.CurrentValue.Labels;
        var now = time.GetUtcNow().UtcDateTime;
        var weekStart = WeekStartOf(now);
        if (await db.Set<ReviewDecision>().AsNoTracking().Where(d => d.IssueId == issueId && d.WeekStart == weekStart)
                .OrderByDescending(d => d.DecidedAt).FirstOrDefaultAsync(cancellationToken) is { } earlier)
        {
            return ActionOutcome.Refused(
                $"{earlier.DecidedBy} already decided {issue.Key} at {earlier.DecidedAt:HH:mm} UTC ({Describe(earlier)}): nothing was changed or sent.");
        }

        var add = new List<string>();
        if (outcome.Sprint)
        {
            add.Add(labels.Sprint);
        }

        if (outcome.CommunityBacklog)
        {
            add.Add(labels.Community);
        }

        if (outcome.OpenToContribution)
        {
            add.Add(labels.OpenToContribution);
        }

        var key = issue.Key;
        outbox.Add(db, GitHubOutboxKinds.RemoveLabel, new GitHubLabelsPayload(issue.Repository, issue.Number, [labels.ProductReview]), actor.DisplayName, issueKey: key);
        outbox.Add(db, GitHubOutboxKinds.AddLabels, new GitHubLabelsPayload(issue.Repository, issue.Number, add), actor.DisplayName, issueKey: key);
        if (postNoteAsComment)
        {
            outbox.Add(db, GitHubOutboxKinds.Comment, new GitHubCommentPayload(issue.Repository, issue.Number, $"Product review: {note!.Trim()}"), actor.DisplayName, issueKey: key);
        }

        db.Add(new ReviewDecision
        {
            IssueId = issue.Id,
            Repository = issue.Repository,
            Number = issue.Number,
            Title = issue.Title,
            Sprint = outcome.Sprint,
            CommunityBacklog = outcome.CommunityBacklog,
            OpenToContribution = outcome.OpenToContribution,
            Note = note?.Trim() ?? "",
            NotePostedAsComment = postNoteAsComment,
            DecidedBy = actor.DisplayName,
            DecidedAt = now,
            WeekStart = weekStart,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outbox.Notify();
        notifier.Notify(ChangeArea.GitHub);
        return ActionOutcome.Ok();
    }

    /// <summary>A decision's outcome in words ("community backlog + open to contribution").</summary>
    public static string Describe(ReviewDecision d) => string.Join(" + ", new[]
    {
        d.Sprint ? "sprint task" : null, d.CommunityBacklog ? "community backlog" : null, d.OpenToContribution ? "open to contribution" : null,
    }.Where(s => s is not null));

    /// <summary>Past weeks' decisions, newest week first, with counts per column.</summary>
    public async Task<IReadOnlyList<ReviewWeek>> GetHistoryAsync(int weeks, CancellationToken cancellationToken)
    {
        var since = WeekStartOf(time.GetUtcNow().UtcDateTime).AddDays(-7 * Math.Max(0, weeks - 1));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var decisions = await db.Set<ReviewDecision>().AsNoTracking().Where(d => d.WeekStart >= since)
            .OrderByDescending(d => d.DecidedAt).ToListAsync(cancellationToken);
        return decisions.GroupBy(d => d.WeekStart).OrderByDescending(g => g.Key)
            .Select(g => new ReviewWeek(g.Key, g.Count(d => d.Sprint), g.Count(d => d.CommunityBacklog), g.Count(d => d.OpenToContribution), g.ToList()))
            .ToList();
    }

    /// <summary>Monday 00:00 UTC of the week that contains <paramref name="utc"/>.</summary>
    public static DateTime WeekStartOf(DateTime utc)
    {
        var date = utc.Date;
        var daysSinceMonday = ((int)date.DayOfWeek + 6) % 7;
        return DateTime.SpecifyKind(date.AddDays(-daysSinceMonday), DateTimeKind.Utc);
    }
}
