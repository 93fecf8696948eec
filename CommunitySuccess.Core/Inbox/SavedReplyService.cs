using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Shared;
using Microsoft.EntityFrameworkCore;

namespace CommunitySuccess.Core.Inbox;

/// <summary>What an admin typed for a saved reply; <see cref="Id"/> null adds a new one.</summary>
public sealed record SavedReplyInput(int? Id, string Title, string Text);

/// <summary>
/// Saved replies: listed in the reply box, edited by admins on <c>/admin/saved-replies</c>. The four defaults
/// of PRODUCT.md are seeded the first time anybody asks, and only then (archived rows keep them from coming back).
/// </summary>
public sealed class SavedReplyService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider time, AccountAccess access)
{
    /// <summary>The defaults: off hours, asking internally, the follow-up, and the debugging-call offer.</summary>
    public static IReadOnlyList<SavedReplyInput> Defaults { get; } =
    [
        new(null, "Off hours: we will reply soon",
            "Hi {user}, thanks for your question! The team is not available right now; we will reply soon."),
        new(null, "Asking the team internally",
            "Thanks {user}! I am asking the team internally and will get back to you in this thread."),
        new(null, "Follow-up", "{user} " + FollowUpMessage.DefaultText),
        new(null, "Offer a debugging call",
            "Hi {user}, this would be quicker to sort out together. Would you like a short debugging call with {oncall}? Pick a time that suits you here: {call_booking_url}"),
    ];

    private readonly SemaphoreSlim _seedGate = new(1, 1);
    private volatile bool _seeded;

    /// <summary>The saved replies to offer, in menu order.</summary>
    public async Task<IReadOnlyList<SavedReply>> ListAsync(CancellationToken cancellationToken)
    {
        await EnsureSeededAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<SavedReply>().AsNoTracking().Where(r => !r.IsArchived)
            .OrderBy(r => r.SortOrder).ThenBy(r => r.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Adds or changes a saved reply. Refuses an empty title or text, or text over the limits.</summary>
    public async Task<ActionOutcome> SaveAsync(SavedReplyInput input, AppActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (await access.RefuseAsync(actor, cancellationToken, AccountAccess.AdminRoles) is { } refused)
        {
            return refused;
        }

        var title = input.Title?.Trim() ?? "";
        var text = input.Text?.Trim() ?? "";
        if (title.Length == 0 || text.Length == 0)
        {
            return ActionOutcome.Refused("A saved reply needs a title and a text.");
        }

        if (title.Length > SavedReply.TitleMaxLength || text.Length > SavedReply.TextMaxLength)
        {
            return ActionOutcome.Refused(
                $"Keep the title under {SavedReply.TitleMaxLength} characters and the text under {SavedReply.TextMaxLength}.");
        }

        await EnsureSeededAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        SavedReply? reply;
        if (input.Id is { } id)
        {
            reply = await db.Set<SavedReply>().FirstOrDefaultAsync(r => r.Id == id && !r.IsArchived, cancellationToken);
            if (reply is null)
            {
                return ActionOutcome.Refused("That saved reply no longer exists.");
            }

            reply.Title = title;
            reply.Text = text;
        }
        else
        {
            var last = await db.Set<SavedReply>().MaxAsync(r => (int?)r.SortOrder, cancellationToken) ?? 0;
            reply = new SavedReply { Title = title, Text = text, SortOrder = last + 1 };
            db.Add(reply);
        }

        reply.UpdatedAt = time.GetUtcNow().UtcDateTime;
        reply.UpdatedBy = actor.DisplayName;
        await db.SaveChangesAsync(cancellationToken);
        return ActionOutcome.Ok();
    }

    /// <summary>Removes a saved reply from the menu.</summary>
    public async Task<ActionOutcome> ArchiveAsync(int id, AppActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await access.RefuseAsync(actor, cancellationToken, AccountAccess.AdminRoles) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var reply = await db.Set<SavedReply>().FirstOrDefaultAsync(r => r.Id == id && !r.IsArchived, cancellationToken);
        if (reply is null)
        {
            return ActionOutcome.Refused("That saved reply no longer exists.");
        }

        reply.IsArchived = true;
        reply.UpdatedAt = time.GetUtcNow().UtcDateTime;
        reply.UpdatedBy = actor.DisplayName;
        await db.SaveChangesAsync(cancellationToken);
        return ActionOutcome.Ok();
    }

    /// <summary>Seeds <see cref="Defaults"/> while the table has never had a row. Safe to call from anywhere, any time.</summary>
    public async Task EnsureSeededAsync(CancellationToken cancellationToken)
    {
        if (_seeded)
        {
            return;
        }

        await _seedGate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (!await db.Set<SavedReply>().AnyAsync(cancellationToken))
            {
                var now = time.GetUtcNow().UtcDateTime;
                db.AddRange(Defaults.Select((d, i) => new SavedReply
                {
                    Title = d.Title,
                    Text = d.Text,
                    SortOrder = i + 1,
                    UpdatedAt = now,
                    UpdatedBy = "CommunitySuccess",
                }));
                await db.SaveChangesAsync(cancellationToken);
            }

            _seeded = true;
        }
        finally
        {
            _seedGate.Release();
        }
    }
}
