using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySuccess.Core.GitHub;

/// <summary>
/// An issue or pull request as last synced, keyed by GitHub's id, with what the queues sort and filter on kept
/// on the row (who spoke last, whether the team reviewed) so a queue never reads comments.
/// </summary>
public sealed class GitHubIssue
{
    /// <summary>GitHub's id (above 2^31 for recent issues).</summary>
    public long Id { get; set; }

    /// <summary><c>owner/name</c>.</summary>
    public required string Repository { get; set; }

    public int Number { get; set; }

    public string Title { get; set; } = "";

    /// <summary>Markdown, untrusted; null when the author left it empty.</summary>
    public string? Body { get; set; }

    /// <summary><c>open</c> or <c>closed</c>.</summary>
    public string State { get; set; } = "open";

    /// <summary><c>completed</c>, <c>not_planned</c>, <c>reopened</c> or null.</summary>
    public string? StateReason { get; set; }

    public string AuthorLogin { get; set; } = "";

    public string AuthorAssociation { get; set; } = "";

    public bool IsPullRequest { get; set; }

    /// <summary>Label names, one per line, as GitHub lists them (the labels table is for queries).</summary>
    public string LabelsText { get; set; } = "";

    public string AssigneesText { get; set; } = "";

    public int Comments { get; set; }

    public int ReactionsTotal { get; set; }

    public int PlusOne { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? ClosedAt { get; set; }

    public string HtmlUrl { get; set; } = "";

    /// <summary>The latest comment's author and time; null without comments (then the opening post counts).</summary>
    public string? LastCommentAuthor { get; set; }

    public DateTime? LastCommentAt { get; set; }

    /// <summary>True when the latest comment (or, with none, the opening post) is from someone outside the team.</summary>
    public bool AwaitingTeam { get; set; }

    /// <summary>For pull requests: a team member has reviewed it.</summary>
    public bool HasTeamReview { get; set; }

    /// <summary>The <see cref="UpdatedAt"/> at which reviews were last read: reviews are read again only when it moves.</summary>
    public DateTime? ReviewsReadAt { get; set; }

    public ICollection<GitHubIssueLabel> Labels { get; } = [];

    public IReadOnlyList<string> LabelNames => LabelsText.Length == 0 ? [] : LabelsText.Split('\n');

    public IReadOnlyList<string> AssigneeLogins => AssigneesText.Length == 0 ? [] : AssigneesText.Split('\n');

    /// <summary><c>owner/repo#number</c>.</summary>
    public string Key => $"{Repository}#{Number}";

    public bool IsOpen => State == "open";

    public bool IsBotAuthor => AuthorLogin.EndsWith("[bot]", StringComparison.OrdinalIgnoreCase);
}

/// <summary>One label on one issue, for "open issues labelled X" as an index range.</summary>
public sealed class GitHubIssueLabel
{
    public long IssueId { get; set; }

    public GitHubIssue? Issue { get; set; }

    public required string Name { get; set; }
}

public sealed class GitHubIssueConfiguration : IEntityTypeConfiguration<GitHubIssue>
{
    public void Configure(EntityTypeBuilder<GitHubIssue> builder)
    {
        builder.ToTable("GitHubIssues");
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Repository).HasMaxLength(200);
        builder.Property(i => i.State).HasMaxLength(16);
        builder.Property(i => i.StateReason).HasMaxLength(32);
        builder.Property(i => i.AuthorLogin).HasMaxLength(100);
        builder.Property(i => i.AuthorAssociation).HasMaxLength(32);
        builder.Property(i => i.LastCommentAuthor).HasMaxLength(100);
        builder.Ignore(i => i.LabelNames);
        builder.Ignore(i => i.AssigneeLogins);
        builder.Ignore(i => i.Key);
        builder.Ignore(i => i.IsOpen);
        builder.Ignore(i => i.IsBotAuthor);
        builder.HasIndex(i => new { i.Repository, i.Number }).IsUnique();
        builder.HasIndex(i => new { i.State, i.CreatedAt });
        builder.HasIndex(i => new { i.State, i.AwaitingTeam, i.UpdatedAt });
        builder.HasMany(i => i.Labels).WithOne(l => l.Issue).HasForeignKey(l => l.IssueId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class GitHubIssueLabelConfiguration : IEntityTypeConfiguration<GitHubIssueLabel>
{
    public void Configure(EntityTypeBuilder<GitHubIssueLabel> builder)
    {
        builder.ToTable("GitHubIssueLabels");
        builder.HasKey(l => new { l.IssueId, l.Name });
        builder.Property(l => l.Name).HasMaxLength(100);
        builder.HasIndex(l => l.Name);
    }
}
