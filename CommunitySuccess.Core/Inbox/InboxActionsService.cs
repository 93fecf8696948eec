using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Notifications;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Core.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.Inbox;

/// <summary>
/// What a person does to a thread in our app: change its status (mirrored in Slack as the team's 👀 / ✅),
/// reply, follow up and close. Each action and its outbound writes are saved in one transaction.
/// </summary>
public sealed class InboxActionsService(
    IDbContextFactory<AppDbContext> dbFactory,
    OutboxService outbox,
    IOptionsMonitor<InboxOptions> options,
    ChangeNotifier notifier,
    TimeProvider time,
    AccountAccess access)
{
    /// <summary>
    /// Sets In Progress, Closed or Open. In Progress adds our 👀 and Closed our ✅ to the question in Slack.
    /// <paramref name="shown"/> is the status the person saw when they clicked: when the thread has moved since (a
    /// colleague's click minutes ago, a Slack reaction), nothing changes and they are told who moved it.
    /// </summary>
    public Task<ActionOutcome> SetStatusAsync(long threadId, ThreadStatus status, AppActor actor, CancellationToken cancellationToken, ThreadStatus? shown = null) =>
        status == ThreadStatus.OnHold
            ? Task.FromResult(ActionOutcome.Refused(ThreadStatusRules.RefusalOnHoldThroughSetStatus))
            : ChangeStatusAsync(threadId, new ThreadFact.SetStatusInApp(status), note: null, actor, shown, cancellationToken);

    /// <summary>Puts a thread On Hold; the note (the reason) is required and kept on the thread.</summary>
    /// <inheritdoc cref="SetStatusAsync" path="/param[@name='shown']"/>
    public Task<ActionOutcome> SetOnHoldAsync(long threadId, string note, AppActor actor, CancellationToken cancellationToken, ThreadStatus? shown = null) =>
        ChangeStatusAsync(threadId, new ThreadFact.SetOnHoldInApp(note ?? ""), note, actor, shown, cancellationToken);

    /// <summary>Replies in the Slack thread through the outbox, signed with the engineer's name.</summary>
    public async Task<ActionOutcome> ReplyAsync(long threadId, string text, AppActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(text))
        {
            return ActionOutcome.Refused("Write a reply first: an empty reply is not sent.");
        }

        if (await access.RefuseAsync(actor, cancellationToken) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var thread = await db.Set<SupportThread>().FirstOrDefaultAsync(t => t.Id == threadId, cancellationToken);
        if (thread is null)
        {
            return ActionOutcome.Refused("That thread no longer exists.");
        }

        var message = outbox.Add(db, OutboxKinds.SlackPostMessage,
            new SlackPostPayload(thread.ChannelId, text.Trim(), thread.Ts, Username: actor.DisplayName), actor.DisplayName, thread.Id,
            createdByUserId: actor.UserId);
        await db.SaveChangesAsync(cancellationToken);
        outbox.Notify();
        notifier.Notify(ChangeArea.Thread, threadId);
        return ActionOutcome.Ok(message.Id);
    }

    /// <summary>"Follow up &amp; close": posts a message tagging the user and closes; the user's answer re-opens it.</summary>
    /// <inheritdoc cref="SetStatusAsync" path="/param[@name='shown']"/>
    public async Task<ActionOutcome> FollowUpAndCloseAsync(long threadId, AppActor actor, CancellationToken cancellationToken, ThreadStatus? shown = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await access.RefuseAsync(actor, cancellationToken) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var thread = await db.Set<SupportThread>().FirstOrDefaultAsync(t => t.Id == threadId, cancellationToken);
        if (thread is null)
        {
            return ActionOutcome.Refused("That thread no longer exists.");
        }

        if (shown is not null && thread.Status != shown)
        {
            return await ChangedMeanwhileAsync(threadId, cancellationToken);
        }

        if (thread.Status == ThreadStatus.Closed)
        {
            return ActionOutcome.Refused("The thread is already closed.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var message = outbox.Add(db, OutboxKinds.SlackPostMessage,
            new SlackPostPayload(thread.ChannelId, FollowUpMessage.Compose(thread.UserId), thread.Ts,
                Username: actor == AppActor.Automatic ? null : actor.DisplayName),
            actor.DisplayName, thread.Id);
        thread.Apply(ThreadStatusRules.Decide(thread.Status, new ThreadFact.FollowUpSent()), now, byAppUser: actor.DisplayName);
        thread.Apply(FollowUpAssessment.NotApplicable);
        if (!await TrySaveAsync(db, cancellationToken))
        {
            // The follow-up was not saved either: it is never sent twice, and the person sees who got there first.
            return await ChangedMeanwhileAsync(threadId, cancellationToken);
        }

        outbox.Notify();
        notifier.Notify(ChangeArea.Thread, threadId);
        return ActionOutcome.Ok(message.Id);
    }

    /// <summary>
    /// Demo seeding: a few In Progress threads to put On Hold, but only while no thread has ever been On Hold
    /// (so a restarted demo does not add more).
    /// </summary>
    public async Task<IReadOnlyList<long>> FindDemoOnHoldCandidatesAsync(int count, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<ThreadNote>().AnyAsync(n => n.Kind == ThreadNoteKind.OnHoldReason, cancellationToken))
        {
            return [];
        }

        return await db.Set<SupportThread>().Where(t => t.Status == ThreadStatus.InProgress)
            .OrderBy(t => t.CreatedAt).Select(t => t.Id).Take(count).ToListAsync(cancellationToken);
    }

    private async Task<ActionOutcome> ChangeStatusAsync(long threadId, ThreadFact fact, string? note, AppActor actor, ThreadStatus? shown, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await access.RefuseAsync(actor, cancellationToken) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var thread = await db.Set<SupportThread>().FirstOrDefaultAsync(t => t.Id == threadId, cancellationToken);
        if (thread is null)
        {
            return ActionOutcome.Refused("That thread no longer exists.");
        }

        if (shown is not null && thread.Status != shown)
        {
            return await ChangedMeanwhileAsync(threadId, cancellationToken);
        }

        var decision = ThreadStatusRules.Decide(thread.Status, fact);
        if (decision.IsRefused)
        {
            return ActionOutcome.Refused(decision.Refusal!);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var before = thread.Status;
        thread.Apply(decision, now, byAppUser: actor.DisplayName);
        thread.Apply(FollowUpRules.Assess(thread, now, options.CurrentValue, now));
        if (note is not null)
        {
            db.Add(new ThreadNote { ThreadId = thread.Id, Author = actor.DisplayName, At = now, Text = note.Trim(), Kind = ThreadNoteKind.OnHoldReason });
        }

        // Mirror the click in Slack the way the team would mark it by hand.
        var reaction = thread.Status switch
        {
            ThreadStatus.InProgress when before != ThreadStatus.InProgress => StatusReactions.Eyes,
            ThreadStatus.Closed when before != ThreadStatus.Closed => StatusReactions.WhiteCheckMark,
            _ => null,
        };
        if (reaction is not null)
        {
            outbox.Add(db, OutboxKinds.SlackAddReaction, new SlackReactionPayload(thread.ChannelId, thread.Ts, reaction), actor.DisplayName, thread.Id);
        }

        if (!await TrySaveAsync(db, cancellationToken))
        {
            return await ChangedMeanwhileAsync(threadId, cancellationToken);
        }

        if (reaction is not null)
        {
            outbox.Notify();
        }

        notifier.Notify(ChangeArea.Thread, threadId);
        return ActionOutcome.Ok();
    }

    /// <summary>
    /// Saves, or answers false when the thread's status moved since it was read (a colleague's click, a Slack event):
    /// the status is a concurrency token, so the later of two writers saves nothing rather than overwrite the earlier.
    /// </summary>
    private static async Task<bool> TrySaveAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    /// <summary>Names who moved the thread meanwhile and to what, so the person whose click lost sees why.</summary>
    private async Task<ActionOutcome> ChangedMeanwhileAsync(long threadId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var latest = await db.Set<ThreadStatusChange>().AsNoTracking().Where(c => c.ThreadId == threadId)
            .OrderByDescending(c => c.At).ThenByDescending(c => c.Id)
            .Select(c => new { c.To, c.ByAppUser, c.BySlackUserId }).FirstOrDefaultAsync(cancellationToken);
        var status = latest?.To ?? (await db.Set<SupportThread>().AsNoTracking().Where(t => t.Id == threadId)
            .Select(t => (ThreadStatus?)t.Status).FirstOrDefaultAsync(cancellationToken));
        if (status is null)
        {
            return ActionOutcome.Refused("That thread no longer exists.");
        }

        var who = latest?.ByAppUser ?? (latest?.BySlackUserId is not null ? "Someone in Slack" : "Someone else");
        return ActionOutcome.Refused($"{who} set this thread to {status.Value.ToDisplayName()} meanwhile: nothing was changed or sent. Look again and retry if still needed.");
    }
}
