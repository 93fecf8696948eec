using System.Globalization;
using System.Text;
using CommunitySuccess.Core.Configuration;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Core.Team;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.OnCall;

/// <summary>GitHub's part of the hand-off post; null shows "—" (not known yet).</summary>
public sealed record HandoffIssueCounts(int? TriageIssues, int? ReadyToNotify)
{
    public static readonly HandoffIssueCounts Unknown = new(null, null);
}

/// <summary>
/// The seam the GitHub feature fills: how many issues wait for triage and how many linked threads are ready to be
/// told about a release. Register an implementation with <c>AddSingleton&lt;IHandoffIssueCounts, …&gt;()</c> after
/// <see cref="OnCallServiceCollectionExtensions.AddOnCall"/>; until then the post shows "—".
/// </summary>
public interface IHandoffIssueCounts
{
    Task<HandoffIssueCounts> GetAsync(CancellationToken cancellationToken);
}

/// <summary>No GitHub feature yet: both counts unknown.</summary>
internal sealed class UnknownHandoffIssueCounts : IHandoffIssueCounts
{
    public Task<HandoffIssueCounts> GetAsync(CancellationToken cancellationToken) => Task.FromResult(HandoffIssueCounts.Unknown);
}

/// <summary>What a hand-off run did.</summary>
public enum HandoffOutcome
{
    /// <summary>Queued the post (and the user-group update) for today's shift.</summary>
    Posted,

    /// <summary>Today's shift was handed off already: a second run the same day posts nothing.</summary>
    AlreadyPosted,

    /// <summary>Nobody is on call (a day off), or the shift under way started on an earlier day.</summary>
    NoShiftToday,

    /// <summary>Neither <c>Slack:TriageChannel</c> nor <c>Slack:OnCallUserGroup</c> is set.</summary>
    NotConfigured,
}

/// <summary>
/// The daily hand-off, run by Hangfire at the hand-off time on working days (in the schedule's time zone). Through
/// the outbox: a post in <c>Slack:TriageChannel</c> naming today's on-call (a mention) with the queue state, and the
/// <c>Slack:OnCallUserGroup</c> made exactly today's on-call. Safe to run twice: the shift date is recorded
/// (unique) in the same transaction as the outbox rows.
/// </summary>
public sealed class OnCallHandoffJob(
    IDbContextFactory<AppDbContext> dbFactory,
    OnCallService onCall,
    OutboxService outbox,
    IHandoffIssueCounts issueCounts,
    InboxQueryService inbox,
    IOptionsMonitor<SlackOptions> slack,
    IOptionsMonitor<AppOptions> app,
    TimeProvider time,
    ILogger<OnCallHandoffJob> logger)
{
    public const string RecurringJobId = "oncall-handoff";

    public async Task<HandoffOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var options = slack.CurrentValue;
        if (string.IsNullOrWhiteSpace(options.TriageChannel) && string.IsNullOrWhiteSpace(options.OnCallUserGroup))
        {
            return HandoffOutcome.NotConfigured;
        }

        var now = time.GetUtcNow();
        var snapshot = await onCall.GetSnapshotAsync(cancellationToken);
        var status = snapshot.StatusAt(now);
        // Only the shift that began today: a late run before today's hand-off must not re-announce yesterday's.
        if (status.Moment.Current is not { } shift || shift.Day.Date != status.Moment.LocalDate)
        {
            return HandoffOutcome.NoShiftToday;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<OnCallHandoff>().AnyAsync(h => h.ShiftDate == shift.Day.Date, cancellationToken))
        {
            return HandoffOutcome.AlreadyPosted;
        }

        var record = new OnCallHandoff { ShiftDate = shift.Day.Date, MemberId = status.Current?.Id, PostedAt = now.UtcDateTime };
        db.Add(record);
        OutboxMessage? post = null;
        if (!string.IsNullOrWhiteSpace(options.TriageChannel))
        {
            var text = await ComposeAsync(db, snapshot, status, shift, cancellationToken);
            post = outbox.Add(db, OutboxKinds.SlackPostMessage, new SlackPostPayload(options.TriageChannel, text), TeamActor.System.DisplayName);
        }

        if (!string.IsNullOrWhiteSpace(options.OnCallUserGroup) && status.Current?.SlackUserId is { Length: > 0 } slackId)
        {
            outbox.Add(db, OutboxKinds.SlackUpdateUserGroup, new SlackUserGroupPayload(options.OnCallUserGroup, [slackId]), TeamActor.System.DisplayName);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            if (!await AlreadyRecordedAsync(shift.Day.Date, cancellationToken))
            {
                throw;
            }

            // A concurrent run recorded the same date first; its outbox rows are the ones that go out.
            return HandoffOutcome.AlreadyPosted;
        }

        if (post is not null)
        {
            record.OutboxId = post.Id;
            await db.SaveChangesAsync(cancellationToken);
        }

        outbox.Notify();
        logger.LogInformation("Hand-off for {Date}: {Name} is on call", shift.Day.Date, status.CurrentLabel);
        return HandoffOutcome.Posted;
    }

    /// <summary>The hand-off post in Slack mrkdwn.</summary>
    internal async Task<string> ComposeAsync(AppDbContext db, OnCallSnapshot snapshot, OnCallStatus status, OnCallShift shift, CancellationToken cancellationToken)
    {
        // The inbox's own counts: Slack threads and GitHub items alike, as the on-call sees them in the queue.
        var counts = await inbox.GetCountsAsync(cancellationToken);
        var slackOnly = await inbox.GetCountsAsync(InboxSourceFilter.Slack, cancellationToken);
        var open = counts[InboxView.Open];
        var waiting = counts.WaitingForTeam;
        var followUp = counts[InboxView.NeedsFollowUp];
        var issues = await issueCounts.GetAsync(cancellationToken);

        var text = new StringBuilder();
        var date = shift.Day.Date.ToString("dddd d MMMM", CultureInfo.InvariantCulture);
        if (status.Current is { } person)
        {
            text.Append(CultureInfo.InvariantCulture, $":sunrise: *Hand-off for {date}*: {person.SlackMention} is on call today");
            if (shift.Day.Substitution is { } substitution)
            {
                var replaced = snapshot.Person(shift.Day.RotationMemberId);
                text.Append(CultureInfo.InvariantCulture, $" (covering for {replaced?.Name ?? "the rotation"}, {substitution.Reason.ToDisplayName().ToLowerInvariant()})");
            }

            text.Append('.');
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture, $":warning: *Hand-off for {date}*: nobody is scheduled today; set the rotation on the On-call page.");
        }

        text.Append('\n');
        text.Append(CultureInfo.InvariantCulture,
            $"• Open in the inbox: *{open}* ({slackOnly[InboxView.Open]} threads, {open - slackOnly[InboxView.Open]} GitHub items; {waiting} waiting for the team)\n");
        text.Append(CultureInfo.InvariantCulture, $"• Needs follow-up: *{followUp}*\n");
        text.Append(CultureInfo.InvariantCulture, $"• Triage issues: *{Count(issues.TriageIssues)}*\n");
        text.Append(CultureInfo.InvariantCulture, $"• Ready to notify: *{Count(issues.ReadyToNotify)}*\n");
        if (status.Next is { } next && status.Moment.Next is { } nextShift)
        {
            text.Append(CultureInfo.InvariantCulture, $"Next on call: {next.Name} ({nextShift.Day.Date.ToString("ddd d MMM", CultureInfo.InvariantCulture)}).");
        }

        if (Uri.TryCreate(app.CurrentValue.PublicUrl, UriKind.Absolute, out var publicUrl))
        {
            text.Append(CultureInfo.InvariantCulture, $" <{new Uri(publicUrl, "oncall")}|Schedule>");
        }

        return text.ToString().TrimEnd();
    }

    private async Task<bool> AlreadyRecordedAsync(DateOnly date, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<OnCallHandoff>().AnyAsync(h => h.ShiftDate == date, cancellationToken);
    }

    private static string Count(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "—";
}
