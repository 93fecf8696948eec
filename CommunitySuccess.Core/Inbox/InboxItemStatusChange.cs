namespace CommunitySuccess.Core.Inbox;

/// <summary>One move of a GitHub item's status and why (threads keep theirs in <see cref="ThreadStatusChange"/>).</summary>
public sealed class InboxItemStatusChange
{
    public long Id { get; set; }

    public long ItemId { get; set; }

    public InboxItem? Item { get; set; }

    public ThreadStatus From { get; set; }

    public ThreadStatus To { get; set; }

    public DateTime At { get; set; }

    /// <summary>"team comment", "triaged: Product review", "closed on GitHub", "set in app: On Hold", …</summary>
    public required string Reason { get; set; }

    /// <summary>The reason given for On Hold; null for other moves.</summary>
    public string? Note { get; set; }

    /// <summary>The GitHub login, or the app user's name, who caused it; null when unknown.</summary>
    public string? By { get; set; }
}
