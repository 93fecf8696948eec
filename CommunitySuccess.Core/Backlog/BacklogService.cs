using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Core.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.Backlog;

public enum BacklogGroup
{
    DeploymentBlockers,
    OpenToContribution,
    SmallRequests,
}

public enum BacklogOrder
{
    Reactions,
    Oldest,
    Newest,
}

/// <summary>One community backlog issue.</summary>
public sealed record BacklogItem(
    long IssueId, string Repository, int Number, string Title, string AuthorLogin, int Reactions, DateTime CreatedAt,
    string HtmlUrl, IReadOnlyList<string> Assignees, BacklogGroup Group, int AskedByThreads)
{
    public string Key => $"{Repository}#{Number}";
}

/// <summary>
/// The community backlog the on-call picks from when support is quiet: open issues labelled Community or Open to
/// contribution, grouped deployment blockers first, then open to contribution, then other small requests.
/// </summary>
public sealed class BacklogService(
    IDbContextFactory<AppDbContext> dbFactory,
    OutboxService outbox,
    ThreadIssueLinkService links,
    IOptionsMonitor<GitHubOptions> gitHub)
{
    public async Task<IReadOnlyList<BacklogItem>> ListAsync(BacklogOrder order, CancellationToken cancellationToken)
    {
        var labels = gitHub.CurrentValue.Labels;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var issues = await db.Set<GitHubIssue>().AsNoTracking()
            .Where(i => i.State == "open" && i.Labels.Any(l => l.Name == labels.Community || l.Name == labels.OpenToContribution))
            .ToListAsync(cancellationToken);
        var counts = await links.CountAskersPerIssueAsync(issues.Select(i => i.Repository).Distinct().ToList(), cancellationToken);
        var items = issues.Select(i => new BacklogItem(
            i.Id, i.Repository, i.Number, i.Title, i.AuthorLogin, i.ReactionsTotal, i.CreatedAt, i.HtmlUrl, i.AssigneeLogins,
            i.LabelNames.Contains(labels.DeploymentBlocker) ? BacklogGroup.DeploymentBlockers
                : i.LabelNames.Contains(labels.OpenToContribution) ? BacklogGroup.OpenToContribution
                : BacklogGroup.SmallRequests,
            counts.GetValueOrDefault(i.Key)));
        var ordered = order switch
        {
            BacklogOrder.Oldest => items.OrderBy(i => i.Group).ThenBy(i => i.CreatedAt),
            BacklogOrder.Newest => items.OrderBy(i => i.Group).ThenByDescending(i => i.CreatedAt),
            _ => items.OrderBy(i => i.Group).ThenByDescending(i => i.Reactions + i.AskedByThreads).ThenBy(i => i.CreatedAt),
        };
        return ordered.ToList();
    }

    /// <summary>"I'll take it": assigns the issue to the signed-in member's GitHub login, through the outbox.</summary>
    /// <summary>Assigns the issue on GitHub to the signed-in person's team login (through the outbox).</summary>
    public async Task<ActionOutcome> TakeAsync(long issueId, CurrentUser me, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(me);
        if (me.Member?.GitHubLogin is not { Length: > 0 } login)
        {
            return ActionOutcome.Refused("Your account has no team member with a GitHub login: ask an admin to add it on the Team page.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var issue = await db.Set<GitHubIssue>().FirstOrDefaultAsync(i => i.Id == issueId, cancellationToken);
        if (issue is null)
        {
            return ActionOutcome.Refused("That issue is not synced (any more).");
        }

        var message = outbox.Add(db, GitHubOutboxKinds.Assign, new GitHubAssignPayload(issue.Repository, issue.Number, login), me.Member.Name, issueKey: issue.Key);
        await db.SaveChangesAsync(cancellationToken);
        outbox.Notify();
        return ActionOutcome.Ok(message.Id);
    }
}
