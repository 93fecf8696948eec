using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySuccess.Core.Inbox;

/// <summary>
/// The team's word that a GitHub login and a Slack user are one person: the GitHub items that login opens then carry
/// that Slack user's time zone, so "Awake first" can place them. Without it a GitHub author's time zone is unknown.
/// </summary>
public sealed class GitHubAuthorLink
{
    /// <summary>The GitHub login, lower-cased (GitHub logins are case-insensitive).</summary>
    public required string Login { get; set; }

    public required string SlackUserId { get; set; }

    public string LinkedBy { get; set; } = "";

    public DateTime LinkedAt { get; set; }
}

public sealed class GitHubAuthorLinkConfiguration : IEntityTypeConfiguration<GitHubAuthorLink>
{
    public void Configure(EntityTypeBuilder<GitHubAuthorLink> builder)
    {
        builder.ToTable("GitHubAuthorLinks");
        builder.HasKey(l => l.Login);
        builder.Property(l => l.Login).HasMaxLength(100);
        builder.Property(l => l.SlackUserId).HasMaxLength(32);
        builder.Property(l => l.LinkedBy).HasMaxLength(200);
    }
}
