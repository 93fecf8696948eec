using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySuccess.Core.Inbox;

/// <summary>Table <c>ThreadNotes</c>.</summary>
public sealed class ThreadNoteConfiguration : IEntityTypeConfiguration<ThreadNote>
{
    public void Configure(EntityTypeBuilder<ThreadNote> builder)
    {
        builder.ToTable("ThreadNotes");
        builder.HasKey(n => n.Id);

        builder.Property(n => n.Author).HasMaxLength(256);
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(32);

        builder.HasIndex(n => new { n.ThreadId, n.At });

        builder.StoreDateTimesAsUtc();
    }
}
