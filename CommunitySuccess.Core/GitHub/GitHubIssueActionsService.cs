using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Notifications;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Core.Shared;
using CommunitySuccess.Core.Team;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.GitHub;

/// <summary>
/// What the on-call engineer does to an issue from the GitHub desk: comment, send to product review, add to the
/// community backlog, close, assign to themself. Each is an outbox write tagged with the issue
/// (<see cref="OutboxMessage.IssueKey"/>), sent exactly once by <see cref="GitHubOutboxSender"/>; the synced issue
/// changes when GitHub confirms.
/// </summary>
public sealed class GitHubIssueActionsService(
    IDbContextFactory<AppDbContext> dbFactory,
    OutboxService outbox,
    TeamService team,
    IOptionsMonitor<GitHubOptions> options,
    ChangeNotifier notifier,
    AccountAccess access)
{
    /// <summary>GitHub's limit on an issue comment's length.</summary>
    public const int MaxCommentLength = 65_000;

    /// <summary>Sends a failed write of this issue again (it keeps its tag, so a send that did go through is found first).</summary>
    public async Task<ActionOutcome> RetryAsync(string repository, int number, long outboxId, AppActor actor, CancellationToken cancellationToken)
    {
        if (await access.RefuseAsync(actor, cancellationToken) is { } refused)
        {
            return refused;
        }

        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var issue = await db.Set<GitHubIssue>().AsNoTracking().FirstOrDefaultAsync(i => i.Repository == repository && i.Number == number, cancellationToken);
            var key = issue?.Key;
            if (key is null || !await db.Set<OutboxMessage>().AnyAsync(m => m.Id == outboxId && m.IssueKey == key && m.Status == OutboxStatus.Failed, cancellationToken))
            {
                return ActionOutcome.Refused("Only a failed write of this issue can be retried.");
            }
        }

        var retried = await outbox.RetryAsync(outboxId, cancellationToken);
        notifier.Notify(ChangeArea.GitHub);
        return retried ? ActionOutcome.Ok(outboxId) : ActionOutcome.Refused("It is no longer failed.");
    }

    /// <summary>Comments on the issue or pull request.</summary>
    public async Task<ActionOutcome> CommentAsync(string repository, int number, string body, AppActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(body))
        {
            return ActionOutcome.Refused("Write a comment first: an empty comment is not sent.");
        }

        if (body.Length > MaxCommentLength)
        {
            return ActionOutcome.Refused($"The comment is {body.Length:N0} characters long; GitHub takes at most {MaxCommentLength:N0}.");
        }

        return await WriteAsync(repository, number, actor, (db, issue) =>
            Planned.Writes(outbox.Add(db, GitHubOutboxKinds.Comment, new GitHubCommentPayload(issue.Repository, number, body.Trim()), actor.DisplayName, issueKey: issue.Key, createdByUserId: actor.UserId)),
            cancellationToken);
    }

    /// <summary>
    /// Replaces the text of a comment the signed-in person wrote in our app (it keeps its hidden tag). Comments written
    /// on GitHub, or by someone else here, are refused: edit those on GitHub.
    /// </summary>
    public async Task<ActionOutcome> EditCommentAsync(string repository, int number, long commentId, string body, AppActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(body))
        {
            return ActionOutcome.Refused("A comment cannot be emptied: delete it instead.");
        }

        if (body.Length > MaxCommentLength)
        {
            return ActionOutcome.Refused($"The comment is {body.Length:N0} characters long; GitHub takes at most {MaxCommentLength:N0}.");
        }

        var (original, refusal) = await FindOwnCommentAsync(repository, number, commentId, actor, "edit", cancellationToken);
        return original is null
            ? ActionOutcome.Refused(refusal!)
            : await WriteAsync(repository, number, actor, (db, issue) => Planned.Writes(outbox.Add(db, GitHubOutboxKinds.EditComment,
                new GitHubCommentEditPayload(issue.Repository, number, commentId, GitHubOutboxSender.Tagged(body.Trim(), original.Id)),
                actor.DisplayName, issueKey: issue.Key, createdByUserId: actor.UserId)), cancellationToken);
    }

    /// <summary>Deletes a comment the signed-in person wrote in our app; others are refused, as for an edit.</summary>
    public async Task<ActionOutcome> DeleteCommentAsync(string repository, int number, long commentId, AppActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (original, refusal) = await FindOwnCommentAsync(repository, number, commentId, actor, "delete", cancellationToken);
        return original is null
            ? ActionOutcome.Refused(refusal!)
            : await WriteAsync(repository, number, actor, (db, issue) => Planned.Writes(outbox.Add(db, GitHubOutboxKinds.DeleteComment,
                new GitHubCommentDeletePayload(issue.Repository, number, commentId), actor.DisplayName, issueKey: issue.Key, createdByUserId: actor.UserId)),
                cancellationToken);
    }

    /// <summary>The outbox write that posted the comment, when <paramref name="actor"/> asked for it; else why they may not change it.</summary>
    private async Task<(OutboxMessage? Original, string? Refusal)> FindOwnCommentAsync(
        string repository, int number, long commentId, AppActor actor, string verb, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Set<GitHubComment>().AnyAsync(c => c.Id == commentId && c.Repository == repository && c.IssueNumber == number, cancellationToken))
        {
            return (null, "That comment is gone: it was deleted, or it belongs to another issue.");
        }

        var reference = commentId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var key = $"{repository}#{number}";
        var original = await db.Set<OutboxMessage>().AsNoTracking()
            .FirstOrDefaultAsync(m => m.Kind == GitHubOutboxKinds.Comment && m.IssueKey == key && m.ResultRef == reference, cancellationToken);
        if (original is null)
        {
            return (null, $"That comment was written on GitHub, not here: {verb} it on GitHub.");
        }

        return actor.Wrote(original.CreatedByUserId, original.CreatedBy)
            ? (original, null)
            : (null, $"Only {original.CreatedBy}, who wrote that comment, can {verb} it here.");
    }

    /// <summary>"Needs product review": adds the Product review label, then removes the Triage label (two writes).</summary>
    public Task<ActionOutcome> SendToProductReviewAsync(string repository, int number, AppActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var labels = options.CurrentValue.Labels;
        return WriteAsync(repository, number, actor, (db, issue) =>
        {
            var writes = ProductReviewWrites.Queue(outbox, db, issue, labels, actor);
            return writes.Count == 0 ? Planned.Refusal($"{issue.Key} already carries '{labels.ProductReview}' and not '{labels.Triage}'.") : new Planned(writes, null);
        }, cancellationToken);
    }

    /// <summary>Adds the Community label (the community backlog).</summary>
    public Task<ActionOutcome> AddCommunityLabelAsync(string repository, int number, AppActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var community = options.CurrentValue.Labels.Community;
        return WriteAsync(repository, number, actor, (db, issue) => issue.LabelNames.Contains(community)
            ? Planned.Refusal($"{issue.Key} already carries '{community}'.")
            : Planned.Writes(outbox.Add(db, GitHubOutboxKinds.AddLabels, new GitHubLabelsPayload(issue.Repository, number, [community]), actor.DisplayName, issueKey: issue.Key, createdByUserId: actor.UserId)),
            cancellationToken);
    }

    /// <summary>Closes the issue as completed or as not planned.</summary>
    public Task<ActionOutcome> CloseAsync(string repository, int number, GitHubCloseReason reason, AppActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return WriteAsync(repository, number, actor, (db, issue) => !issue.IsOpen
            ? Planned.Refusal($"{issue.Key} is already closed.")
            : Planned.Writes(outbox.Add(db, GitHubOutboxKinds.Close, new GitHubClosePayload(issue.Repository, number, reason == GitHubCloseReason.NotPlanned), actor.DisplayName, issueKey: issue.Key, createdByUserId: actor.UserId)),
            cancellationToken);
    }

    /// <summary>
    /// Assigns the issue to the signed-in person: the team member with the account's email, by their GitHub login.
    /// Refused, saying what to fix, when the account has no team member or the member no GitHub login.
    /// </summary>
    public async Task<ActionOutcome> AssignToMeAsync(string repository, int number, AppActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var login = await GitHubLoginOfAsync(actor, cancellationToken);
        if (login.Error is not null)
        {
            return ActionOutcome.Refused(login.Error);
        }

        return await WriteAsync(repository, number, actor, (db, issue) =>
            issue.AssigneeLogins.Contains(login.Login!, StringComparer.OrdinalIgnoreCase)
                ? Planned.Refusal($"{issue.Key} is already assigned to {login.Login}.")
                : Planned.Writes(outbox.Add(db, GitHubOutboxKinds.Assign, new GitHubAssignPayload(issue.Repository, number, login.Login!), actor.DisplayName, issueKey: issue.Key, createdByUserId: actor.UserId)),
            cancellationToken);
    }

    /// <summary>The GitHub login of the signed-in person ("me"), or why there is none.</summary>
    public async Task<(string? Login, string? Error)> GitHubLoginOfAsync(AppActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(actor.Email))
        {
            return (null, "Your account has no email, so it matches no team member: assign from GitHub instead.");
        }

        var member = await team.FindByEmailAsync(actor.Email, cancellationToken)
            ?? (await team.ListAsync(cancellationToken)).FirstOrDefault(m => string.Equals(m.Email, actor.Email, StringComparison.OrdinalIgnoreCase));
        if (member is null)
        {
            return (null, $"No team member has the email {actor.Email}: add yourself to the team (with your GitHub login) to assign issues to yourself.");
        }

        return string.IsNullOrWhiteSpace(member.GitHubLogin)
            ? (null, $"The team member {member.Name} has no GitHub login: add it on the team page to assign issues to yourself.")
            : (member.GitHubLogin, null);
    }

    private async Task<ActionOutcome> WriteAsync(
        string repository,
        int number,
        AppActor actor,
        Func<AppDbContext, GitHubIssue, Planned> write,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(repository) || number <= 0)
        {
            return ActionOutcome.Refused("Name an issue as owner/repo and a number.");
        }

        if (await access.RefuseAsync(actor, cancellationToken) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var issue = await db.Set<GitHubIssue>().AsNoTracking().FirstOrDefaultAsync(i => i.Repository == repository && i.Number == number, cancellationToken);
        if (issue is null)
        {
            return ActionOutcome.Refused($"{repository}#{number} has not been synced: it does not exist or its repository is not configured.");
        }

        var planned = write(db, issue);
        if (planned.Error is not null)
        {
            return ActionOutcome.Refused(planned.Error);
        }

        await db.SaveChangesAsync(cancellationToken);
        outbox.Notify();
        notifier.Notify(ChangeArea.GitHub);
        return ActionOutcome.Ok([.. planned.Messages.Select(w => w.Id)]);
    }

    /// <summary>The writes an action added to the context, or why it refused (then it added none).</summary>
    private sealed record Planned(IReadOnlyList<OutboxMessage> Messages, string? Error)
    {
        public static Planned Writes(params OutboxMessage[] messages) => new(messages, null);

        public static Planned Refusal(string error) => new([], error);
    }
}
