namespace CommunitySuccess.Core.Inbox;

/// <summary>A note on a thread by a person in our app: internal, the On Hold reason, a product referral or a resolution.</summary>
public sealed class ThreadNote
{
    public long Id { get; set; }

    public long ThreadId { get; set; }

    public SupportThread? Thread { get; set; }

    /// <summary>The signed-in account (email or name) that wrote it.</summary>
    public required string Author { get; set; }

    public DateTime At { get; set; }

    public required string Text { get; set; }

    public ThreadNoteKind Kind { get; set; }

    /// <summary>Also posted as a reply in the Slack thread (through the outbox).</summary>
    public bool AlsoPostedToThread { get; set; }
}
