using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySuccess.Core.Inbox;

/// <summary>
/// Table <c>InboxItems</c>. The indexes are the inbox's queries: each view's page is a range of one index, with or
/// without the source filter, and the counts read the narrow <c>(Source, Status, IsNotSupport)</c> index alone.
/// </summary>
public sealed class InboxItemConfiguration : IEntityTypeConfiguration<InboxItem>
{
    public void Configure(EntityTypeBuilder<InboxItem> builder)
    {
        builder.ToTable("InboxItems");
        builder.HasKey(i => i.Id);

        builder.Property(i => i.Source).HasConversion<string>().HasMaxLength(8);
        builder.Property(i => i.SourceKey).HasMaxLength(300);
        builder.Property(i => i.Location).HasMaxLength(200);
        builder.Property(i => i.AuthorId).HasMaxLength(100);
        builder.Property(i => i.AuthorTimeZone).HasMaxLength(64);
        builder.Property(i => i.Preview).HasMaxLength(InboxItemProjection.PreviewChars);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(16).IsConcurrencyToken();
        builder.Property(i => i.StatusReason).HasMaxLength(200);
        builder.Ignore(i => i.LabelNames);

        builder.HasIndex(i => new { i.Source, i.SourceKey }).IsUnique();
        builder.HasIndex(i => i.ThreadId).IsUnique();
        builder.HasIndex(i => i.GitHubIssueId).IsUnique();
        builder.HasOne(i => i.Thread).WithOne().HasForeignKey<InboxItem>(i => i.ThreadId).OnDelete(DeleteBehavior.Cascade);

        // Counts per source and status read this index alone.
        builder.HasIndex(i => new { i.Source, i.Status, i.IsNotSupport });
        builder.HasIndex(i => new { i.Status, i.IsNotSupport });

        // "Waiting longest", across sources and per source: null for everything not waiting, so the range is exact.
        builder.HasIndex(i => i.WaitingForTeamSince);
        // The on-call's direct messages look for GitHub activity newer than their cursor every minute.
        builder.HasIndex(i => new { i.Source, i.LastActivityAt });
        builder.HasIndex(i => new { i.Source, i.WaitingForTeamSince });
        builder.HasIndex(i => new { i.Status, i.WaitingForTeamSince });

        // One status tab by age, across sources and per source.
        builder.HasIndex(i => new { i.Status, i.CreatedAt });
        builder.HasIndex(i => new { i.Source, i.Status, i.CreatedAt });

        // The follow-up sweep of GitHub items: In Progress, the team spoke last, long ago.
        builder.HasIndex(i => new { i.Source, i.Status, i.LastTeamActivityAt });

        // Views by age whose filter is not a status. Partial indexes hold only their view's rows; a query uses one
        // when its filter repeats the index's (InboxQueryService does).
        builder.HasIndex(i => i.CreatedAt, "IX_InboxItems_Active_CreatedAt").HasFilter("\"Status\" <> 'Closed' AND NOT \"IsNotSupport\"");
        builder.HasIndex(i => new { i.Source, i.CreatedAt }, "IX_InboxItems_Source_Active_CreatedAt").HasFilter("\"Status\" <> 'Closed' AND NOT \"IsNotSupport\"");
        builder.HasIndex(i => i.CreatedAt, "IX_InboxItems_FollowUp_CreatedAt").HasFilter("\"NeedsFollowUp\"");
        builder.HasIndex(i => i.CreatedAt, "IX_InboxItems_Referred_CreatedAt").HasFilter("\"ReferredToProduct\"");
        builder.HasIndex(i => i.CreatedAt, "IX_InboxItems_NotSupport_CreatedAt").HasFilter("\"IsNotSupport\"");

        builder.StoreDateTimesAsUtc();
    }
}
