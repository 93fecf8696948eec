using CommunitySuccess.Core.Outbox;

namespace CommunitySuccess.Core.Inbox;

/// <summary>
/// One row of the inbox list, a Slack thread or a GitHub item: everything shown, read from stored fields (no message is
/// read). <see cref="Id"/> is the inbox item's id; <see cref="ChannelId"/> is the channel id or the repository, and
/// <see cref="ChannelName"/> the channel's name or <c>owner/repo#12</c>; <see cref="UserId"/> the Slack user or GitHub login.
/// </summary>
public sealed record InboxRow(
    long Id,
    string ChannelId,
    string ChannelName,
    string UserId,
    string UserName,
    string? AvatarUrl,
    string FirstLine,
    ThreadStatus Status,
    DateTime CreatedAt,
    DateTime StatusChangedAt,
    DateTime LastMessageAt,
    DateTime? WaitingForTeamSince,
    bool NeedsFollowUp,
    bool NewActivityWhileOnHold,
    bool IsNotSupport,
    bool ReferredToProduct,
    int MessageCount,
    string? UserTimeZone,
    DateTime? UserLocalTime,
    bool UserInWorkingHours)
{
    public InboxSource Source { get; init; }

    /// <summary>The Slack thread behind a Slack row.</summary>
    public long? ThreadId { get; init; }

    /// <summary>The issue or pull request number of a GitHub row.</summary>
    public int? Number { get; init; }

    public bool IsPullRequest { get; init; }

    /// <summary>GitHub labels (empty for threads).</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>Why the status last moved ("triaged: Product review", "closed on GitHub", …).</summary>
    public string? StatusReason { get; init; }

    /// <summary>Open or In Progress and the asker spoke last.</summary>
    public bool WaitingForTeam => WaitingForTeamSince is not null;

    /// <summary><c>owner/repo#12</c> for a GitHub row; null for a thread.</summary>
    public string? IssueKey => Source == InboxSource.GitHub ? ChannelName : null;
}

/// <summary>One page of a view and the view's size.</summary>
public sealed record InboxListPage(IReadOnlyList<InboxRow> Rows, int Total);

/// <summary>How many threads each view holds, and how many wait for the team (the navigation's badge).</summary>
public sealed record InboxCounts(int WaitingForTeam, IReadOnlyDictionary<InboxView, int> Views)
{
    public int this[InboxView view] => Views.TryGetValue(view, out var count) ? count : 0;
}

/// <summary>A file shared on a message, as a link.</summary>
public sealed record ThreadFileLink(string Name, string? Url);

/// <summary>An edit or deletion of one of our replies on its way to Slack.</summary>
public sealed record PendingReplyChange(long OutboxId, bool IsDeletion, OutboxStatus Status, string? Error);

/// <summary>A message of the thread, rendered (sanitized HTML), with who wrote it.</summary>
public sealed record ThreadMessageView(
    long Id,
    string Ts,
    string? UserId,
    string AuthorName,
    string? AvatarUrl,
    bool IsTeam,
    bool IsQuestion,
    string Html,
    string Text,
    DateTime SentAt,
    DateTime? EditedAt,
    bool IsDeleted,
    IReadOnlyList<ThreadFileLink> Files,
    long? OutboxId,
    string? PostedBy,
    PendingReplyChange? PendingChange)
{
    /// <summary>The account that sent it from our app; null for messages sent elsewhere (or before ids were kept).</summary>
    public string? PostedByUserId { get; init; }

    /// <summary>Sent from our app by <paramref name="me"/>: by account id when both are known, else by the name it was signed with.</summary>
    public bool IsSentBy(AppActor me)
    {
        ArgumentNullException.ThrowIfNull(me);
        return me.Wrote(PostedByUserId, PostedBy);
    }
}

/// <summary>A reply written in our app that is not (yet) a message of the thread: pending, failed, or sent and not re-read.</summary>
public sealed record ReplyInFlight(long OutboxId, string Text, string Html, OutboxStatus Status, string? Error, string CreatedBy, DateTime CreatedAt, int Attempts);

/// <summary>Any other write about this thread (reactions, triage posts), with its delivery state.</summary>
public sealed record ThreadWriteView(long OutboxId, string Description, OutboxStatus Status, string? Error, DateTime CreatedAt, string CreatedBy);

public sealed record ThreadNoteView(long Id, string Author, DateTime At, string Text, ThreadNoteKind Kind, bool AlsoPostedToThread);

public sealed record ThreadStatusChangeView(ThreadStatus From, ThreadStatus To, DateTime At, string Reason, string? By);

/// <summary>Everything the thread pane shows.</summary>
public sealed record ThreadDetail(
    InboxRow Thread,
    string Permalink,
    IReadOnlyList<ThreadMessageView> Messages,
    IReadOnlyList<ReplyInFlight> RepliesInFlight,
    IReadOnlyList<ThreadWriteView> OtherWrites,
    IReadOnlyList<ThreadNoteView> Notes,
    IReadOnlyList<ThreadStatusChangeView> History,
    string? OnHoldReason,
    string? ReferredToProductNote,
    DateTime? ReferredToProductAt,
    bool OfferDebuggingCall,
    string CallBookingUrl);

/// <summary>One move of a GitHub item's status; <see cref="Note"/> is the On Hold reason.</summary>
public sealed record IssueItemStatusChangeView(ThreadStatus From, ThreadStatus To, DateTime At, string Reason, string? By, string? Note);

/// <summary>What the issue pane shows beside the issue itself: the inbox row, the On Hold reason and the status history.</summary>
public sealed record IssueItemDetail(InboxRow Row, string? OnHoldNote, IReadOnlyList<IssueItemStatusChangeView> History)
{
    public string Repository => Row.ChannelId;

    public int Number => Row.Number ?? 0;
}
