using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySuccess.Core.Inbox;

/// <summary>Table <c>SlackUsers</c>, keyed by the Slack user id.</summary>
public sealed class SlackUserProfileConfiguration : IEntityTypeConfiguration<SlackUserProfile>
{
    public void Configure(EntityTypeBuilder<SlackUserProfile> builder)
    {
        builder.ToTable("SlackUsers");
        builder.HasKey(u => u.SlackUserId);

        builder.Property(u => u.SlackUserId).HasMaxLength(SlackIds.MaxLength);
        builder.Property(u => u.Name).HasMaxLength(256);
        builder.Property(u => u.DisplayName).HasMaxLength(256);
        builder.Property(u => u.RealName).HasMaxLength(256);
        builder.Property(u => u.AvatarUrl).HasMaxLength(1024);
        builder.Property(u => u.TimeZone).HasMaxLength(64);
        builder.Ignore(u => u.ShownName);

        builder.StoreDateTimesAsUtc();
    }
}
