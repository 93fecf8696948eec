using System.Globalization;
using System.Text;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Core.Slack;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.Insights;

/// <summary>What a digest run did.</summary>
public enum DigestOutcome
{
    /// <summary><c>Insights:WeeklyDigest</c> is off, or there is no triage channel.</summary>
    NotConfigured,

    /// <summary>This week's digest is already in the outbox.</summary>
    AlreadyPosted,

    Posted,
}

/// <summary>
/// The Monday digest: last week's main figures (items, first response and time to close medians, the target share,
/// re-opens, follow-ups answered) posted to <c>Slack:TriageChannel</c> through the outbox. Safe to run twice: a week's
/// digest already in the outbox is not queued again.
/// </summary>
public sealed class InsightsDigestJob(
    IDbContextFactory<AppDbContext> dbFactory,
    InsightsService insights,
    OutboxService outbox,
    IOptionsMonitor<InsightsOptions> options,
    IOptionsMonitor<SlackOptions> slack,
    TimeProvider time)
{
    public const string RecurringJobId = "insights-weekly-digest";

    /// <summary>The outbox author of the digest: how a second run recognises the week's post.</summary>
    public const string Author = "CommunitySuccess insights digest";

    public async Task<DigestOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var channel = slack.CurrentValue.TriageChannel;
        if (!options.CurrentValue.WeeklyDigest || string.IsNullOrWhiteSpace(channel))
        {
            return DigestOutcome.NotConfigured;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var thisWeek = InsightsRules.WeekStart(now);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Once a week: reading the outbox without an index of its own costs nothing that matters.
        if (await db.Set<OutboxMessage>().AnyAsync(m => m.CreatedBy == Author && m.CreatedAt >= thisWeek, cancellationToken))
        {
            return DigestOutcome.AlreadyPosted;
        }

        var lastWeek = DateOnly.FromDateTime(thisWeek.AddDays(-7));
        var report = await insights.GetReportAsync(new InsightsQuery(lastWeek, lastWeek.AddDays(6), InboxSourceFilter.All), cancellationToken);
        outbox.Add(db, OutboxKinds.SlackPostMessage, new SlackPostPayload(channel, Compose(report)), Author);
        await db.SaveChangesAsync(cancellationToken);
        outbox.Notify();
        return DigestOutcome.Posted;
    }

    /// <summary>The digest in Slack mrkdwn.</summary>
    public static string Compose(InsightsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var measured = report.Weeks;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"*Community insights, week of {report.Query.From:yyyy-MM-dd}*\n");
        text.Append(CultureInfo.InvariantCulture, $"• {report.Items.Count} new items ({report.Items.Count(i => i.Source == InboxSource.Slack)} Slack, {report.Items.Count(i => i.Source == InboxSource.GitHub)} GitHub)\n");
        var first = InsightsRules.Stat(report.Items.Where(i => i.FirstResponse is not null).Select(i => i.FirstResponse!.Value - i.Created));
        text.Append(CultureInfo.InvariantCulture, $"• First response: median {Hours(first.MedianHours)}, p90 {Hours(first.P90Hours)}\n");
        var met = measured.Sum(w => w.MetIds.Count);
        var decided = measured.Sum(w => w.Decided);
        text.Append(CultureInfo.InvariantCulture, $"• First response within {report.FirstResponseTargetHours} working hours: {(decided == 0 ? "no item decided yet" : $"{met} of {decided} ({100.0 * met / decided:0}%)")}\n");
        var closeMedian = measured.Count == 1 ? measured[0].TimeToClose.MedianHours : null;
        text.Append(CultureInfo.InvariantCulture, $"• Time to close: median {Hours(closeMedian)}\n");
        text.Append(CultureInfo.InvariantCulture, $"• Re-opened: {measured.Sum(w => w.ReopenedIds.Count)} · follow-ups answered: {measured.Sum(w => w.AnsweredIds.Count)} of {measured.Sum(w => w.FollowedUpIds.Count)}\n");
        return text.ToString();
    }

    private static string Hours(double? hours) => hours is { } h ? string.Create(CultureInfo.InvariantCulture, $"{h:0.#} h") : "n/a";
}
