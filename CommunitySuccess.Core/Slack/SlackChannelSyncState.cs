using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySuccess.Core.Slack;

/// <summary>Per support channel: how far the sync got, and its health for the settings page.</summary>
public sealed class SlackChannelSyncState
{
    public required string ChannelId { get; set; }

    public string? ChannelName { get; set; }

    /// <summary>
    /// Set only when a whole backfill window was read and stored. Until then every run reads the backfill window
    /// again (idempotently), so a run cancelled half-way never leaves older threads behind.
    /// </summary>
    public DateTime? BackfillCompletedAt { get; set; }

    /// <summary>When the backfill under way began; its window is <c>BackfillDays</c> before this, so a resumed run reads the same window.</summary>
    public DateTime? BackfillStartedAt { get; set; }

    /// <summary>
    /// The backfill's checkpoint: every thread newer than this ts (down to <see cref="BackfillStartedAt"/>) is stored.
    /// History is read newest first, so a restart, a failure or a 429 storm resumes below it instead of starting over.
    /// </summary>
    public string? BackfillCursorTs { get; set; }

    /// <summary>Top-level messages the backfill has read so far.</summary>
    public int BackfillThreadsRead { get; set; }

    /// <summary>Estimated top-level messages in the whole window (from how much of it the threads read so far cover).</summary>
    public int? BackfillEstimatedTotal { get; set; }

    public DateTime? LastSyncStartedAt { get; set; }

    public DateTime? LastSyncCompletedAt { get; set; }

    public int LastSyncThreadsChanged { get; set; }

    public string? LastError { get; set; }

    /// <summary>Slack's error code of <see cref="LastError"/> (<c>not_in_channel</c>, <c>missing_scope</c>, …), to explain it in words.</summary>
    public string? LastErrorCode { get; set; }

    /// <summary>For <c>missing_scope</c>: the scope Slack named.</summary>
    public string? LastErrorScope { get; set; }

    public DateTime? LastErrorAt { get; set; }
}

public sealed class SlackChannelSyncStateConfiguration : IEntityTypeConfiguration<SlackChannelSyncState>
{
    public void Configure(EntityTypeBuilder<SlackChannelSyncState> builder)
    {
        builder.ToTable("SlackChannelSyncStates");
        builder.HasKey(s => s.ChannelId);
        builder.Property(s => s.ChannelId).HasMaxLength(32);
        builder.Property(s => s.ChannelName).HasMaxLength(200);
        builder.Property(s => s.LastError).HasMaxLength(2000);
        builder.Property(s => s.LastErrorCode).HasMaxLength(100);
        builder.Property(s => s.LastErrorScope).HasMaxLength(100);
        builder.Property(s => s.BackfillCursorTs).HasMaxLength(32);
    }
}
