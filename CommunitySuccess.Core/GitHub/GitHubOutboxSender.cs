using System.Globalization;
using System.Text.RegularExpressions;
using CommunitySuccess.Core.Outbox;

namespace CommunitySuccess.Core.GitHub;

/// <summary>
/// Sends the outbox's GitHub writes. Comments and new issues carry a hidden <c>&lt;!-- cs:ID --&gt;</c> tag, so a
/// repeated attempt first looks for the earlier one; label, close and assign calls are idempotent by nature.
/// </summary>
/// <remarks>
/// A new issue created for a Slack thread completes that thread's pending link (<see cref="ThreadIssueLinkService.CompleteCreatedIssueAsync"/>)
/// as soon as GitHub has given it a number, on the first send or when a repeat finds the earlier one.
/// </remarks>
/// <remarks>
/// GitHub's limits: comments and new issues are paced under the content-creation limits (<see cref="GitHubContentPacer"/>;
/// held back, a write is rescheduled without using up an attempt). A write refused by a secondary rate limit was not
/// carried out: it is rescheduled after <c>Retry-After</c>, or one minute doubled per earlier attempt, and its repeat
/// still looks for its tag first. A missing token permission or a deleted issue (410) fails at once, saying which.
/// </remarks>
public sealed partial class GitHubOutboxSender(
    IGitHubGateway gateway,
    GitHubIngestService ingest,
    ThreadIssueLinkService links,
    GitHubTokenIdentity tokenIdentity,
    GitHubContentPacer pacer) : IOutboxSender
{
    public static string Tag(long outboxId) => $"<!-- cs:{outboxId.ToString(CultureInfo.InvariantCulture)} -->";

    /// <summary>A body with its tag appended the way <see cref="SendAsync"/> appends it (an edit keeps the original write's tag).</summary>
    public static string Tagged(string body, long outboxId) => body + "\n\n" + Tag(outboxId);

    /// <summary>A body as its writer wrote it: without the hidden tag our writes end with.</summary>
    public static string WithoutTag(string body) => TagAtEnd().Replace(body ?? "", "");

    [GeneratedRegex(@"\s*<!-- cs:\d+ -->\s*$")]
    private static partial Regex TagAtEnd();

    public bool Handles(string kind) => kind.StartsWith("github.", StringComparison.Ordinal);

    public async Task<string?> FindEarlierSendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            switch (message.Kind)
            {
                case GitHubOutboxKinds.Comment:
                    var comment = OutboxService.Payload<GitHubCommentPayload>(message);
                    var (owner, repo) = GitHubSyncService.Split(comment.Repository);
                    var found = await gateway.FindCommentWithTagAsync(owner, repo, comment.Number, Tag(message.Id), cancellationToken);
                    return found?.Id.ToString(CultureInfo.InvariantCulture);
                case GitHubOutboxKinds.CreateIssue:
                    var create = OutboxService.Payload<GitHubCreateIssuePayload>(message);
                    var (o, r) = GitHubSyncService.Split(create.Repository);
                    var recent = await gateway.ListIssuesAsync(o, r, message.CreatedAt.AddMinutes(-5), cancellationToken);
                    var earlier = recent.Items.FirstOrDefault(i => i.Body?.Contains(Tag(message.Id), StringComparison.Ordinal) == true);
                    if (earlier is null)
                    {
                        return null;
                    }

                    await ingest.UpsertIssuesAsync(create.Repository, [earlier], cancellationToken);
                    await links.CompleteCreatedIssueAsync(message.Id, create.Repository, earlier.Number, cancellationToken);
                    return earlier.Number.ToString(CultureInfo.InvariantCulture);
                default:
                    return null;
            }
        }
        catch (GitHubGatewayException ex)
        {
            throw Translate(ex, message);
        }
    }

    public async Task<string?> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Kind is GitHubOutboxKinds.Comment or GitHubOutboxKinds.CreateIssue && pacer.TryReserve() is { } wait)
        {
            throw new OutboxSendException(
                $"Held back: GitHub allows {GitHubContentPacer.PerMinute} new comments or issues a minute and {GitHubContentPacer.PerHour} an hour; sending in {Math.Ceiling(wait.TotalSeconds):0} s.",
                retryable: true,
                wait)
            { Deferred = true };
        }

        try
        {
            // What we post appears under the token's account; its echo (a webhook) may be applied before this send
            // returns, so the login must be known before the write, not learned from its answer.
            await tokenIdentity.EnsureKnownAsync(gateway, cancellationToken);
            switch (message.Kind)
            {
                case GitHubOutboxKinds.Comment:
                {
                    var p = OutboxService.Payload<GitHubCommentPayload>(message);
                    var (owner, repo) = GitHubSyncService.Split(p.Repository);
                    var created = await gateway.CreateCommentAsync(owner, repo, p.Number, Tagged(p.Body, message.Id), cancellationToken);

                    // What we post appears under the token's account, which counts as the team.
                    tokenIdentity.Remember(created.AuthorLogin);
                    await ingest.UpsertCommentsAsync(p.Repository, [created], cancellationToken);
                    return created.Id.ToString(CultureInfo.InvariantCulture);
                }

                case GitHubOutboxKinds.EditComment:
                {
                    // PATCH with the same text is harmless: a repeat needs no look-up first.
                    var p = OutboxService.Payload<GitHubCommentEditPayload>(message);
                    var (owner, repo) = GitHubSyncService.Split(p.Repository);
                    var updated = await gateway.UpdateCommentAsync(owner, repo, p.CommentId, p.Body, cancellationToken);
                    await ingest.UpsertCommentsAsync(p.Repository, [updated], cancellationToken);
                    return null;
                }

                case GitHubOutboxKinds.DeleteComment:
                {
                    var p = OutboxService.Payload<GitHubCommentDeletePayload>(message);
                    var (owner, repo) = GitHubSyncService.Split(p.Repository);
                    await gateway.DeleteCommentAsync(owner, repo, p.CommentId, cancellationToken);
                    await ingest.RemoveCommentAsync(p.Repository, p.CommentId, cancellationToken);
                    return null;
                }

                case GitHubOutboxKinds.AddReaction:
                {
                    // GitHub keeps one reaction of a kind per account: sending it again is harmless, no tag needed.
                    var p = OutboxService.Payload<GitHubReactionPayload>(message);
                    var (owner, repo) = GitHubSyncService.Split(p.Repository);
                    await gateway.AddIssueReactionAsync(owner, repo, p.Number, p.Content, cancellationToken);
                    return null;
                }

                case GitHubOutboxKinds.AddLabels:
                {
                    var p = OutboxService.Payload<GitHubLabelsPayload>(message);
                    var (owner, repo) = GitHubSyncService.Split(p.Repository);
                    await gateway.AddLabelsAsync(owner, repo, p.Number, p.Labels.ToList(), cancellationToken);
                    await RefreshAsync(p.Repository, p.Number, cancellationToken);
                    return null;
                }

                case GitHubOutboxKinds.RemoveLabel:
                {
                    var p = OutboxService.Payload<GitHubLabelsPayload>(message);
                    var (owner, repo) = GitHubSyncService.Split(p.Repository);
                    foreach (var label in p.Labels)
                    {
                        await gateway.RemoveLabelAsync(owner, repo, p.Number, label, cancellationToken);
                    }

                    await RefreshAsync(p.Repository, p.Number, cancellationToken);
                    return null;
                }

                case GitHubOutboxKinds.Close:
                {
                    var p = OutboxService.Payload<GitHubClosePayload>(message);
                    var (owner, repo) = GitHubSyncService.Split(p.Repository);
                    var closed = await gateway.CloseIssueAsync(owner, repo, p.Number, p.NotPlanned ? GitHubCloseReason.NotPlanned : GitHubCloseReason.Completed, cancellationToken);
                    await ingest.UpsertIssuesAsync(p.Repository, [closed], cancellationToken);
                    return null;
                }

                case GitHubOutboxKinds.Assign:
                {
                    var p = OutboxService.Payload<GitHubAssignPayload>(message);
                    var (owner, repo) = GitHubSyncService.Split(p.Repository);
                    var assigned = await gateway.AssignAsync(owner, repo, p.Number, p.Login, cancellationToken);
                    await ingest.UpsertIssuesAsync(p.Repository, [assigned], cancellationToken);
                    return null;
                }

                case GitHubOutboxKinds.CreateIssue:
                {
                    var p = OutboxService.Payload<GitHubCreateIssuePayload>(message);
                    var (owner, repo) = GitHubSyncService.Split(p.Repository);
                    var issue = await gateway.CreateIssueAsync(owner, repo, p.Title, Tagged(p.Body, message.Id), p.Labels.ToList(), cancellationToken);
                    tokenIdentity.Remember(issue.AuthorLogin);
                    await ingest.UpsertIssuesAsync(p.Repository, [issue], cancellationToken);
                    await links.CompleteCreatedIssueAsync(message.Id, p.Repository, issue.Number, cancellationToken);
                    return issue.Number.ToString(CultureInfo.InvariantCulture);
                }

                default:
                    throw new OutboxSendException($"Unknown GitHub write '{message.Kind}'.", retryable: false);
            }
        }
        catch (GitHubGatewayException ex)
        {
            if (ex.IsGone && GitHubIssueKeys.TryParse(message.IssueKey, out var repository, out var number))
            {
                // The issue was deleted on GitHub: it leaves the queues and the inbox instead of waiting on a write that cannot land.
                await ingest.RemoveIssueAsync(repository, number, cancellationToken);
            }

            throw Translate(ex, message);
        }
    }

    private async Task RefreshAsync(string repository, int number, CancellationToken cancellationToken)
    {
        var (owner, repo) = GitHubSyncService.Split(repository);
        await ingest.UpsertIssuesAsync(repository, [await gateway.GetIssueAsync(owner, repo, number, cancellationToken)], cancellationToken);
    }

    private static OutboxSendException Translate(GitHubGatewayException ex, OutboxMessage message)
    {
        if (ex.IsGone)
        {
            return new OutboxSendException("GitHub: the issue was deleted (410 Gone); there is nothing left to write to.", retryable: false, inner: ex);
        }

        if (ex.MissingPermission is { } permission)
        {
            return new OutboxSendException(
                $"GitHub: the token lacks the permission \"{permission}\" ({ex.GitHubMessage ?? "403"}). Grant it in the token's settings, then retry.",
                retryable: false,
                inner: ex);
        }

        if (ex.IsSecondaryRateLimit)
        {
            // GitHub: wait for Retry-After, else at least a minute, longer after each repeated limit.
            var grown = GitHubRateLimitRules.Growing(message.Attempts - 1);
            var wait = ex.RetryAfter is { } stated && stated > grown ? stated : grown;
            return new OutboxSendException($"GitHub: secondary rate limit; trying again in {Math.Ceiling(wait.TotalMinutes):0} min.", retryable: true, wait, ex);
        }

        return new OutboxSendException($"GitHub: {ex.GitHubMessage ?? ex.Message}", ex.IsRetryable, ex.RetryAfter, ex);
    }
}
