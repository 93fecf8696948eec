using System.Globalization;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Notifications;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Core.Shared;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Core.SlackMarkup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.Slack;

/// <summary>
/// The inbox's actions beyond status and reply (<see cref="InboxActionsService"/>): "Not a support thread",
/// "Refer to product", "Triage conversation", editing or deleting one's own reply, and retrying a failed write.
/// Each change and its outbound writes are saved in one transaction.
/// </summary>
public sealed class InboxWorkflowService(
    IDbContextFactory<AppDbContext> dbFactory,
    OutboxService outbox,
    SlackLookupService slackLookup,
    IOptionsMonitor<SlackOptions> slackOptions,
    IOptionsMonitor<InboxOptions> inboxOptions,
    ChangeNotifier notifier,
    TimeProvider time,
    AccountAccess access)
{
    /// <summary>The longest note or comment kept.</summary>
    public const int MaxNoteLength = 4000;

    private const string ThreadGone = "That thread no longer exists.";

    /// <summary>Marks a thread as not a support thread (announcement, spam): out of queues and counts, not Closed. Or back.</summary>
    public async Task<ActionOutcome> SetNotSupportAsync(long threadId, bool isNotSupport, AppActor actor, CancellationToken cancellationToken)
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
            return ActionOutcome.Refused(ThreadGone);
        }

        if (thread.IsNotSupport == isNotSupport)
        {
            return ActionOutcome.Ok();
        }

        var now = time.GetUtcNow().UtcDateTime;
        thread.SetNotSupport(isNotSupport);
        thread.Apply(FollowUpRules.Assess(thread, now, inboxOptions.CurrentValue, now));
        db.Add(new ThreadNote
        {
            ThreadId = threadId,
            Author = actor.DisplayName,
            At = now,
            Text = isNotSupport ? "Marked as not a support thread." : "Marked as a support thread again.",
            Kind = ThreadNoteKind.Internal,
        });
        await db.SaveChangesAsync(cancellationToken);
        notifier.Notify(ChangeArea.Thread, threadId);
        return ActionOutcome.Ok();
    }

    /// <summary>Refers the thread to the product team with a note (required); it shows on the Monday review board.</summary>
    public async Task<ActionOutcome> ReferToProductAsync(long threadId, string note, AppActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await access.RefuseAsync(actor, cancellationToken) is { } refused)
        {
            return refused;
        }
        var text = note?.Trim() ?? "";
        if (text.Length == 0)
        {
            return ActionOutcome.Refused("Say why the product team should look at this thread: the note is required.");
        }

        if (text.Length > MaxNoteLength)
        {
            return ActionOutcome.Refused($"Keep the note under {MaxNoteLength} characters.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var thread = await db.Set<SupportThread>().FirstOrDefaultAsync(t => t.Id == threadId, cancellationToken);
        if (thread is null)
        {
            return ActionOutcome.Refused(ThreadGone);
        }

        var now = time.GetUtcNow().UtcDateTime;
        thread.ReferredToProduct = true;
        thread.ReferredToProductAt = now;
        thread.ReferredToProductNote = text;
        db.Add(new ThreadNote { ThreadId = threadId, Author = actor.DisplayName, At = now, Text = text, Kind = ThreadNoteKind.ProductReferral });
        await db.SaveChangesAsync(cancellationToken);
        notifier.Notify(ChangeArea.Thread, threadId);
        return ActionOutcome.Ok();
    }

    /// <summary>
    /// "Triage conversation": posts to <c>Slack:TriageChannel</c> who asked, the status, the permalink and the
    /// optional comment, so the team can discuss the thread.
    /// </summary>
    public async Task<ActionOutcome> TriageAsync(long threadId, string? comment, AppActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await access.RefuseAsync(actor, cancellationToken) is { } refused)
        {
            return refused;
        }
        var channel = slackOptions.CurrentValue.TriageChannel;
        if (string.IsNullOrWhiteSpace(channel))
        {
            return ActionOutcome.Refused("No triage channel is configured: set Slack:TriageChannel.");
        }

        comment = comment?.Trim();
        if (comment?.Length > MaxNoteLength)
        {
            return ActionOutcome.Refused($"Keep the comment under {MaxNoteLength} characters.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var thread = await db.Set<SupportThread>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == threadId, cancellationToken);
        if (thread is null)
        {
            return ActionOutcome.Refused(ThreadGone);
        }

        var userName = await db.Set<SlackUserProfile>().Where(p => p.SlackUserId == thread.UserId)
            .Select(p => p.DisplayName != "" ? p.DisplayName : p.RealName != "" ? p.RealName : p.Name)
            .FirstOrDefaultAsync(cancellationToken);
        var permalink = await slackLookup.PermalinkAsync(thread.ChannelId, thread.Ts, cancellationToken);
        var text = ComposeTriage(thread, string.IsNullOrWhiteSpace(userName) ? thread.UserId : userName, permalink, comment, actor,
            time.GetUtcNow().UtcDateTime);
        var post = outbox.Add(db, OutboxKinds.SlackPostMessage, new SlackPostPayload(channel.Trim(), text, Username: actor.DisplayName),
            actor.DisplayName, threadId);
        await db.SaveChangesAsync(cancellationToken);
        outbox.Notify();
        notifier.Notify(ChangeArea.Thread, threadId);
        return ActionOutcome.Ok(post.Id);
    }

    /// <summary>Edits a reply the actor sent from our app (<c>chat.update</c> through the outbox).</summary>
    public Task<ActionOutcome> EditReplyAsync(long threadId, long messageId, string text, AppActor actor, CancellationToken cancellationToken)
    {
        var trimmed = text?.Trim() ?? "";
        return trimmed.Length == 0
            ? Task.FromResult(ActionOutcome.Refused("A reply cannot be empty: delete it instead."))
            : ChangeOwnReplyAsync(threadId, messageId, trimmed, actor, cancellationToken);
    }

    /// <summary>Deletes a reply the actor sent from our app (<c>chat.delete</c> through the outbox).</summary>
    public Task<ActionOutcome> DeleteReplyAsync(long threadId, long messageId, AppActor actor, CancellationToken cancellationToken) =>
        ChangeOwnReplyAsync(threadId, messageId, newText: null, actor, cancellationToken);

    /// <summary>Sends a failed write of this thread again.</summary>
    public async Task<ActionOutcome> RetryAsync(long threadId, long outboxId, AppActor actor, CancellationToken cancellationToken)
    {
        if (await access.RefuseAsync(actor, cancellationToken) is { } refused)
        {
            return refused;
        }

        var writes = await outbox.ListForThreadAsync(threadId, cancellationToken);
        if (writes.FirstOrDefault(w => w.Id == outboxId) is not { Status: OutboxStatus.Failed })
        {
            return ActionOutcome.Refused("Only a failed write of this thread can be retried.");
        }

        var retried = await outbox.RetryAsync(outboxId, cancellationToken);
        notifier.Notify(ChangeArea.Thread, threadId);
        return retried ? ActionOutcome.Ok(outboxId) : ActionOutcome.Refused("It is no longer failed.");
    }

    /// <summary>The triage post (Slack mrkdwn); user-written parts are escaped so they cannot ping or link.</summary>
    public static string ComposeTriage(SupportThread thread, string userName, string permalink, string? comment, AppActor actor, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(thread);
        ArgumentNullException.ThrowIfNull(actor);
        var facts = new List<string> { thread.Status.ToDisplayName(), $"{thread.MessageCount} message{(thread.MessageCount == 1 ? "" : "s")}" };
        if (thread.WaitingForTeamSince is { } since)
        {
            facts.Add("waiting for the team " + Duration(nowUtc - since));
        }

        var lines = new List<string>
        {
            $":mag: *Triage:* a question from *{Escape(userName)}* in <#{thread.ChannelId}> · {string.Join(" · ", facts)}",
            "> " + Escape(SlackMrkdwn.ToPlainText(thread.FirstLine)),
            $"<{permalink}|Open the thread>",
        };
        if (!string.IsNullOrWhiteSpace(comment))
        {
            lines.Add($"*{Escape(actor.DisplayName)}:* {Escape(comment)}");
        }

        return string.Join('\n', lines);
    }

    private async Task<ActionOutcome> ChangeOwnReplyAsync(long threadId, long messageId, string? newText, AppActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await access.RefuseAsync(actor, cancellationToken) is { } refused)
        {
            return refused;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var message = await db.Set<ThreadMessage>().AsNoTracking().Include(m => m.Thread)
            .FirstOrDefaultAsync(m => m.Id == messageId && m.ThreadId == threadId, cancellationToken);
        if (message?.Thread is null || message.IsDeleted)
        {
            return ActionOutcome.Refused("That reply no longer exists.");
        }

        var writes = await outbox.ListForThreadAsync(threadId, cancellationToken);
        var sent = message.OutboxId is { } outboxId ? writes.FirstOrDefault(w => w.Id == outboxId) : null;
        // "Mine" by account id when both are known (two engineers may share a name), else by the name it was signed with.
        var mine = sent is not null && (sent.CreatedByUserId is not null && actor.UserId is not null
            ? string.Equals(sent.CreatedByUserId, actor.UserId, StringComparison.Ordinal)
            : string.Equals(sent.CreatedBy, actor.DisplayName, StringComparison.Ordinal));
        if (!mine)
        {
            return ActionOutcome.Refused("You can only change replies you sent from CommunitySuccess.");
        }

        var write = outbox.Add(db, newText is null ? OutboxKinds.SlackDeleteMessage : OutboxKinds.SlackUpdateMessage,
            new SlackMessageEditPayload(message.ChannelId, message.Ts, newText, message.Thread.Ts), actor.DisplayName, threadId);
        await db.SaveChangesAsync(cancellationToken);
        outbox.Notify();
        notifier.Notify(ChangeArea.Thread, threadId);
        return ActionOutcome.Ok(write.Id);
    }

    private static string Escape(string text) => SlackText.Escape(text);

    private static string Duration(TimeSpan span) => span switch
    {
        { TotalMinutes: < 1 } => "just now",
        { TotalHours: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min"),
        { TotalDays: < 2 } => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays} days"),
    };
}
