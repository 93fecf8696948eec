namespace CommunitySuccess.Core.Inbox;

/// <summary>Why a note was written on a thread.</summary>
public enum ThreadNoteKind
{
    /// <summary>A note for the team only.</summary>
    Internal,

    /// <summary>The reason a thread was put On Hold (required for On Hold).</summary>
    OnHoldReason,

    /// <summary>Why the thread was referred to the product team.</summary>
    ProductReferral,

    /// <summary>A resolution reached elsewhere (for example in a direct message), documented on the thread.</summary>
    Resolution,
}
