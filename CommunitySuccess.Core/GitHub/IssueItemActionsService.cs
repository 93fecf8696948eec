using System.Text.RegularExpressions;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Notifications;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Core.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.GitHub;

/// <summary>
/// What a person does to a GitHub item from the inbox: set In Progress (mirrored as our 👀 on the issue), put On Hold
/// with a note, close with a choice that fits the item (and its write to GitHub), follow up and close. Each status
/// move goes through <see cref="IssueStatusRules"/> and is saved with its outbox writes in one transaction.
/// </summary>
public sealed partial class IssueItemActionsService(
    IDbContextFactory<AppDbContext> dbFactory,
    OutboxService outbox,
    IOptionsMonitor<GitHubOptions> options,
    ChangeNotifier notifier,
    TimeProvider time,
    AccountAccess access)
{
    /// <summary>The follow-up comment after the mention.</summary>
    public const string FollowUpText =
        "Did this answer your question? We're marking this as done on our side for now; just comment here if you still need help.";

    private const string ItemGone = "That item is no longer in the inbox.";

    /// <summary>Sets In Progress; adds our 👀 reaction to the issue on GitHub.</summary>
    /// <remarks>
    /// Every action takes the status the person saw when they clicked (<c>shown</c>): when the item has moved since (a
    /// colleague's click, a GitHub event), nothing changes and they are told who moved it.
    /// </remarks>
    public Task<ActionOutcome> SetInProgressAsync(long itemId, AppActor actor, CancellationToken cancellationToken, ThreadStatus? shown = null) =>
        ChangeAsync(itemId, new IssueFact.SetInProgressInApp(), actor, note: null, shown, (db, issue) =>
            [outbox.Add(db, GitHubOutboxKinds.AddReaction, new GitHubReactionPayload(issue.Repository, issue.Number, "eyes"), actor.DisplayName, issueKey: issue.Key)],
            cancellationToken);

    /// <summary>Puts the item On Hold; the note (the reason) is required.</summary>
    public Task<ActionOutcome> SetOnHoldAsync(long itemId, string note, AppActor actor, CancellationToken cancellationToken, ThreadStatus? shown = null) =>
        ChangeAsync(itemId, new IssueFact.SetOnHoldInApp(note ?? ""), actor, note?.Trim(), shown, (_, _) => [], cancellationToken);

    /// <summary>
    /// Closes the item with <paramref name="choice"/>: Answered removes the Triage label, Needs product review replaces it
    /// by Product review, Close on GitHub closes the issue, No reply needed writes nothing (the next outside comment re-opens it).
    /// </summary>
    public Task<ActionOutcome> CloseAsync(long itemId, IssueCloseChoice choice, AppActor actor, CancellationToken cancellationToken, ThreadStatus? shown = null)
    {
        var labels = options.CurrentValue.Labels;
        return ChangeAsync(itemId, new IssueFact.CloseInApp(choice), actor, note: null, shown, (db, issue) =>
        {
            var writes = new List<OutboxMessage>();
            var has = issue.LabelNames;
            switch (choice)
            {
                case IssueCloseChoice.Answered when has.Contains(labels.Triage):
                    writes.Add(outbox.Add(db, GitHubOutboxKinds.RemoveLabel, new GitHubLabelsPayload(issue.Repository, issue.Number, [labels.Triage]), actor.DisplayName, issueKey: issue.Key));
                    break;
                case IssueCloseChoice.NeedsProductReview:
                    writes.AddRange(ProductReviewWrites.Queue(outbox, db, issue, labels, actor));
                    break;
                case IssueCloseChoice.CloseOnGitHub when issue.IsOpen:
                    writes.Add(outbox.Add(db, GitHubOutboxKinds.Close, new GitHubClosePayload(issue.Repository, issue.Number, NotPlanned: false), actor.DisplayName, issueKey: issue.Key));
                    break;
            }

            return writes;
        }, cancellationToken);
    }

    /// <summary>
    /// "Follow up &amp; close": comments mentioning the author and marks the item Closed; the issue stays open on GitHub
    /// unless <paramref name="closeOnGitHub"/>. Never automatic for GitHub items.
    /// </summary>
    public Task<ActionOutcome> FollowUpAndCloseAsync(long itemId, bool closeOnGitHub, AppActor actor, CancellationToken cancellationToken, ThreadStatus? shown = null) =>
        ChangeAsync(itemId, new IssueFact.FollowUpSent(), actor, note: null, shown, (db, issue) =>
        {
            List<OutboxMessage> writes =
            [
                outbox.Add(db, GitHubOutboxKinds.Comment, new GitHubCommentPayload(issue.Repository, issue.Number, ComposeFollowUp(issue.AuthorLogin)), actor.DisplayName, issueKey: issue.Key),
            ];
            if (closeOnGitHub && issue.IsOpen)
            {
                writes.Add(outbox.Add(db, GitHubOutboxKinds.Close, new GitHubClosePayload(issue.Repository, issue.Number, NotPlanned: false), actor.DisplayName, issueKey: issue.Key));
            }

            return writes;
        }, cancellationToken);

    /// <summary>The follow-up comment: <c>@login</c> and <see cref="FollowUpText"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="login"/> is not a GitHub login.</exception>
    public static string ComposeFollowUp(string login)
    {
        if (login is null || !Login().IsMatch(login))
        {
            throw new ArgumentException($"'{login}' is not a GitHub login.", nameof(login));
        }

        return $"@{login} {FollowUpText}";
    }

    private async Task<ActionOutcome> ChangeAsync(
        long itemId,
        IssueFact fact,
        AppActor actor,
        string? note,
        ThreadStatus? shown,
        Func<AppDbContext, GitHubIssue, IReadOnlyList<OutboxMessage>> writes,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await access.RefuseAsync(actor, cancellationToken) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var item = await db.Set<InboxItem>().FirstOrDefaultAsync(i => i.Id == itemId && i.Source == InboxSource.GitHub, cancellationToken);
        var issue = item?.GitHubIssueId is { } issueId
            ? await db.Set<GitHubIssue>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == issueId, cancellationToken)
            : null;
        if (item is null || issue is null)
        {
            return ActionOutcome.Refused(ItemGone);
        }

        if (shown is not null && item.Status != shown)
        {
            var latest = await db.Set<InboxItemStatusChange>().AsNoTracking().Where(c => c.ItemId == itemId)
                .OrderByDescending(c => c.At).ThenByDescending(c => c.Id).Select(c => c.By).FirstOrDefaultAsync(cancellationToken);
            return ActionOutcome.Refused($"{latest ?? "Someone else"} set {issue.Key} to {item.Status.ToDisplayName()} meanwhile: nothing was changed or sent. Look again and retry if still needed.");
        }

        var decision = IssueStatusRules.Decide(item.Status, fact);
        if (decision.IsRefused)
        {
            return ActionOutcome.Refused(decision.Refusal!);
        }

        if (!decision.ChangesStatus && fact is not IssueFact.SetOnHoldInApp)
        {
            return ActionOutcome.Refused($"{issue.Key} is already {item.Status.ToDisplayName()}.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        IssueInboxIngest.Apply(db, item, decision, now, actor.DisplayName);
        if (note is not null && db.ChangeTracker.Entries<InboxItemStatusChange>().LastOrDefault(e => e.State == EntityState.Added) is { } change)
        {
            change.Entity.Note = note;
        }
        else if (note is not null)
        {
            // Already On Hold: the new note is a fresh reason, recorded as such.
            db.Add(new InboxItemStatusChange { Item = item, From = item.Status, To = item.Status, At = now, Reason = "note", By = actor.DisplayName, Note = note });
        }

        var queued = writes(db, issue);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ActionOutcome.Refused($"{issue.Key} changed meanwhile (someone else, or GitHub): look again and retry.");
        }

        if (queued.Count > 0)
        {
            outbox.Notify();
        }

        notifier.Notify(ChangeArea.GitHub, itemId);
        return ActionOutcome.Ok([.. queued.Select(m => m.Id)]);
    }

    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$")]
    private static partial Regex Login();
}
