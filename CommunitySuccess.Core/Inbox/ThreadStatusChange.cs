namespace CommunitySuccess.Core.Inbox;

/// <summary>One move of a thread's status and the fact that caused it: the history behind "time in status".</summary>
public sealed class ThreadStatusChange
{
    public long Id { get; set; }

    public long ThreadId { get; set; }

    public SupportThread? Thread { get; set; }

    public ThreadStatus From { get; set; }

    public ThreadStatus To { get; set; }

    /// <summary>Slack user id of whoever caused it in Slack (the replier, the reactor).</summary>
    public string? BySlackUserId { get; set; }

    /// <summary>The signed-in account (email or name) that clicked in our app.</summary>
    public string? ByAppUser { get; set; }

    public DateTime At { get; set; }

    /// <summary>"team reply", "team :eyes:", "user message", "set in app: On Hold", … (see <see cref="ThreadStatusRules"/>).</summary>
    public required string Reason { get; set; }
}
