using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySuccess.Core.Review;

/// <summary>
/// One Monday decision on a <c>Product review</c> issue: sprint task, community backlog and/or open to
/// contribution, who decided, when and why. The labels it implies are written back to GitHub through the outbox.
/// </summary>
public sealed class ReviewDecision
{
    public long Id { get; set; }

    public long IssueId { get; set; }

    public required string Repository { get; set; }

    public int Number { get; set; }

    /// <summary>The issue's title when decided (the history stays readable if the issue changes).</summary>
    public string Title { get; set; } = "";

    public bool Sprint { get; set; }

    public bool CommunityBacklog { get; set; }

    public bool OpenToContribution { get; set; }

    public string Note { get; set; } = "";

    public bool NotePostedAsComment { get; set; }

    public required string DecidedBy { get; set; }

    public DateTime DecidedAt { get; set; }

    /// <summary>The Monday (UTC date) of the decision's week, for the history.</summary>
    public DateTime WeekStart { get; set; }

    public string Key => $"{Repository}#{Number}";
}

public sealed class ReviewDecisionConfiguration : IEntityTypeConfiguration<ReviewDecision>
{
    public void Configure(EntityTypeBuilder<ReviewDecision> builder)
    {
        builder.ToTable("ReviewDecisions");
        builder.Property(d => d.Repository).HasMaxLength(200);
        builder.Property(d => d.Title).HasMaxLength(500);
        builder.Property(d => d.Note).HasMaxLength(4000);
        builder.Property(d => d.DecidedBy).HasMaxLength(256);
        builder.Ignore(d => d.Key);
        builder.HasIndex(d => d.WeekStart);
        builder.HasIndex(d => d.IssueId);
    }
}
