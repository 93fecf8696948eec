using CommunitySuccess.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CommunitySuccess.Core.Inbox;

/// <summary>
/// A GitHub issue or pull request as the inbox needs it, mapped by the GitHub feature from its own data.
/// </summary>
/// <param name="NeedsTeam">Open, not by a bot, and carrying the Triage label, or someone outside the team spoke last,
/// or a contributor's pull request awaiting review: only such an issue gets a row when first seen.</param>
/// <param name="UnansweredSince">The first outside comment (or the opening post) after the team's last comment; null when the team spoke last.</param>
public sealed record IssueItemRecord(
    long GitHubIssueId,
    string Repository,
    int Number,
    bool IsPullRequest,
    string Title,
    string AuthorLogin,
    string? AuthorTimeZone,
    IReadOnlyList<string> Labels,
    bool IsOpen,
    bool NeedsTeam,
    DateTime CreatedAt,
    DateTime LastActivityAt,
    DateTime? LastTeamActivityAt,
    bool LastByTeam,
    DateTime? UnansweredSince,
    int MessageCount)
{
    /// <summary><c>owner/repo#number</c>: the item's <see cref="InboxItem.SourceKey"/>.</summary>
    public string Key => $"{Repository}#{Number}";
}

/// <summary>A fact about a GitHub item, when it happened and who caused it.</summary>
public sealed record IssueFactAt(DateTime At, IssueFact Fact, string? By);

/// <summary>
/// Inbox's ingest for GitHub items: the GitHub feature hands it a mapped <see cref="IssueItemRecord"/> and the facts it
/// saw for the first time, on the GitHub feature's own <see cref="AppDbContext"/>, so the inbox row is written in the
/// same transaction as the issue. Status moves only through <see cref="IssueStatusRules"/>.
/// </summary>
public static class IssueInboxIngest
{
    /// <summary>
    /// For each issue (a sync page): creates the row of an issue that needs the team and has none yet (Open), applies its
    /// facts in time order, and refreshes the row's fields from its record. Reads the existing rows in one query; adds to
    /// <paramref name="db"/>, the caller saves.
    /// </summary>
    public static async Task ApplyAsync(
        AppDbContext db, IReadOnlyList<(IssueItemRecord Record, IReadOnlyCollection<IssueFactAt> Facts)> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(changes);
        var items = await LoadAsync(db, [.. changes.Select(c => c.Record.GitHubIssueId)], cancellationToken);
        // A login the team linked to a Slack user takes that user's time zone; GitHub itself never says.
        var zones = await GitHubAuthorLinkService.TimeZonesAsync(db, changes.Select(c => c.Record.AuthorLogin), cancellationToken);
        foreach (var (record, facts) in changes)
        {
            var zone = record.AuthorTimeZone ?? zones.GetValueOrDefault(GitHubAuthorLinkService.Key(record.AuthorLogin));
            Apply(db, items, record with { AuthorTimeZone = zone }, facts);
        }
    }

    /// <summary>
    /// The rows of these issues, tracked: those the context already holds, the rest read in one query per 500.
    /// (<c>DbSet.Local</c> is read once: each read detects changes across everything the context tracks.)
    /// </summary>
    private static async Task<Dictionary<long, InboxItem>> LoadAsync(AppDbContext db, List<long> gitHubIssueIds, CancellationToken cancellationToken)
    {
        var items = db.Set<InboxItem>().Local.Where(i => i.GitHubIssueId is not null).ToDictionary(i => i.GitHubIssueId!.Value);
        var missing = gitHubIssueIds.Where(id => !items.ContainsKey(id)).Distinct().ToList();
        foreach (var chunk in missing.Chunk(500))
        {
            var ids = chunk.Cast<long?>().ToList();
            foreach (var item in await db.Set<InboxItem>().Where(i => ids.Contains(i.GitHubIssueId)).ToListAsync(cancellationToken))
            {
                items[item.GitHubIssueId!.Value] = item;
            }
        }

        return items;
    }

    private static void Apply(AppDbContext db, Dictionary<long, InboxItem> items, IssueItemRecord record, IReadOnlyCollection<IssueFactAt> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var item = items.GetValueOrDefault(record.GitHubIssueId);
        if (item is null)
        {
            if (!record.IsOpen || !record.NeedsTeam)
            {
                return;
            }

            item = new InboxItem
            {
                Source = InboxSource.GitHub,
                SourceKey = record.Key,
                GitHubIssueId = record.GitHubIssueId,
                Location = record.Repository,
                AuthorId = record.AuthorLogin,
                Status = ThreadStatus.Open,
                StatusChangedAt = record.CreatedAt,
                StatusReason = "new",
            };
            db.Add(item);
            items[record.GitHubIssueId] = item;
        }

        foreach (var fact in facts.OrderBy(f => f.At))
        {
            Apply(db, item, IssueStatusRules.Decide(item.Status, fact.Fact), fact.At, fact.By);
        }

        Refresh(item, record);
    }

    /// <summary>Removes the row (and its history) of an issue deleted on GitHub; the caller saves.</summary>
    public static async Task RemoveAsync(AppDbContext db, long gitHubIssueId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.Set<InboxItem>().FirstOrDefaultAsync(i => i.GitHubIssueId == gitHubIssueId, cancellationToken) is { } item)
        {
            db.RemoveRange(await db.Set<InboxItemStatusChange>().Where(c => c.ItemId == item.Id).ToListAsync(cancellationToken));
            db.Remove(item);
        }
    }

    /// <summary>Applies a decision to a GitHub item's row, recording the move; false when it was refused.</summary>
    public static bool Apply(AppDbContext db, InboxItem item, ThreadStatusDecision decision, DateTime at, string? by)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.IsRefused)
        {
            return false;
        }

        if (decision.NewStatus is { } to && to != item.Status)
        {
            db.Add(new InboxItemStatusChange { Item = item, From = item.Status, To = to, At = at, Reason = decision.Reason ?? "", By = by });

            item.Status = to;
            item.StatusChangedAt = at;
            item.StatusReason = decision.Reason;
        }

        item.NewActivity = decision.NewActivity switch
        {
            NewActivityMark.Set => true,
            NewActivityMark.Clear => false,
            _ => item.NewActivity,
        };
        if (decision.ClearsFollowUp)
        {
            item.NeedsFollowUp = false;
        }

        item.WaitingForTeamSince = WaitingSince(item);
        return true;
    }

    private static void Refresh(InboxItem item, IssueItemRecord record)
    {
        item.SourceKey = record.Key;
        item.Location = record.Repository;
        item.Number = record.Number;
        item.IsPullRequest = record.IsPullRequest;
        item.AuthorId = record.AuthorLogin;
        item.AuthorTimeZone = record.AuthorTimeZone;
        item.Preview = record.Title.Length <= InboxItemProjection.PreviewChars ? record.Title : record.Title[..InboxItemProjection.PreviewChars];
        item.Labels = string.Join('\n', record.Labels);
        item.CreatedAt = record.CreatedAt;
        item.LastActivityAt = record.LastActivityAt;
        item.LastTeamActivityAt = record.LastTeamActivityAt;
        item.LastByTeam = record.LastByTeam;
        item.MessageCount = record.MessageCount;
        if (!record.LastByTeam || item.Status is ThreadStatus.Closed or ThreadStatus.OnHold)
        {
            item.NeedsFollowUp = false;
        }

        item.UnansweredSince = record.LastByTeam ? null : record.UnansweredSince ?? record.CreatedAt;
        item.WaitingForTeamSince = WaitingSince(item);
    }

    private static DateTime? WaitingSince(InboxItem item) =>
        ThreadWaitingRules.WaitingForTeamSince(item.Status, item.IsNotSupport, item.UnansweredSince);
}
