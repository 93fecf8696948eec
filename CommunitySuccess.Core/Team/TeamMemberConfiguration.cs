using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySuccess.Core.Team;

public sealed class TeamMemberConfiguration : IEntityTypeConfiguration<TeamMember>
{
    public void Configure(EntityTypeBuilder<TeamMember> builder)
    {
        builder.ToTable("TeamMembers");
        builder.Property(m => m.Name).HasMaxLength(200);
        builder.Property(m => m.Email).HasMaxLength(256);
        builder.Property(m => m.SlackUserId).HasMaxLength(32);
        builder.Property(m => m.GitHubLogin).HasMaxLength(64);
        builder.Property(m => m.TimeZone).HasMaxLength(64);
        builder.Property(m => m.Role).HasMaxLength(16);
        builder.HasIndex(m => m.Email).IsUnique();
        builder.HasIndex(m => m.SlackUserId);
        builder.HasIndex(m => m.GitHubLogin);
    }
}
