namespace CommunitySuccess.Core.Inbox;

/// <summary>
/// One row of the inbox, whatever its source: a Slack thread or a GitHub issue / pull request that needs the team.
/// The inbox's read model, owned by Inbox and written in the same transaction as its source's change (Slack threads
/// through <see cref="InboxItemProjection"/>, GitHub items through <see cref="IssueInboxIngest"/>), so that every
/// view's first page is one index range over one table, never a union of two queries.
/// </summary>
public sealed class InboxItem
{
    public long Id { get; set; }

    public InboxSource Source { get; set; }

    /// <summary>The source's natural key: <c>C123/1700000000.000100</c> for a thread, <c>owner/repo#12</c> for an issue.</summary>
    public required string SourceKey { get; set; }

    /// <summary>The Slack thread this row mirrors; null for GitHub items.</summary>
    public long? ThreadId { get; set; }

    public SupportThread? Thread { get; set; }

    /// <summary>GitHub's id of the issue or pull request; null for Slack threads.</summary>
    public long? GitHubIssueId { get; set; }

    /// <summary>The Slack channel id, or the repository <c>owner/name</c>.</summary>
    public required string Location { get; set; }

    /// <summary>For GitHub items: the issue or pull request number.</summary>
    public int? Number { get; set; }

    public bool IsPullRequest { get; set; }

    /// <summary>Slack user id of the asker, or the GitHub login of the author.</summary>
    public required string AuthorId { get; set; }

    /// <summary>IANA zone of the asker; null = unknown (GitHub authors, unless the team linked the login to a Slack user).</summary>
    public string? AuthorTimeZone { get; set; }

    /// <summary>The question's text (Slack mrkdwn, shortened) or the issue's title: untrusted.</summary>
    public string Preview { get; set; } = "";

    /// <summary>GitHub label names, one per line; empty for threads.</summary>
    public string Labels { get; set; } = "";

    public ThreadStatus Status { get; set; }

    public DateTime StatusChangedAt { get; set; }

    /// <summary>Why the status last moved ("triaged: Product review", "closed on GitHub", "team reply", …).</summary>
    public string? StatusReason { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime LastActivityAt { get; set; }

    /// <summary>Set while the item waits for the team (Open or In Progress, the asker spoke last): "waiting longest" is one index range.</summary>
    public DateTime? WaitingForTeamSince { get; set; }

    /// <summary>The asker's first message after the team's last one (status aside); null when the team spoke last.</summary>
    public DateTime? UnansweredSince { get; set; }

    /// <summary>The team's last message or comment: the follow-up rule counts from here.</summary>
    public DateTime? LastTeamActivityAt { get; set; }

    /// <summary>True when the team spoke last (the item waits for the asker).</summary>
    public bool LastByTeam { get; set; }

    public bool NeedsFollowUp { get; set; }

    /// <summary>The asker wrote while the item was On Hold.</summary>
    public bool NewActivity { get; set; }

    /// <summary>"Not a support thread": out of queues and counts without being Closed.</summary>
    public bool IsNotSupport { get; set; }

    public bool ReferredToProduct { get; set; }

    /// <summary>Messages in a thread, or the opening post plus comments of an issue.</summary>
    public int MessageCount { get; set; }

    public IReadOnlyList<string> LabelNames => Labels.Length == 0 ? [] : Labels.Split('\n');
}
