using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySuccess.Core.Inbox;

/// <summary>Table <c>InboxItemStatusChanges</c>: a GitHub item's status history in order.</summary>
public sealed class InboxItemStatusChangeConfiguration : IEntityTypeConfiguration<InboxItemStatusChange>
{
    public void Configure(EntityTypeBuilder<InboxItemStatusChange> builder)
    {
        builder.ToTable("InboxItemStatusChanges");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.From).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.To).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Reason).HasMaxLength(200);
        builder.Property(c => c.By).HasMaxLength(256);
        builder.Property(c => c.Note).HasMaxLength(4000);
        builder.HasIndex(c => new { c.ItemId, c.At });
        builder.HasOne(c => c.Item).WithMany().HasForeignKey(c => c.ItemId).OnDelete(DeleteBehavior.Cascade);
        builder.StoreDateTimesAsUtc();
    }
}
