namespace CommunitySuccess.Core.Inbox;

/// <summary>The <c>Inbox</c> configuration section: the follow-up rule and the debugging-call offer.</summary>
public sealed class InboxOptions
{
    public const string SectionName = "Inbox";

    /// <summary>Hours of user silence after the team's last message before a thread needs a follow-up.</summary>
    public int FollowUpAfterHours { get; set; } = 48;

    /// <summary>Post the follow-up and close without a click (only for deadlines that pass while the app runs).</summary>
    public bool AutoFollowUp { get; set; }

    /// <summary>Message count after which the thread offers a debugging call.</summary>
    public int LongThreadMessages { get; set; } = 10;

    /// <summary>The booking link offered for a debugging call.</summary>
    public string CallBookingUrl { get; set; } = "";
}
