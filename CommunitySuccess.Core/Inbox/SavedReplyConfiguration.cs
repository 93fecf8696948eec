using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySuccess.Core.Inbox;

/// <summary>Table <c>SavedReplies</c>.</summary>
public sealed class SavedReplyConfiguration : IEntityTypeConfiguration<SavedReply>
{
    public void Configure(EntityTypeBuilder<SavedReply> builder)
    {
        builder.ToTable("SavedReplies");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Title).HasMaxLength(SavedReply.TitleMaxLength);
        builder.Property(r => r.Text).HasMaxLength(SavedReply.TextMaxLength);
        builder.Property(r => r.UpdatedBy).HasMaxLength(256);
        builder.HasIndex(r => new { r.IsArchived, r.SortOrder });
        builder.StoreDateTimesAsUtc();
    }
}
