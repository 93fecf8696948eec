namespace CommunitySuccess.Core.Inbox;

/// <summary>Who wrote a message and when: all that waiting times need.</summary>
public readonly record struct MessageStamp(bool IsTeam, DateTime SentAt);
