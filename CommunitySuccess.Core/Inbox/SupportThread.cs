namespace CommunitySuccess.Core.Inbox;

/// <summary>
/// One Slack support conversation: a user's top-level message in a support channel and its replies.
/// Keyed by Slack <c>channel + ts</c>; carries everything the inbox sorts and filters on, so a page never
/// reads messages. Change <see cref="Status"/> only through <see cref="Apply(ThreadStatusDecision, DateTime, string?, string?)"/>
/// with a decision from <see cref="ThreadStatusRules"/>.
/// </summary>
public sealed class SupportThread
{
    private const int FirstLineMaxLength = 120;

    public long Id { get; set; }

    /// <summary>Slack channel id of the support channel.</summary>
    public required string ChannelId { get; set; }

    /// <summary>Slack <c>ts</c> of the top-level message; with <see cref="ChannelId"/> the natural key.</summary>
    public required string Ts { get; set; }

    /// <summary>Slack user id of the person who asked.</summary>
    public required string UserId { get; set; }

    /// <summary>A concurrency token: a write based on a status someone else has since changed fails instead of
    /// overwriting it, and the writer decides again on the fresh status.</summary>
    public ThreadStatus Status { get; set; }

    public DateTime StatusChangedAt { get; set; }

    /// <summary>The user wrote while the thread was On Hold; cleared when the team answers, reacts 👀 or the status changes.</summary>
    public bool NewActivityWhileOnHold { get; set; }

    /// <summary>Set from <see cref="FollowUpRules"/>: the user has been silent too long after the team's answer.</summary>
    public bool NeedsFollowUp { get; set; }

    /// <summary>When the follow-up is (or was) due, while the thread qualifies for one; null otherwise.</summary>
    public DateTime? FollowUpDueAt { get; set; }

    /// <summary>"Not a support thread" (announcement, spam): hidden from queues and statistics, not Closed.</summary>
    public bool IsNotSupport { get; set; }

    public bool ReferredToProduct { get; set; }

    public DateTime? ReferredToProductAt { get; set; }

    public string? ReferredToProductNote { get; set; }

    /// <summary>Text of the top-level message (Slack mrkdwn, untrusted).</summary>
    public string Text { get; set; } = "";

    /// <summary>Messages in the thread, the top-level one included, deleted ones excluded.</summary>
    public int MessageCount { get; set; }

    /// <summary>When our app first saw the thread.</summary>
    public DateTime FirstSeenAt { get; set; }

    /// <summary>When the user posted it (from <see cref="Ts"/>).</summary>
    public DateTime CreatedAt { get; set; }

    public DateTime LastMessageAt { get; set; }

    /// <summary>True when the team spoke last: the thread waits for the user.</summary>
    public bool LastMessageByTeam { get; set; }

    /// <summary>The 48-hour follow-up rule counts from here.</summary>
    public DateTime? LastTeamMessageAt { get; set; }

    public DateTime? LastUserMessageAt { get; set; }

    /// <summary>The user's first message after the team's last one (status aside); null when the team spoke last.</summary>
    public DateTime? UnansweredSince { get; set; }

    /// <summary><see cref="UnansweredSince"/> while the thread is Open or In Progress and a support thread; null otherwise.
    /// Stored so that "waiting longest" is one index range.</summary>
    public DateTime? WaitingForTeamSince { get; set; }

    /// <summary>IANA time zone copied from the asker's Slack profile so the inbox sorts without a join; null = unknown.</summary>
    public string? UserTimeZone { get; set; }

    /// <summary><c>reply_count</c> as last seen in <c>conversations.history</c>: replies are re-read only when it changes.</summary>
    public int ReplyCount { get; set; }

    /// <summary><c>latest_reply</c> ts as last seen in <c>conversations.history</c>.</summary>
    public string? LatestReply { get; set; }

    /// <summary>A digest of the top-level message's reactions as last seen, to notice reaction changes cheaply.</summary>
    public string? ReactionsSignature { get; set; }

    public ICollection<ThreadMessage> Messages { get; } = [];

    public ICollection<ThreadStatusChange> StatusChanges { get; } = [];

    public ICollection<ThreadNote> Notes { get; } = [];

    /// <summary>First non-empty line of <see cref="Text"/>, shortened for lists.</summary>
    public string FirstLine => FirstLineOf(Text);

    /// <summary>The first non-empty line of a Slack message, shortened to <paramref name="maxLength"/> for lists and titles.</summary>
    public static string FirstLineOf(string text, int maxLength = FirstLineMaxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        return line.Length <= maxLength ? line : string.Concat(line.AsSpan(0, maxLength - 1), "…");
    }

    /// <summary>
    /// Applies a decision of <see cref="ThreadStatusRules.Decide"/>: moves the status, records the change in
    /// <see cref="StatusChanges"/>, updates the side flags and the waiting time.
    /// </summary>
    /// <returns>The history row added, or null when the status did not move.</returns>
    /// <exception cref="ArgumentException">The decision was refused; show its <see cref="ThreadStatusDecision.Refusal"/> instead.</exception>
    public ThreadStatusChange? Apply(ThreadStatusDecision decision, DateTime at, string? bySlackUserId = null, string? byAppUser = null)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.IsRefused)
        {
            throw new ArgumentException($"A refused decision cannot be applied: {decision.Refusal}", nameof(decision));
        }

        ThreadStatusChange? change = null;
        if (decision.NewStatus is { } to && to != Status)
        {
            change = new ThreadStatusChange
            {
                Thread = this,
                ThreadId = Id,
                From = Status,
                To = to,
                At = at,
                Reason = decision.Reason ?? "",
                BySlackUserId = bySlackUserId,
                ByAppUser = byAppUser,
            };
            StatusChanges.Add(change);
            Status = to;
            StatusChangedAt = at;
        }

        NewActivityWhileOnHold = decision.NewActivity switch
        {
            NewActivityMark.Set => true,
            NewActivityMark.Clear => false,
            _ => NewActivityWhileOnHold,
        };

        if (decision.ClearsFollowUp)
        {
            NeedsFollowUp = false;
            FollowUpDueAt = null;
        }

        RefreshWaiting();
        return change;
    }

    /// <summary>Stores what <see cref="ThreadWaitingRules.Project(IEnumerable{MessageStamp})"/> computed from the messages.</summary>
    public void Apply(ThreadActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        MessageCount = activity.MessageCount;
        LastMessageAt = activity.LastMessageAt ?? CreatedAt;
        LastMessageByTeam = activity.LastMessageByTeam;
        LastTeamMessageAt = activity.LastTeamMessageAt;
        LastUserMessageAt = activity.LastUserMessageAt;
        UnansweredSince = activity.UnansweredSince;
        RefreshWaiting();
    }

    /// <summary>Stores a follow-up assessment of <see cref="FollowUpRules.Assess(SupportThread, DateTime, InboxOptions, DateTime)"/>.</summary>
    public void Apply(FollowUpAssessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        NeedsFollowUp = assessment.NeedsFollowUp;
        FollowUpDueAt = assessment.DueAt;
    }

    /// <summary>Marks or unmarks "Not a support thread"; such threads wait for nobody.</summary>
    public void SetNotSupport(bool isNotSupport)
    {
        IsNotSupport = isNotSupport;
        RefreshWaiting();
    }

    /// <summary>Recomputes <see cref="WaitingForTeamSince"/> from the status and the stored message facts.</summary>
    public void RefreshWaiting() =>
        WaitingForTeamSince = ThreadWaitingRules.WaitingForTeamSince(Status, IsNotSupport, UnansweredSince);

    /// <summary>The fields the follow-up rule reads.</summary>
    public FollowUpCandidate ToFollowUpCandidate() =>
        new(Status, IsNotSupport, LastMessageByTeam, LastTeamMessageAt, FirstSeenAt, StatusChangedAt);
}
