using System.Globalization;
using System.Text;
using CommunitySuccess.Core.Configuration;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Core.SlackMarkup;
using CommunitySuccess.Core.Team;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.OnCall;

/// <summary>What a "tell the on-call" run did.</summary>
public enum DirectMessageOutcome
{
    /// <summary>Nothing new since the last run.</summary>
    NothingNew,

    /// <summary>Queued one direct message listing the new threads and replies.</summary>
    Sent,

    /// <summary>New items, but a message went out less than <see cref="OnCallDirectMessageJob.BatchWindow"/> ago: they wait to be batched.</summary>
    Batching,

    /// <summary>New items arrived outside the on-call's working hours, on a day off, or with nobody to tell: skipped for good.</summary>
    Skipped,
}

/// <summary>
/// Tells the on-call, in a Slack direct message through the outbox, about each new thread and each user reply in a
/// thread waiting for the team. Runs every minute. Only during the on-call's working hours (09:00–18:00 in their
/// own time zone, on a working day); items that arrive outside them are skipped for good rather than delivered
/// later: at the start of the day the hand-off post and the inbox carry the queue, and nothing pages anyone at
/// night. Items arriving within <see cref="BatchWindow"/> of a message go out together in the next one.
/// </summary>
public sealed class OnCallDirectMessageJob(
    IDbContextFactory<AppDbContext> dbFactory,
    OnCallService onCall,
    OutboxService outbox,
    ISlackApi slack,
    IOptionsMonitor<AppOptions> appUrl,
    TimeProvider time,
    ILogger<OnCallDirectMessageJob> logger)
{
    public const string RecurringJobId = "oncall-direct-messages";

    /// <summary>At most one direct message this often; what arrives in between is batched.</summary>
    public static readonly TimeSpan BatchWindow = TimeSpan.FromMinutes(3);

    /// <summary>Messages older than this when first seen come from a backfill or a restart, not "new" activity.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(1);

    public static readonly TimeOnly WorkdayStart = new(9, 0);
    public static readonly TimeOnly WorkdayEnd = new(18, 0);

    private const int MaxListed = 15;

    private string? _workspaceUrl;

    public async Task<DirectMessageOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var newest = await db.Set<ThreadMessage>().MaxAsync(m => (long?)m.Id, cancellationToken) ?? 0;
        var newestIssue = await InboxActivity.LatestGitHubActivityAsync(db, cancellationToken);
        var cursor = await db.Set<OnCallNotificationCursor>().FirstOrDefaultAsync(c => c.Id == OnCallNotificationCursor.SingletonId, cancellationToken);
        if (cursor is null)
        {
            // First run: what is already there is not news.
            db.Add(new OnCallNotificationCursor { LastMessageId = newest, LastGitHubActivityAt = newestIssue });
            await db.SaveChangesAsync(cancellationToken);
            return DirectMessageOutcome.NothingNew;
        }

        var slackNews = newest > cursor.LastMessageId;
        var gitHubNews = newestIssue is { } latest && (cursor.LastGitHubActivityAt is not { } seen || latest > seen);
        if (!slackNews && !gitHubNews)
        {
            return DirectMessageOutcome.NothingNew;
        }

        var snapshot = await onCall.GetSnapshotAsync(cancellationToken);
        var person = snapshot.StatusAt(now).Current;
        if (person?.SlackUserId is not { Length: > 0 } slackUserId || !IsWorkingHours(snapshot.Schedule, person, now))
        {
            cursor.LastMessageId = newest;
            cursor.LastGitHubActivityAt = newestIssue ?? cursor.LastGitHubActivityAt;
            await db.SaveChangesAsync(cancellationToken);
            return DirectMessageOutcome.Skipped;
        }

        if (cursor.LastSentAt is { } lastSent && now.UtcDateTime - lastSent < BatchWindow)
        {
            return DirectMessageOutcome.Batching;
        }

        var since = now.UtcDateTime - MaxAge;
        var items = await (
                from message in db.Set<ThreadMessage>()
                join thread in db.Set<SupportThread>() on message.ThreadId equals thread.Id
                where message.Id > cursor.LastMessageId && message.Id <= newest && !message.IsTeam && !message.IsDeleted
                    && message.SentAt >= since && thread.WaitingForTeamSince != null
                orderby message.Id
                select new NewActivity(thread.Id, thread.ChannelId, thread.Ts, thread.Text, message.Ts, message.UserId))
            .ToListAsync(cancellationToken);
        var issues = newestIssue is { } upTo
            ? await InboxActivity.GitHubWaitingAsync(db, cursor.LastGitHubActivityAt, upTo, since, cancellationToken)
            : [];

        // Two runs can overlap (a slow run and the next minute's, or two app instances): the one that moves the
        // cursor from where both read it queues the message, in the same transaction; the other queues nothing.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var previous = cursor.LastMessageId;
        var previousIssue = cursor.LastGitHubActivityAt;
        var claimed = await db.Set<OnCallNotificationCursor>()
            .Where(c => c.Id == OnCallNotificationCursor.SingletonId && c.LastMessageId == previous && c.LastGitHubActivityAt == previousIssue)
            .ExecuteUpdateAsync(
                set => set.SetProperty(c => c.LastMessageId, newest)
                    .SetProperty(c => c.LastGitHubActivityAt, newestIssue ?? previousIssue)
                    .SetProperty(c => c.LastSentAt, items.Count + issues.Count == 0 ? cursor.LastSentAt : now.UtcDateTime),
                cancellationToken);
        if (claimed == 0 || items.Count + issues.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return DirectMessageOutcome.NothingNew;
        }

        var text = Compose(items, issues, await WorkspaceUrlAsync(cancellationToken), appUrl.CurrentValue.PublicUrl);
        outbox.Add(db, OutboxKinds.SlackPostMessage, new SlackPostPayload(slackUserId, text), TeamActor.System.DisplayName);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outbox.Notify();
        logger.LogInformation("Told {Name} about {Count} new messages and {Issues} GitHub items", person.Name, items.Count, issues.Count);
        return DirectMessageOutcome.Sent;
    }

    /// <summary>09:00–18:00 on a working day, in the person's own time zone (the schedule's when theirs is unknown).</summary>
    public static bool IsWorkingHours(OnCallSchedule schedule, OnCallPerson person, DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(person);
        var zone = person.TimeZone is { Length: > 0 } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var own) ? own : schedule.Clock.TimeZone;
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var clock = TimeOnly.FromDateTime(local.DateTime);
        return schedule.IsWorkingDay(DateOnly.FromDateTime(local.DateTime)) && clock >= WorkdayStart && clock < WorkdayEnd;
    }

    /// <summary>
    /// One line per thread (new, or how many new replies, with a link to it) and per GitHub item (new, or a new comment,
    /// with a link to its page in the inbox when the app's public address is known, else to GitHub).
    /// </summary>
    internal static string Compose(IReadOnlyList<NewActivity> items, IReadOnlyList<IssueActivity> issues, string? workspaceUrl, string? appUrl)
    {
        var threads = items.GroupBy(i => i.ThreadId).ToList();
        var total = threads.Count + issues.Count;
        var text = new StringBuilder();
        text.Append(total == 1
            ? ":bell: *1 conversation is waiting for the team*\n"
            : string.Create(CultureInfo.InvariantCulture, $":bell: *{total} conversations are waiting for the team*\n"));
        var listed = 0;
        foreach (var thread in threads.Take(MaxListed))
        {
            var first = thread.First();
            var isNew = thread.Any(i => i.MessageTs == i.ThreadTs);
            var replies = thread.Count(i => i.MessageTs != i.ThreadTs);
            var who = first.UserId is { Length: > 0 } user ? $"<@{user}>" : "someone";
            var what = isNew
                ? replies > 0 ? $"New thread (+{replies} {(replies == 1 ? "reply" : "replies")})" : "New thread"
                : replies == 1 ? "1 new reply" : string.Create(CultureInfo.InvariantCulture, $"{replies} new replies");
            var line = Shorten(FirstLine(first.ThreadText));
            var link = workspaceUrl is null ? "" : $" <{Permalink(workspaceUrl, first.ChannelId, thread.Last().MessageTs, first.ThreadTs)}|open>";
            text.Append(CultureInfo.InvariantCulture, $"• {what} from {who} in <#{first.ChannelId}>: {line}{link}\n");
            listed++;
        }

        foreach (var issue in issues.Take(MaxListed - listed))
        {
            var kind = issue.IsPullRequest ? "pull request" : "issue";
            var what = issue.IsNew ? $"New {kind}" : $"New comment on the {kind}";
            // A GitHub login and title are plain text here: escaped so they cannot act as Slack markup.
            var line = Shorten(SlackText.Escape(issue.Title));
            var url = Uri.TryCreate(appUrl, UriKind.Absolute, out var root)
                ? new Uri(root, string.Create(CultureInfo.InvariantCulture, $"inbox/{issue.ItemId}")).ToString()
                : GitHubUrl(issue.Key);
            text.Append(CultureInfo.InvariantCulture, $"• {what} {SlackText.Escape(issue.Key)} by {SlackText.Escape(issue.Author)}: {line} <{url}|open>\n");
            listed++;
        }

        if (total > listed)
        {
            text.Append(CultureInfo.InvariantCulture, $"…and {total - listed} more in the inbox.\n");
        }

        return text.ToString().TrimEnd();
    }

    /// <summary><c>owner/repo#12</c> → its page on github.com (issues redirect to pull requests there).</summary>
    private static string GitHubUrl(string key)
    {
        var hash = key.LastIndexOf('#');
        return hash < 0 ? "https://github.com/" + key : $"https://github.com/{key[..hash]}/issues/{key[(hash + 1)..]}";
    }

    /// <summary>Slack's permalink shape: <c>archives/C…/p{ts without dot}</c>, replies with <c>thread_ts</c> and <c>cid</c>.</summary>
    internal static string Permalink(string workspaceUrl, string channelId, string messageTs, string threadTs)
    {
        var url = $"{workspaceUrl.TrimEnd('/')}/archives/{channelId}/p{messageTs.Replace(".", "", StringComparison.Ordinal)}";
        return messageTs == threadTs ? url : $"{url}?thread_ts={threadTs}&cid={channelId}";
    }

    private async Task<string?> WorkspaceUrlAsync(CancellationToken cancellationToken)
    {
        if (_workspaceUrl is not null)
        {
            return _workspaceUrl;
        }

        try
        {
            _workspaceUrl = (await slack.AuthTestAsync(cancellationToken)).Url;
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException)
        {
            // Links are a convenience: the message still names the channel.
            logger.LogInformation(ex, "auth.test failed; the on-call message goes without links");
        }

        return _workspaceUrl;
    }

    private static string FirstLine(string text) => text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";

    private static string Shorten(string line)
    {
        var cut = line.Length <= 100 ? line : string.Concat(line.AsSpan(0, 99), "…");
        // The line is Slack's wire text: read it as plain text, then escape it once, so a user's "<!channel>" or link
        // cannot act inside our message and "R&D" does not arrive as "R&amp;D".
        var safe = SlackText.Escape(SlackText.ToPlain(cut));
        return $"“{safe}”";
    }

    /// <summary>One new user message in a thread waiting for the team.</summary>
    internal sealed record NewActivity(long ThreadId, string ChannelId, string ThreadTs, string ThreadText, string MessageTs, string? UserId);
}
