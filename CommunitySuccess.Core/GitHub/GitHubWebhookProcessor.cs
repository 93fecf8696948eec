using System.Security.Cryptography;
using CommunitySuccess.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.GitHub;

/// <summary>
/// Applies webhook deliveries through the same upserts as the polling sync, each <c>X-GitHub-Delivery</c> once.
/// Events of repositories we do not watch and events we do not use are acknowledged and ignored.
/// </summary>
public sealed class GitHubWebhookProcessor(
    IDbContextFactory<AppDbContext> dbFactory,
    GitHubIngestService ingest,
    GitHubTokenIdentity tokenIdentity,
    IGitHubGateway gateway,
    IOptionsMonitor<GitHubOptions> options,
    TimeProvider time)
{
    public enum Outcome
    {
        Applied,
        Duplicate,
        Ignored,
    }

    /// <summary>
    /// Applies one delivery once. Its key is GitHub's <c>X-GitHub-Delivery</c> id, or, when that header is missing,
    /// the SHA-256 of the signed body: a replayed body without the header is still recognised.
    /// </summary>
    public async Task<Outcome> ApplyAsync(string? deliveryId, GitHubWebhookEvent webhook, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        if (webhook.Repository is not { } repository
            || !options.CurrentValue.Repositories.Contains(repository, StringComparer.OrdinalIgnoreCase))
        {
            return Outcome.Ignored;
        }

        repository = options.CurrentValue.Repositories.First(r => string.Equals(r, repository, StringComparison.OrdinalIgnoreCase));
        var key = string.IsNullOrEmpty(deliveryId) ? Convert.ToHexStringLower(SHA256.HashData(body.Span)) : deliveryId;
        if (!await RecordDeliveryAsync(key, cancellationToken))
        {
            return Outcome.Duplicate;
        }

        // Whether a comment is the team's depends on knowing our token's own login: a webhook can arrive before any sync
        // or send has learned it (the comment the desk just posted echoes back at once). One GET /user per process.
        await tokenIdentity.EnsureKnownAsync(gateway, cancellationToken);
        switch (webhook)
        {
            case GitHubIssuesEvent { Action: "deleted" } deleted:
                await ingest.RemoveIssueAsync(repository, deleted.Issue.Number, cancellationToken);
                return Outcome.Applied;
            case GitHubIssuesEvent issues:
                await ingest.UpsertIssuesAsync(repository, [issues.Issue], cancellationToken);
                return Outcome.Applied;
            case GitHubPullRequestEvent pull:
                await ingest.UpsertIssuesAsync(repository, [pull.PullRequest], cancellationToken);
                return Outcome.Applied;
            case GitHubIssueCommentEvent { Action: "deleted" } deleted:
                // Never stored as if new: a deleted outside comment would otherwise re-open the item.
                await ingest.RemoveCommentAsync(repository, deleted.Comment.Id, cancellationToken);
                return Outcome.Applied;
            case GitHubIssueCommentEvent comment:
                await ingest.UpsertIssuesAsync(repository, [comment.Issue], cancellationToken);
                await ingest.UpsertCommentsAsync(repository, [comment.Comment], cancellationToken);
                return Outcome.Applied;
            case GitHubPullRequestReviewEvent review:
                await ingest.UpsertReviewsAsync(repository, review.PullRequestNumber, [review.Review], null, cancellationToken);
                return Outcome.Applied;
            case GitHubReleaseEvent release:
                await ingest.UpsertReleasesAsync(repository, [release.Release], cancellationToken);
                return Outcome.Applied;
            default:
                return Outcome.Ignored;
        }
    }

    private async Task<bool> RecordDeliveryAsync(string deliveryId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        // A redelivery is normal: answer it without a failed insert in the logs (the unique key still settles a race).
        if (await db.Set<ProcessedGitHubDelivery>().AnyAsync(d => d.DeliveryId == deliveryId, cancellationToken))
        {
            return false;
        }

        db.Add(new ProcessedGitHubDelivery { DeliveryId = deliveryId, ReceivedAt = time.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }
}
