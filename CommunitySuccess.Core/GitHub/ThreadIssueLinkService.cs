using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Notifications;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Core.Shared;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Core.SlackMarkup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.GitHub;

/// <summary>A Slack thread as the GitHub side shows it (the question, for "Create GitHub issue").</summary>
public sealed record LinkableThread(long Id, string ChannelId, string Ts, string UserId, string Text, ThreadStatus Status, DateTime CreatedAt)
{
    public string FirstLine => GitHubQueueService.FirstLine(Text);
}

/// <summary>
/// Links Slack threads and GitHub issues both ways. "Create GitHub issue" queues the issue in the outbox (Triage label,
/// the question and the thread's permalink in the body); once GitHub has given it a number
/// (<see cref="CompleteCreatedIssueAsync"/>, called by <see cref="GitHubOutboxSender"/>) the link is posted in the
/// thread and the thread is closed. "Link existing issue" does the same at once. Threads show their issues' state:
/// open, closed, or released.
/// </summary>
public sealed partial class ThreadIssueLinkService(
    IDbContextFactory<AppDbContext> dbFactory,
    OutboxService outbox,
    InboxActionsService inbox,
    ISlackApi slack,
    IOptionsMonitor<GitHubOptions> options,
    ChangeNotifier notifier,
    TimeProvider time,
    AccountAccess access,
    ILogger<ThreadIssueLinkService> logger)
{
    /// <summary>GitHub's limit on an issue title.</summary>
    public const int MaxTitleLength = 256;

    /// <summary>GitHub's limit on an issue body, less room for our hidden tag.</summary>
    public const int MaxBodyLength = 65_000;

    /// <summary>
    /// "Asked by N users": per issue, how many different people asked about it in Slack — the askers of the threads linked
    /// to it (a person who asked twice counts once), keyed by <c>owner/repo#number</c>. Only explicit links count: a
    /// similar thread nobody linked is a suggestion (<see cref="Search.SimilarItemsService"/>), not evidence.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>> CountAskersPerIssueAsync(IReadOnlyCollection<string> repositories, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<ThreadIssueLink>().AsNoTracking()
            .Where(l => l.Number > 0 && repositories.Contains(l.Repository))
            .Join(db.Set<SupportThread>(), l => l.ThreadId, t => t.Id, (l, t) => new { l.Repository, l.Number, t.UserId })
            .Distinct()
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => $"{r.Repository}#{r.Number}", StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The thread, or null when there is none with that id.</summary>
    public async Task<LinkableThread?> GetThreadAsync(long threadId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<SupportThread>().AsNoTracking().Where(t => t.Id == threadId)
            .Select(t => new LinkableThread(t.Id, t.ChannelId, t.Ts, t.UserId, t.Text, t.Status, t.CreatedAt))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// "Create GitHub issue" prefilled: the first configured repository, the question's first line as the title, and
    /// the question quoted with the thread's Slack permalink as the body. Null when the thread does not exist.
    /// </summary>
    public async Task<GitHubIssueDraft?> DraftIssueAsync(long threadId, CancellationToken cancellationToken)
    {
        var thread = await GetThreadAsync(threadId, cancellationToken);
        if (thread is null)
        {
            return null;
        }

        string? permalink = null;
        try
        {
            permalink = await slack.GetPermalinkAsync(thread.ChannelId, thread.Ts, cancellationToken);
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException)
        {
            // The draft is still useful without the link; the person can paste it.
            logger.LogWarning(ex, "No permalink for thread {ThreadId}", threadId);
        }

        var body = new StringBuilder();
        body.Append("A user asked in our Slack community:\n\n");
        foreach (var line in SlackToMarkdown(thread.Text).Split('\n'))
        {
            body.Append("> ").Append(line.TrimEnd()).Append('\n');
        }

        body.Append('\n').Append(permalink is null
            ? $"Slack thread: channel {thread.ChannelId}, message {thread.Ts}"
            : $"Slack thread: {permalink}").Append('\n');
        var repositories = options.CurrentValue.Repositories;
        var title = thread.FirstLine.TrimEnd('…');
        return new GitHubIssueDraft(repositories, repositories.FirstOrDefault() ?? "", Truncate(SlackToMarkdown(title), MaxTitleLength), body.ToString());
    }

    /// <summary>
    /// Queues the issue's creation (with the Triage label) and a pending link; the link is completed, posted in the
    /// thread and the thread closed once GitHub answers with the issue's number.
    /// </summary>
    public async Task<ActionOutcome> CreateIssueAsync(
        long threadId, string repository, string title, string body, AppActor actor, CancellationToken cancellationToken, bool forProductReview = false)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await access.RefuseAsync(actor, cancellationToken) is { } refused)
        {
            return refused;
        }

        var configured = ConfiguredRepository(repository);
        if (configured is null)
        {
            return ActionOutcome.Refused($"'{repository}' is not one of GitHub:Repositories ({string.Join(", ", options.CurrentValue.Repositories)}).");
        }

        if (string.IsNullOrWhiteSpace(title))
        {
            return ActionOutcome.Refused("Give the issue a title.");
        }

        if (title.Trim().Length > MaxTitleLength || (body ?? "").Length > MaxBodyLength)
        {
            return ActionOutcome.Refused($"GitHub takes titles up to {MaxTitleLength} characters and bodies up to {MaxBodyLength:N0}.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Set<SupportThread>().AnyAsync(t => t.Id == threadId, cancellationToken))
        {
            return ActionOutcome.Refused("That thread no longer exists.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var message = outbox.Add(db, GitHubOutboxKinds.CreateIssue,
            // From the review board a referred thread becomes an issue the board decides (Product review), else it is triaged.
            new GitHubCreateIssuePayload(configured, title.Trim(), (body ?? "").Trim(),
                [forProductReview ? options.CurrentValue.Labels.ProductReview : options.CurrentValue.Labels.Triage]),
            actor.DisplayName, threadId);
        await db.SaveChangesAsync(cancellationToken);
        db.Add(new ThreadIssueLink
        {
            ThreadId = threadId,
            Repository = configured,
            Number = 0,
            CreateOutboxId = message.Id,
            LinkedAt = Now(),
            LinkedBy = actor.DisplayName,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        outbox.Notify();
        notifier.Notify(ChangeArea.Thread, threadId);
        notifier.Notify(ChangeArea.GitHub);
        return ActionOutcome.Ok(message.Id);
    }

    /// <summary>
    /// Completes the pending link of a "Create GitHub issue" write now that GitHub gave the issue
    /// <paramref name="number"/>: posts the link in the thread and closes it. Does nothing when there is no pending
    /// link for that write (already completed, or a write without one), so calling it twice posts once.
    /// </summary>
    public async Task<bool> CompleteCreatedIssueAsync(long outboxId, string repository, int number, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(number);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // The conditional update is the claim: of two callers, only one moves the link off 0.
        var claimed = await db.Set<ThreadIssueLink>()
            .Where(l => l.CreateOutboxId == outboxId && l.Number == 0)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Number, number), cancellationToken);
        if (claimed == 0)
        {
            return false;
        }

        var link = await db.Set<ThreadIssueLink>().AsNoTracking().FirstAsync(l => l.CreateOutboxId == outboxId, cancellationToken);
        var actor = new AppActor(link.LinkedBy);
        await AnnounceLinkAsync(db, link.ThreadId, link.Repository, number, actor, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        await AfterLinkedAsync(link.ThreadId, actor, cancellationToken);
        return true;
    }

    /// <summary>Links a synced issue to the thread, posts the link in the thread and closes it.</summary>
    public async Task<ActionOutcome> LinkExistingIssueAsync(long threadId, string repository, int number, AppActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await access.RefuseAsync(actor, cancellationToken) is { } refused)
        {
            return refused;
        }

        var configured = ConfiguredRepository(repository);
        if (configured is null)
        {
            return ActionOutcome.Refused($"'{repository}' is not one of GitHub:Repositories ({string.Join(", ", options.CurrentValue.Repositories)}).");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Set<SupportThread>().AnyAsync(t => t.Id == threadId, cancellationToken))
        {
            return ActionOutcome.Refused("That thread no longer exists.");
        }

        if (!await db.Set<GitHubIssue>().AnyAsync(i => i.Repository == configured && i.Number == number, cancellationToken))
        {
            return ActionOutcome.Refused($"{configured}#{number} has not been synced: check the number, or wait for the next GitHub sync.");
        }

        if (await db.Set<ThreadIssueLink>().AnyAsync(l => l.ThreadId == threadId && l.Repository == configured && l.Number == number, cancellationToken))
        {
            return ActionOutcome.Refused($"The thread is already linked to {configured}#{number}.");
        }

        db.Add(new ThreadIssueLink { ThreadId = threadId, Repository = configured, Number = number, LinkedAt = Now(), LinkedBy = actor.DisplayName });
        var post = await AnnounceLinkAsync(db, threadId, configured, number, actor, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        await AfterLinkedAsync(threadId, actor, cancellationToken);
        return ActionOutcome.Ok(post.Id);
    }

    /// <summary>Removes a link (a mistaken one, or a "Create GitHub issue" that failed). Nothing is posted.</summary>
    public async Task<ActionOutcome> UnlinkAsync(long linkId, AppActor actor, CancellationToken cancellationToken)
    {
        if (await access.RefuseAsync(actor, cancellationToken) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var link = await db.Set<ThreadIssueLink>().FirstOrDefaultAsync(l => l.Id == linkId, cancellationToken);
        if (link is null)
        {
            return ActionOutcome.Refused("That link no longer exists.");
        }

        if (link.IsPending && link.CreateOutboxId is { } outboxId
            && await db.Set<OutboxMessage>().AnyAsync(m => m.Id == outboxId && m.Status == OutboxStatus.Pending, cancellationToken))
        {
            return ActionOutcome.Refused("The issue is being created right now: wait until it is created or has failed.");
        }

        db.Remove(link);
        await db.SaveChangesAsync(cancellationToken);
        notifier.Notify(ChangeArea.Thread, link.ThreadId);
        notifier.Notify(ChangeArea.GitHub);
        return ActionOutcome.Ok();
    }

    /// <summary>Queues a "Create GitHub issue" that failed once more (it keeps its tag, so an issue GitHub did create is found first).</summary>
    public async Task<ActionOutcome> RetryCreateAsync(long linkId, AppActor actor, CancellationToken cancellationToken)
    {
        if (await access.RefuseAsync(actor, cancellationToken) is { } refused)
        {
            return refused;
        }

        long? outboxId;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            outboxId = await db.Set<ThreadIssueLink>().Where(l => l.Id == linkId && l.IsPending).Select(l => l.CreateOutboxId).FirstOrDefaultAsync(cancellationToken);
        }

        if (outboxId is not { } id || !await outbox.RetryAsync(id, cancellationToken))
        {
            return ActionOutcome.Refused("Only a failed \"Create GitHub issue\" can be retried.");
        }

        notifier.Notify(ChangeArea.GitHub);
        return ActionOutcome.Ok(id);
    }

    /// <summary>The issues linked to one thread, oldest link first.</summary>
    public async Task<IReadOnlyList<LinkedIssueState>> GetThreadLinksAsync(long threadId, CancellationToken cancellationToken) =>
        (await GetIssueStatesAsync([threadId], cancellationToken)).GetValueOrDefault(threadId) ?? [];

    /// <summary>
    /// For inbox rows: per thread (only threads with links appear), its linked issues and their state — creating,
    /// open, closed, or released (closed as completed and a release published after that).
    /// </summary>
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<LinkedIssueState>>> GetIssueStatesAsync(IEnumerable<long> threadIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(threadIds);
        var ids = threadIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<long, IReadOnlyList<LinkedIssueState>>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var links = await db.Set<ThreadIssueLink>().AsNoTracking().Where(l => ids.Contains(l.ThreadId))
            .OrderBy(l => l.LinkedAt).ThenBy(l => l.Id).ToListAsync(cancellationToken);
        if (links.Count == 0)
        {
            return new Dictionary<long, IReadOnlyList<LinkedIssueState>>();
        }

        var repositories = links.Select(l => l.Repository).Distinct().ToList();
        var numbers = links.Where(l => !l.IsPending).Select(l => l.Number).Distinct().ToList();
        var issues = (await db.Set<GitHubIssue>().AsNoTracking()
                .Where(i => repositories.Contains(i.Repository) && numbers.Contains(i.Number))
                .Select(i => new { i.Repository, i.Number, i.Title, i.State, i.StateReason, i.ClosedAt, i.HtmlUrl })
                .ToListAsync(cancellationToken))
            .ToDictionary(i => (i.Repository, i.Number));
        var createIds = links.Where(l => l.IsPending && l.CreateOutboxId is not null).Select(l => l.CreateOutboxId!.Value).ToList();
        var creates = await db.Set<OutboxMessage>().AsNoTracking().Where(m => createIds.Contains(m.Id))
            .Select(m => new { m.Id, m.Status, m.LastError }).ToDictionaryAsync(m => m.Id, cancellationToken);
        var releases = await ReleasesAsync(db, repositories, cancellationToken);

        var result = new Dictionary<long, IReadOnlyList<LinkedIssueState>>();
        foreach (var group in links.GroupBy(l => l.ThreadId))
        {
            result[group.Key] = [.. group.Select(link =>
            {
                if (link.IsPending)
                {
                    var create = link.CreateOutboxId is { } id ? creates.GetValueOrDefault(id) : null;
                    return create is { Status: OutboxStatus.Failed }
                        ? new LinkedIssueState(link.Id, link.Repository, 0, null, IssueLinkState.CreateFailed, null, null, link.CreateOutboxId, create.LastError)
                        : new LinkedIssueState(link.Id, link.Repository, 0, null, IssueLinkState.Creating, null, null, link.CreateOutboxId, null);
                }

                if (!issues.TryGetValue((link.Repository, link.Number), out var issue))
                {
                    // Created or linked, not synced yet: it exists and is new, so open.
                    return new LinkedIssueState(link.Id, link.Repository, link.Number, null, IssueLinkState.Open, null, null, link.CreateOutboxId, null);
                }

                if (issue.State == "open")
                {
                    return new LinkedIssueState(link.Id, link.Repository, link.Number, issue.Title, IssueLinkState.Open, issue.HtmlUrl, null, link.CreateOutboxId, null);
                }

                var release = ReleaseNotificationService.FirstReleaseAfter(releases.GetValueOrDefault(link.Repository), issue.StateReason, issue.ClosedAt);
                return new LinkedIssueState(
                    link.Id, link.Repository, link.Number, issue.Title,
                    release is null && link.NotifiedReleaseId is null ? IssueLinkState.Closed : IssueLinkState.Released,
                    issue.HtmlUrl, release?.TagName, link.CreateOutboxId, null);
            })];
        }

        return result;
    }

    internal static async Task<Dictionary<string, List<GitHubRelease>>> ReleasesAsync(AppDbContext db, List<string> repositories, CancellationToken cancellationToken) =>
        (await db.Set<GitHubRelease>().AsNoTracking()
            .Where(r => repositories.Contains(r.Repository) && r.PublishedAt != null && !r.Draft && !r.Prerelease)
            .OrderBy(r => r.PublishedAt).ToListAsync(cancellationToken))
        .GroupBy(r => r.Repository).ToDictionary(g => g.Key, g => g.ToList());

    /// <summary>The Slack message announcing a link; <paramref name="title"/> may be null when the issue is not synced yet.</summary>
    public static string LinkMessage(string repository, int number, string? title, string issueUrl)
    {
        var label = $"{repository}#{number.ToString(CultureInfo.InvariantCulture)}";
        var name = string.IsNullOrWhiteSpace(title) ? "" : $" ({SlackEscape(title)})";
        return $":link: We are tracking this on GitHub: <{issueUrl}|{SlackEscape(label)}>{name}. We will post here when the fix is released.";
    }

    /// <summary>Escapes the three characters Slack's mrkdwn treats as markup.</summary>
    public static string SlackEscape(string text) => SlackText.Escape(text);

    /// <summary>An issue's web address: the synced one, else github.com's pattern.</summary>
    internal static string IssueUrl(string? syncedUrl, string repository, int number) =>
        string.IsNullOrEmpty(syncedUrl) ? $"https://github.com/{repository}/issues/{number.ToString(CultureInfo.InvariantCulture)}" : syncedUrl;

    /// <summary>Slack's link and mention markup as markdown: <c>&lt;url|text&gt;</c> → <c>[text](url)</c>, entities decoded.</summary>
    internal static string SlackToMarkdown(string text)
    {
        var converted = SlackLink().Replace(text ?? "", m => m.Groups["label"].Success
            ? $"[{m.Groups["label"].Value}]({m.Groups["url"].Value})"
            : m.Groups["url"].Value);
        converted = SlackMention().Replace(converted, m => "@" + (m.Groups["name"].Success ? m.Groups["name"].Value : m.Groups["id"].Value));
        return SlackText.Decode(converted);
    }

    private async Task<OutboxMessage> AnnounceLinkAsync(AppDbContext db, long threadId, string repository, int number, AppActor actor, CancellationToken cancellationToken)
    {
        var thread = await db.Set<SupportThread>().AsNoTracking().Where(t => t.Id == threadId)
            .Select(t => new { t.ChannelId, t.Ts }).FirstAsync(cancellationToken);
        var issue = await db.Set<GitHubIssue>().AsNoTracking().Where(i => i.Repository == repository && i.Number == number)
            .Select(i => new { i.Title, i.HtmlUrl }).FirstOrDefaultAsync(cancellationToken);
        var text = LinkMessage(repository, number, issue?.Title, IssueUrl(issue?.HtmlUrl, repository, number));
        return outbox.Add(db, OutboxKinds.SlackPostMessage, new SlackPostPayload(thread.ChannelId, text, thread.Ts, Username: actor.DisplayName),
            actor.DisplayName, threadId, $"{repository}#{number.ToString(CultureInfo.InvariantCulture)}");
    }

    private async Task AfterLinkedAsync(long threadId, AppActor actor, CancellationToken cancellationToken)
    {
        // "A thread that results in a GitHub issue is closed" — closed before our link post goes out, so the post
        // (a team message) finds it Closed. The status is a concurrency token: when a synced message moved it in
        // the meantime, decide again on the fresh status.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var closed = await inbox.SetStatusAsync(threadId, ThreadStatus.Closed, actor, cancellationToken);
                if (!closed.Succeeded)
                {
                    logger.LogWarning("Linked thread {ThreadId} was not closed: {Error}", threadId, closed.Error);
                }

                break;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                logger.LogInformation("Thread {ThreadId} changed while being closed; trying again", threadId);
            }
        }

        outbox.Notify();
        notifier.Notify(ChangeArea.Thread, threadId);
        notifier.Notify(ChangeArea.GitHub);
    }

    private string? ConfiguredRepository(string? repository) =>
        options.CurrentValue.Repositories.FirstOrDefault(r => string.Equals(r, repository?.Trim(), StringComparison.OrdinalIgnoreCase));

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    [GeneratedRegex(@"<(?<url>(?:https?|mailto):[^|>]+)(?:\|(?<label>[^>]+))?>")]
    private static partial Regex SlackLink();

    [GeneratedRegex(@"<@(?<id>[UW][A-Z0-9]+)(?:\|(?<name>[^>]+))?>")]
    private static partial Regex SlackMention();
}
