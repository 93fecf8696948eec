using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Outbox;

namespace CommunitySuccess.Core.GitHub;

/// <summary>"Needs product review" as writes to GitHub: the one recipe the GitHub desk and the inbox's "Close as…" share.</summary>
internal static class ProductReviewWrites
{
    /// <summary>Queues Product review added (if missing), then Triage removed (if present); none when both are already so.</summary>
    public static List<OutboxMessage> Queue(OutboxService outbox, AppDbContext db, GitHubIssue issue, GitHubLabelOptions labels, AppActor actor)
    {
        var writes = new List<OutboxMessage>();
        if (!issue.LabelNames.Contains(labels.ProductReview))
        {
            // Added before the Triage label goes, so a failure in between never leaves the issue in neither queue.
            writes.Add(outbox.Add(db, GitHubOutboxKinds.AddLabels, new GitHubLabelsPayload(issue.Repository, issue.Number, [labels.ProductReview]), actor.DisplayName, issueKey: issue.Key));
        }

        if (issue.LabelNames.Contains(labels.Triage))
        {
            writes.Add(outbox.Add(db, GitHubOutboxKinds.RemoveLabel, new GitHubLabelsPayload(issue.Repository, issue.Number, [labels.Triage]), actor.DisplayName, issueKey: issue.Key));
        }

        return writes;
    }
}
