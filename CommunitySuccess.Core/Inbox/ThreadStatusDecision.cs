namespace CommunitySuccess.Core.Inbox;

/// <summary>What <see cref="ThreadStatusRules.Decide"/> concluded from one fact; apply it with
/// <see cref="SupportThread.Apply(ThreadStatusDecision, DateTime, string?, string?)"/>.</summary>
public sealed record ThreadStatusDecision
{
    /// <summary>Nothing moves.</summary>
    public static readonly ThreadStatusDecision NoChange = new();

    /// <summary>The status to move to; null when it stays.</summary>
    public ThreadStatus? NewStatus { get; init; }

    /// <summary>Why, for the history row; set whenever <see cref="NewStatus"/> is.</summary>
    public string? Reason { get; init; }

    public NewActivityMark NewActivity { get; init; }

    /// <summary>The user answered, the team answered again or the status moved: any follow-up flag is stale.</summary>
    public bool ClearsFollowUp { get; init; }

    /// <summary>Why the request was refused (for the person who clicked); null when accepted.</summary>
    public string? Refusal { get; init; }

    public bool IsRefused => Refusal is not null;

    public bool ChangesStatus => NewStatus is not null;

    /// <summary>A move to <paramref name="status"/>; leaving a status ends its new-activity mark and any follow-up.</summary>
    public static ThreadStatusDecision MoveTo(ThreadStatus status, string reason) => new()
    {
        NewStatus = status,
        Reason = reason,
        NewActivity = NewActivityMark.Clear,
        ClearsFollowUp = true,
    };

    public static ThreadStatusDecision Refused(string refusal) => new() { Refusal = refusal };
}
