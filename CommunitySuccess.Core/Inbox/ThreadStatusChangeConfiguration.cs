using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySuccess.Core.Inbox;

/// <summary>Table <c>ThreadStatusChanges</c>: a thread's status history in order.</summary>
public sealed class ThreadStatusChangeConfiguration : IEntityTypeConfiguration<ThreadStatusChange>
{
    public void Configure(EntityTypeBuilder<ThreadStatusChange> builder)
    {
        builder.ToTable("ThreadStatusChanges");
        builder.HasKey(c => c.Id);

        builder.Property(c => c.From).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.To).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.BySlackUserId).HasMaxLength(SlackIds.MaxLength);
        builder.Property(c => c.ByAppUser).HasMaxLength(256);
        builder.Property(c => c.Reason).HasMaxLength(200);

        builder.HasIndex(c => new { c.ThreadId, c.At });

        builder.StoreDateTimesAsUtc();
    }
}
