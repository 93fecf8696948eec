using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySuccess.Core.Inbox;

/// <summary>Table <c>ThreadMessages</c>, unique on Slack <c>channel + ts</c>.</summary>
public sealed class ThreadMessageConfiguration : IEntityTypeConfiguration<ThreadMessage>
{
    public void Configure(EntityTypeBuilder<ThreadMessage> builder)
    {
        builder.ToTable("ThreadMessages");
        builder.HasKey(m => m.Id);

        builder.Property(m => m.ChannelId).HasMaxLength(SlackIds.MaxLength);
        builder.Property(m => m.Ts).HasMaxLength(SlackIds.MaxLength);
        builder.Property(m => m.UserId).HasMaxLength(SlackIds.MaxLength);
        builder.Property(m => m.BotId).HasMaxLength(SlackIds.MaxLength);
        builder.Property(m => m.Username).HasMaxLength(256);

        builder.HasIndex(m => new { m.ChannelId, m.Ts }).IsUnique();
        builder.HasIndex(m => new { m.ThreadId, m.SentAt });

        builder.HasMany(m => m.Reactions).WithOne(r => r.Message).HasForeignKey(r => r.MessageId).OnDelete(DeleteBehavior.Cascade);

        builder.StoreDateTimesAsUtc();
    }
}
