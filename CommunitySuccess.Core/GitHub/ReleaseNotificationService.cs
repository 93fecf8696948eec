using System.Globalization;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Notifications;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Core.Shared;
using Microsoft.EntityFrameworkCore;

namespace CommunitySuccess.Core.GitHub;

/// <summary>
/// "Fixed in": an issue linked to Slack threads, closed as completed, and a release published after it was closed —
/// its threads are ready to be told, with a drafted message naming the release. One click posts it to every linked
/// thread not told yet; each link records the release in the same transaction as its Slack post, so no thread is told
/// twice. Drafts and pre-releases do not count as a release.
/// </summary>
public sealed class ReleaseNotificationService(
    IDbContextFactory<AppDbContext> dbFactory,
    OutboxService outbox,
    ChangeNotifier notifier,
    TimeProvider time,
    AccountAccess access)
{
    /// <summary>Every issue whose linked threads wait to be told about the release that shipped it, released longest ago first.</summary>
    public async Task<IReadOnlyList<ReadyToNotify>> GetReadyAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ReadyAsync(db, null, null, cancellationToken);
    }

    /// <summary>How many issues are ready to notify (a tab badge).</summary>
    public async Task<int> CountReadyAsync(CancellationToken cancellationToken) => (await GetReadyAsync(cancellationToken)).Count;

    /// <summary>
    /// Posts <paramref name="message"/> (the draft when blank) to every thread linked to the issue that was not told yet.
    /// Refused when the issue is not ready (not closed as completed, no release after it was closed) or every thread
    /// was already told.
    /// </summary>
    public async Task<ActionOutcome> NotifyAsync(string repository, int number, string? message, AppActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await access.RefuseAsync(actor, cancellationToken) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ready = (await ReadyAsync(db, repository, number, cancellationToken)).FirstOrDefault();
        if (ready is null)
        {
            return ActionOutcome.Refused($"{repository}#{number} has no thread waiting to be told about a release: it is not closed as completed, no release was published after it was closed, or every thread was told already.");
        }

        var text = string.IsNullOrWhiteSpace(message) ? ready.DraftMessage : message.Trim();
        var threadIds = ready.Threads.Select(t => t.ThreadId).ToList();
        var threads = await db.Set<SupportThread>().AsNoTracking().Where(t => threadIds.Contains(t.Id))
            .Select(t => new { t.Id, t.ChannelId, t.Ts }).ToDictionaryAsync(t => t.Id, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var posted = new List<OutboxMessage>();

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            foreach (var link in ready.Threads)
            {
                // The conditional update claims the link: a second click (or a second person) finds it taken and posts nothing.
                var claimed = await db.Set<ThreadIssueLink>()
                    .Where(l => l.Id == link.LinkId && l.NotifiedReleaseId == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(l => l.NotifiedReleaseId, ready.ReleaseId).SetProperty(l => l.NotifiedAt, now), cancellationToken);
                if (claimed == 1 && threads.TryGetValue(link.ThreadId, out var thread))
                {
                    posted.Add(outbox.Add(db, OutboxKinds.SlackPostMessage, new SlackPostPayload(thread.ChannelId, text, thread.Ts, Username: actor.DisplayName),
                        actor.DisplayName, thread.Id, ready.Key));
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        if (posted.Count == 0)
        {
            return ActionOutcome.Refused("Every linked thread was told already.");
        }

        outbox.Notify();
        foreach (var write in posted)
        {
            notifier.Notify(ChangeArea.Thread, write.ThreadId);
        }

        notifier.Notify(ChangeArea.GitHub);
        return ActionOutcome.Ok([.. posted.Select(p => p.Id)]);
    }

    /// <summary>The Slack message telling a thread that its fix shipped.</summary>
    public static string DraftMessage(string repository, int number, string issueUrl, string releaseTag, string? releaseName, string releaseUrl)
    {
        var release = string.IsNullOrWhiteSpace(releaseName) || releaseName == releaseTag ? releaseTag : $"{releaseTag} ({releaseName})";
        var issue = $"{repository}#{number.ToString(CultureInfo.InvariantCulture)}";
        return $":tada: Good news: the fix for <{issueUrl}|{ThreadIssueLinkService.SlackEscape(issue)}> is released in "
            + $"<{releaseUrl}|{ThreadIssueLinkService.SlackEscape(release)}>. Please upgrade, and tell us here if anything is still not right.";
    }

    /// <summary>
    /// The first release (by publication) published after an issue was closed as completed; null for an issue closed as
    /// not planned, not closed, or with no release since. A null reason counts as completed (issues closed before GitHub
    /// recorded reasons, merged pull requests).
    /// </summary>
    internal static GitHubRelease? FirstReleaseAfter(List<GitHubRelease>? releasesByPublication, string? stateReason, DateTime? closedAt) =>
        closedAt is not { } closed || stateReason == "not_planned" || releasesByPublication is null
            ? null
            : releasesByPublication.FirstOrDefault(r => r.PublishedAt > closed);

    private static async Task<IReadOnlyList<ReadyToNotify>> ReadyAsync(AppDbContext db, string? repository, int? number, CancellationToken cancellationToken)
    {
        var candidates = from link in db.Set<ThreadIssueLink>()
            join issue in db.Set<GitHubIssue>() on new { link.Repository, link.Number } equals new { issue.Repository, issue.Number }
            join thread in db.Set<SupportThread>() on link.ThreadId equals thread.Id
            where link.Number > 0 && link.NotifiedReleaseId == null
                && issue.State == "closed" && issue.ClosedAt != null && issue.StateReason != "not_planned"
            select new { link, issue.Title, issue.HtmlUrl, issue.StateReason, issue.ClosedAt, thread.Text, thread.Status };
        if (repository is not null && number is not null)
        {
            candidates = candidates.Where(c => c.link.Repository == repository && c.link.Number == number);
        }

        var rows = await candidates.AsNoTracking().ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }

        var releases = await ThreadIssueLinkService.ReleasesAsync(db, [.. rows.Select(r => r.link.Repository).Distinct()], cancellationToken);
        var ready = new List<ReadyToNotify>();
        foreach (var issue in rows.GroupBy(r => (r.link.Repository, r.link.Number)))
        {
            var first = issue.First();
            var release = FirstReleaseAfter(releases.GetValueOrDefault(issue.Key.Repository), first.StateReason, first.ClosedAt);
            if (release is null)
            {
                continue;
            }

            var issueUrl = ThreadIssueLinkService.IssueUrl(first.HtmlUrl, issue.Key.Repository, issue.Key.Number);
            ready.Add(new ReadyToNotify(
                issue.Key.Repository, issue.Key.Number, first.Title, issueUrl, first.ClosedAt!.Value,
                release.Id, release.TagName, release.Name, release.HtmlUrl, release.PublishedAt!.Value,
                [.. issue.OrderBy(r => r.link.LinkedAt).ThenBy(r => r.link.Id).Select(r => new LinkedThreadView(
                    r.link.Id, r.link.ThreadId, GitHubQueueService.FirstLine(r.Text), r.Status.ToDisplayName(), r.link.LinkedAt, r.link.LinkedBy, r.link.NotifiedAt))],
                DraftMessage(issue.Key.Repository, issue.Key.Number, issueUrl, release.TagName, release.Name, release.HtmlUrl)));
        }

        return [.. ready.OrderBy(r => r.ReleasePublishedAt).ThenBy(r => r.Repository).ThenBy(r => r.Number)];
    }
}
