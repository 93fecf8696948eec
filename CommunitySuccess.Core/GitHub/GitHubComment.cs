using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySuccess.Core.GitHub;

/// <summary>A comment on an issue or pull request.</summary>
public sealed class GitHubComment
{
    public long Id { get; set; }

    public required string Repository { get; set; }

    public int IssueNumber { get; set; }

    public string AuthorLogin { get; set; } = "";

    /// <summary>Markdown, untrusted.</summary>
    public string Body { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public string HtmlUrl { get; set; } = "";
}

/// <summary>A pull request review.</summary>
public sealed class GitHubReview
{
    public long Id { get; set; }

    public required string Repository { get; set; }

    public int Number { get; set; }

    public string AuthorLogin { get; set; } = "";

    public string State { get; set; } = "";

    public DateTime? SubmittedAt { get; set; }
}

/// <summary>A release: "fixed in" notifications name it.</summary>
public sealed class GitHubRelease
{
    public long Id { get; set; }

    public required string Repository { get; set; }

    public string TagName { get; set; } = "";

    public string? Name { get; set; }

    public string HtmlUrl { get; set; } = "";

    public DateTime? PublishedAt { get; set; }

    public bool Draft { get; set; }

    public bool Prerelease { get; set; }
}

/// <summary>Per repository: the incremental cursors and the sync's health for the settings page.</summary>
public sealed class GitHubRepoSyncState
{
    public required string Repository { get; set; }

    /// <summary>Issues updated at or after this were not all stored yet; moves only after a run committed.</summary>
    public DateTime? IssuesSince { get; set; }

    public DateTime? CommentsSince { get; set; }

    public DateTime? LastSyncStartedAt { get; set; }

    public DateTime? LastSyncCompletedAt { get; set; }

    public int LastSyncIssuesChanged { get; set; }

    public string? LastError { get; set; }

    public DateTime? LastErrorAt { get; set; }
}

/// <summary>A webhook delivery already taken (<c>X-GitHub-Delivery</c>): GitHub redelivers, we apply once.</summary>
public sealed class ProcessedGitHubDelivery
{
    public required string DeliveryId { get; set; }

    public DateTime ReceivedAt { get; set; }
}

public sealed class GitHubCommentConfiguration : IEntityTypeConfiguration<GitHubComment>
{
    public void Configure(EntityTypeBuilder<GitHubComment> builder)
    {
        builder.ToTable("GitHubComments");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Repository).HasMaxLength(200);
        builder.Property(c => c.AuthorLogin).HasMaxLength(100);
        builder.HasIndex(c => new { c.Repository, c.IssueNumber, c.CreatedAt });
    }
}

public sealed class GitHubReviewConfiguration : IEntityTypeConfiguration<GitHubReview>
{
    public void Configure(EntityTypeBuilder<GitHubReview> builder)
    {
        builder.ToTable("GitHubReviews");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Repository).HasMaxLength(200);
        builder.Property(r => r.AuthorLogin).HasMaxLength(100);
        builder.Property(r => r.State).HasMaxLength(32);
        builder.HasIndex(r => new { r.Repository, r.Number });
    }
}

public sealed class GitHubReleaseConfiguration : IEntityTypeConfiguration<GitHubRelease>
{
    public void Configure(EntityTypeBuilder<GitHubRelease> builder)
    {
        builder.ToTable("GitHubReleases");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Repository).HasMaxLength(200);
        builder.Property(r => r.TagName).HasMaxLength(200);
        builder.HasIndex(r => new { r.Repository, r.PublishedAt });
    }
}

public sealed class GitHubRepoSyncStateConfiguration : IEntityTypeConfiguration<GitHubRepoSyncState>
{
    public void Configure(EntityTypeBuilder<GitHubRepoSyncState> builder)
    {
        builder.ToTable("GitHubRepoSyncStates");
        builder.HasKey(s => s.Repository);
        builder.Property(s => s.Repository).HasMaxLength(200);
        builder.Property(s => s.LastError).HasMaxLength(2000);
    }
}

public sealed class ProcessedGitHubDeliveryConfiguration : IEntityTypeConfiguration<ProcessedGitHubDelivery>
{
    public void Configure(EntityTypeBuilder<ProcessedGitHubDelivery> builder)
    {
        builder.ToTable("ProcessedGitHubDeliveries");
        builder.HasKey(d => d.DeliveryId);
        builder.Property(d => d.DeliveryId).HasMaxLength(64);
    }
}
