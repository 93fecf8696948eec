namespace CommunitySuccess.Core.Inbox;

/// <summary>Where a support thread stands (PRODUCT.md, "How a thread's status moves").</summary>
public enum ThreadStatus
{
    /// <summary>New: nobody from the team has answered yet.</summary>
    Open,

    /// <summary>The team replied or reacted with 👀.</summary>
    InProgress,

    /// <summary>Waiting on an action item; always carries a note with the reason.</summary>
    OnHold,

    /// <summary>Done: a team ✅, a click, or a follow-up sent.</summary>
    Closed,
}

/// <summary>Names of <see cref="ThreadStatus"/> as people read them.</summary>
public static class ThreadStatusNames
{
    /// <summary>"Open", "In Progress", "On Hold", "Closed".</summary>
    public static string ToDisplayName(this ThreadStatus status) => status switch
    {
        ThreadStatus.Open => "Open",
        ThreadStatus.InProgress => "In Progress",
        ThreadStatus.OnHold => "On Hold",
        ThreadStatus.Closed => "Closed",
        _ => status.ToString(),
    };
}
