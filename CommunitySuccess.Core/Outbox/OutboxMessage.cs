using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySuccess.Core.Outbox;

public enum OutboxStatus
{
    Pending,
    Sent,
    Failed,
}

/// <summary>
/// One outbound write (a Slack reply or reaction, a GitHub comment or label change), stored in the same
/// transaction as the change that caused it and sent by <see cref="OutboxDispatcher"/>. Nothing is lost when
/// Slack or GitHub is down: the row waits, shows its state, and is sent exactly once.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>What to do; see <see cref="OutboxKinds"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>The kind's parameters as JSON (channel, thread, text, label…).</summary>
    public required string PayloadJson { get; set; }

    public OutboxStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime NextAttemptAt { get; set; }

    public DateTime? LastAttemptAt { get; set; }

    public DateTime? SentAt { get; set; }

    /// <summary>The remote service's error for the last failed attempt (Slack's error code, GitHub's message).</summary>
    public string? LastError { get; set; }

    /// <summary>What the write produced: a Slack message ts, a GitHub comment id.</summary>
    public string? ResultRef { get; set; }

    /// <summary>Who caused it (an account's display name, or "automatic").</summary>
    public string CreatedBy { get; set; } = "";

    /// <summary>The signed-in account that asked for it: decides "my reply" (names can repeat); null for the app itself.</summary>
    public string? CreatedByUserId { get; set; }

    /// <summary>The Slack thread this write belongs to, if any (the inbox shows its pending / sent / failed items).</summary>
    public long? ThreadId { get; set; }

    /// <summary>The GitHub issue this write belongs to, as <c>owner/repo#number</c>, if any.</summary>
    public string? IssueKey { get; set; }
}

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.Property(m => m.Kind).HasMaxLength(64);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.LastError).HasMaxLength(2000);
        builder.Property(m => m.ResultRef).HasMaxLength(64);
        builder.Property(m => m.CreatedBy).HasMaxLength(256);
        builder.Property(m => m.CreatedByUserId).HasMaxLength(450);
        builder.Property(m => m.IssueKey).HasMaxLength(200);
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        builder.HasIndex(m => m.ThreadId);
        builder.HasIndex(m => m.IssueKey);
    }
}
