using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySuccess.Core.Inbox;

/// <summary>Table <c>ThreadReactions</c>: the unique key makes a reaction a fact seen once.</summary>
public sealed class ThreadReactionConfiguration : IEntityTypeConfiguration<ThreadReaction>
{
    public void Configure(EntityTypeBuilder<ThreadReaction> builder)
    {
        builder.ToTable("ThreadReactions");
        builder.HasKey(r => r.Id);

        builder.Property(r => r.ChannelId).HasMaxLength(SlackIds.MaxLength);
        builder.Property(r => r.MessageTs).HasMaxLength(SlackIds.MaxLength);
        builder.Property(r => r.Name).HasMaxLength(128);
        builder.Property(r => r.UserId).HasMaxLength(SlackIds.MaxLength);

        builder.HasIndex(r => new { r.ChannelId, r.MessageTs, r.Name, r.UserId }).IsUnique();
        builder.HasIndex(r => r.MessageId);

        builder.StoreDateTimesAsUtc();
    }
}
