namespace CommunitySuccess.Core.Inbox;

/// <summary>
/// Rows for Slack threads that have none: run by the migration that introduced <see cref="InboxItem"/> (existing
/// installations keep their threads in the inbox) and by tools that insert threads with plain SQL (benchmarks,
/// volume tests), which bypass <see cref="InboxItemProjection"/>.
/// </summary>
public static class InboxItemBackfill
{
    /// <summary>Idempotent: threads that already have a row are left alone.</summary>
    public const string FromSupportThreadsSql = """
        INSERT INTO "InboxItems" ("Source", "SourceKey", "ThreadId", "Location", "IsPullRequest", "AuthorId", "AuthorTimeZone",
            "Preview", "Labels", "Status", "StatusChangedAt", "CreatedAt", "LastActivityAt", "WaitingForTeamSince", "UnansweredSince",
            "LastTeamActivityAt", "LastByTeam", "NeedsFollowUp", "NewActivity", "IsNotSupport", "ReferredToProduct", "MessageCount")
        SELECT 'Slack', t."ChannelId" || '/' || t."Ts", t."Id", t."ChannelId", 0, t."UserId", t."UserTimeZone",
            substr(t."Text", 1, 400), '', t."Status", t."StatusChangedAt", t."CreatedAt", t."LastMessageAt", t."WaitingForTeamSince",
            t."UnansweredSince", t."LastTeamMessageAt", t."LastMessageByTeam", t."NeedsFollowUp", t."NewActivityWhileOnHold",
            t."IsNotSupport", t."ReferredToProduct", t."MessageCount"
        FROM "SupportThreads" t
        WHERE NOT EXISTS (SELECT 1 FROM "InboxItems" i WHERE i."ThreadId" = t."Id");
        """;
}
