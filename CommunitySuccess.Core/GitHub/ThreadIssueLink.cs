using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySuccess.Core.GitHub;

/// <summary>
/// A Slack support thread linked to a GitHub issue (both ways: the thread shows the issue's state, the issue shows its
/// threads), and whether the thread was told about the release that shipped the fix.
/// </summary>
public sealed class ThreadIssueLink
{
    public long Id { get; set; }

    /// <summary>The <see cref="Inbox.SupportThread"/>.</summary>
    public long ThreadId { get; set; }

    /// <summary><c>owner/name</c>.</summary>
    public required string Repository { get; set; }

    /// <summary>The issue number; 0 while the issue is still being created through the outbox (<see cref="CreateOutboxId"/>).</summary>
    public int Number { get; set; }

    /// <summary>The outbox write that creates the issue, for a link made with "Create GitHub issue"; null for "Link existing issue".</summary>
    public long? CreateOutboxId { get; set; }

    public DateTime LinkedAt { get; set; }

    /// <summary>The account that linked it (display name).</summary>
    public string LinkedBy { get; set; } = "";

    /// <summary>The release the thread was told about ("fixed in"); set in the same transaction as the Slack post, so never twice.</summary>
    public long? NotifiedReleaseId { get; set; }

    public DateTime? NotifiedAt { get; set; }

    /// <summary>True while the issue is being created and has no number yet.</summary>
    public bool IsPending => Number == 0;

    /// <summary><c>owner/repo#number</c>.</summary>
    public string IssueKey => $"{Repository}#{Number}";
}

public sealed class ThreadIssueLinkConfiguration : IEntityTypeConfiguration<ThreadIssueLink>
{
    public void Configure(EntityTypeBuilder<ThreadIssueLink> builder)
    {
        builder.ToTable("ThreadIssueLinks");
        builder.Property(l => l.Repository).HasMaxLength(200);
        builder.Property(l => l.LinkedBy).HasMaxLength(256);
        builder.Ignore(l => l.IsPending);
        builder.Ignore(l => l.IssueKey);
        builder.HasIndex(l => l.ThreadId);
        builder.HasIndex(l => new { l.Repository, l.Number });
        builder.HasIndex(l => l.CreateOutboxId);
    }
}
