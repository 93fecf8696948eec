using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Notifications;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Core.Shared;
using Microsoft.EntityFrameworkCore;

namespace CommunitySuccess.Core.Inbox;

/// <summary>
/// Notes on a thread by the team: internal ones, and resolutions reached elsewhere (a direct message) that are
/// also posted in the Slack thread so the record is where users look. The note and its post share a transaction.
/// </summary>
public sealed class ThreadNotesService(
    IDbContextFactory<AppDbContext> dbFactory,
    OutboxService outbox,
    ChangeNotifier notifier,
    TimeProvider time,
    AccountAccess access)
{
    /// <summary>The longest note kept.</summary>
    public const int MaxLength = 4000;

    /// <summary>
    /// Adds a note. With <paramref name="alsoPostToThread"/> it is a <see cref="ThreadNoteKind.Resolution"/> and is
    /// posted as a reply in the Slack thread through the outbox; otherwise an <see cref="ThreadNoteKind.Internal"/> note.
    /// </summary>
    public async Task<ActionOutcome> AddAsync(long threadId, string text, bool alsoPostToThread, AppActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await access.RefuseAsync(actor, cancellationToken) is { } refused)
        {
            return refused;
        }
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return ActionOutcome.Refused("Write the note first: an empty note is not saved.");
        }

        if (trimmed.Length > MaxLength)
        {
            return ActionOutcome.Refused($"Keep a note under {MaxLength} characters.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var thread = await db.Set<SupportThread>().FirstOrDefaultAsync(t => t.Id == threadId, cancellationToken);
        if (thread is null)
        {
            return ActionOutcome.Refused("That thread no longer exists.");
        }

        db.Add(new ThreadNote
        {
            ThreadId = threadId,
            Author = actor.DisplayName,
            At = time.GetUtcNow().UtcDateTime,
            Text = trimmed,
            Kind = alsoPostToThread ? ThreadNoteKind.Resolution : ThreadNoteKind.Internal,
            AlsoPostedToThread = alsoPostToThread,
        });
        OutboxMessage? post = null;
        if (alsoPostToThread)
        {
            post = outbox.Add(db, OutboxKinds.SlackPostMessage,
                new SlackPostPayload(thread.ChannelId, trimmed, thread.Ts, Username: actor.DisplayName), actor.DisplayName, threadId);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (post is not null)
        {
            outbox.Notify();
        }

        notifier.Notify(ChangeArea.Thread, threadId);
        return post is null ? ActionOutcome.Ok() : ActionOutcome.Ok(post.Id);
    }

    /// <summary>The thread's notes, oldest first.</summary>
    public async Task<IReadOnlyList<ThreadNoteView>> ListAsync(long threadId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<ThreadNote>().AsNoTracking().Where(n => n.ThreadId == threadId).OrderBy(n => n.At).ThenBy(n => n.Id)
            .Select(n => new ThreadNoteView(n.Id, n.Author, n.At, n.Text, n.Kind, n.AlsoPostedToThread))
            .ToListAsync(cancellationToken);
    }
}
