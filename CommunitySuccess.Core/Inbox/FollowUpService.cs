using CommunitySuccess.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.Inbox;

/// <summary>
/// The 48-hour rule, run after every sync: flags In Progress threads whose user has been silent too long after
/// the team's last message, clears flags that no longer apply, and — when <c>Inbox:AutoFollowUp</c> is on —
/// follows up and closes the threads whose deadline passed while the app was running.
/// </summary>
public sealed class FollowUpService(
    IDbContextFactory<AppDbContext> dbFactory,
    InboxActionsService actions,
    AppClock clock,
    IOptionsMonitor<InboxOptions> options,
    TimeProvider time,
    ILogger<FollowUpService> logger)
{
    public sealed record Result(int Flagged, int AutoFollowedUp);

    public async Task<Result> EvaluateAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await EvaluateOnceAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // A status click or a sync moved a thread while we assessed it: assess again on fresh rows.
            }
        }
    }

    /// <summary>
    /// GitHub items get the flag by the same rule (In Progress, the team spoke last, longer ago than the limit) but are
    /// never followed up automatically: a person posts the comment from the inbox.
    /// </summary>
    private static async Task<int> FlagGitHubItemsAsync(AppDbContext db, DateTime now, InboxOptions inbox, CancellationToken cancellationToken)
    {
        var deadline = now.AddHours(-inbox.FollowUpAfterHours);
        var items = await db.Set<InboxItem>()
            .Where(i => i.Source == InboxSource.GitHub && (i.NeedsFollowUp || (i.Status == ThreadStatus.InProgress && i.LastByTeam)))
            .ToListAsync(cancellationToken);
        var flagged = 0;
        foreach (var item in items)
        {
            item.NeedsFollowUp = item is { Status: ThreadStatus.InProgress, LastByTeam: true, LastTeamActivityAt: { } at } && at <= deadline;
            flagged += item.NeedsFollowUp ? 1 : 0;
        }

        return flagged;
    }

    private async Task<Result> EvaluateOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var inbox = options.CurrentValue;
        var autoIds = new List<long>();
        var flagged = 0;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var candidates = await db.Set<SupportThread>()
                .Where(t => t.NeedsFollowUp || (t.Status == ThreadStatus.InProgress && t.LastMessageByTeam))
                .ToListAsync(cancellationToken);
            foreach (var thread in candidates)
            {
                var assessment = FollowUpRules.Assess(thread, now, inbox, clock.StartedAtUtc);
                thread.Apply(assessment);
                if (assessment.NeedsFollowUp)
                {
                    flagged++;
                }

                if (assessment.MayAutoFollowUp)
                {
                    autoIds.Add(thread.Id);
                }
            }

            flagged += await FlagGitHubItemsAsync(db, now, inbox, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        var followedUp = 0;
        foreach (var id in autoIds)
        {
            if ((await actions.FollowUpAndCloseAsync(id, AppActor.Automatic, cancellationToken)).Succeeded)
            {
                followedUp++;
            }
        }

        if (flagged > 0 || followedUp > 0)
        {
            logger.LogInformation("Follow-up: {Flagged} threads need a follow-up, {Auto} followed up automatically", flagged, followedUp);
        }

        return new Result(flagged, followedUp);
    }
}
