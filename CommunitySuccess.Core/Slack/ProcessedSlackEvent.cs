using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySuccess.Core.Slack;

/// <summary>An Events API <c>event_id</c> already taken: Slack retries deliveries, we apply each event once.</summary>
public sealed class ProcessedSlackEvent
{
    public required string EventId { get; set; }

    public DateTime ReceivedAt { get; set; }
}

public sealed class ProcessedSlackEventConfiguration : IEntityTypeConfiguration<ProcessedSlackEvent>
{
    public void Configure(EntityTypeBuilder<ProcessedSlackEvent> builder)
    {
        builder.ToTable("ProcessedSlackEvents");
        builder.HasKey(e => e.EventId);
        builder.Property(e => e.EventId).HasMaxLength(64);
        builder.HasIndex(e => e.ReceivedAt);
    }
}
