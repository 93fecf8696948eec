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

    public DateTime? LastSyncStartedAt { get; set; }

    public DateTime? LastSyncCompletedAt { get; set; }

    public int LastSyncThreadsChanged { get; set; }

    public string? LastError { get; set; }

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
    }
}
