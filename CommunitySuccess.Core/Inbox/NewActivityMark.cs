namespace CommunitySuccess.Core.Inbox;

/// <summary>What a decision does to <see cref="SupportThread.NewActivityWhileOnHold"/>.</summary>
public enum NewActivityMark
{
    Unchanged,
    Set,
    Clear,
}
