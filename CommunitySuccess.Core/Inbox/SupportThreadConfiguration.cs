using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySuccess.Core.Inbox;

/// <summary>Table <c>SupportThreads</c>; the indexes are the inbox's queries (each page is an index range, never a scan).</summary>
public sealed class SupportThreadConfiguration : IEntityTypeConfiguration<SupportThread>
{
    public void Configure(EntityTypeBuilder<SupportThread> builder)
    {
        builder.ToTable("SupportThreads");
        builder.HasKey(t => t.Id);

        builder.Property(t => t.ChannelId).HasMaxLength(SlackIds.MaxLength);
        builder.Property(t => t.Ts).HasMaxLength(SlackIds.MaxLength);
        builder.Property(t => t.UserId).HasMaxLength(SlackIds.MaxLength);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(16).IsConcurrencyToken();
        builder.Property(t => t.LatestReply).HasMaxLength(SlackIds.MaxLength);
        builder.Property(t => t.UserTimeZone).HasMaxLength(64);
        builder.Ignore(t => t.FirstLine);

        builder.HasIndex(t => new { t.ChannelId, t.Ts }).IsUnique();

        // "Waiting longest" across Open and In Progress: null for everything not waiting, so the range is exact.
        builder.HasIndex(t => t.WaitingForTeamSince);

        // One status tab ordered by waiting time, by last activity, or by time in status (On Hold longest).
        builder.HasIndex(t => new { t.Status, t.WaitingForTeamSince });
        builder.HasIndex(t => new { t.Status, t.LastMessageAt });
        builder.HasIndex(t => new { t.Status, t.StatusChangedAt });

        // Counts per status read this index alone instead of 50,000 rows.
        builder.HasIndex(t => new { t.Status, t.IsNotSupport });

        // The follow-up sweep: In Progress threads whose team answer is older than the deadline.
        builder.HasIndex(t => new { t.Status, t.LastTeamMessageAt });
        // Partial: SQLite cannot seek a bare boolean column, but it uses an index whose filter the query repeats.
        builder.HasIndex(t => t.FollowUpDueAt).HasFilter("\"NeedsFollowUp\"");

        // All threads newest first, and "other threads from this user".
        builder.HasIndex(t => t.CreatedAt);
        builder.HasIndex(t => new { t.UserId, t.CreatedAt });

        // The inbox's views by age (Oldest / Newest, and the not-waiting rest of "Awake first"). Partial indexes
        // hold only their view's rows; a query uses one when its filter repeats the index's (InboxQueryService does).
        builder.HasIndex(t => new { t.Status, t.CreatedAt });
        builder.HasIndex(t => t.CreatedAt, "IX_SupportThreads_Active_CreatedAt")
            .HasFilter("\"Status\" <> 'Closed' AND NOT \"IsNotSupport\"");
        builder.HasIndex(t => t.CreatedAt, "IX_SupportThreads_FollowUp_CreatedAt").HasFilter("\"NeedsFollowUp\"");
        builder.HasIndex(t => t.CreatedAt, "IX_SupportThreads_Referred_CreatedAt").HasFilter("\"ReferredToProduct\"");
        builder.HasIndex(t => t.CreatedAt, "IX_SupportThreads_NotSupport_CreatedAt").HasFilter("\"IsNotSupport\"");

        builder.HasMany(t => t.Messages).WithOne(m => m.Thread).HasForeignKey(m => m.ThreadId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(t => t.StatusChanges).WithOne(c => c.Thread).HasForeignKey(c => c.ThreadId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(t => t.Notes).WithOne(n => n.Thread).HasForeignKey(n => n.ThreadId).OnDelete(DeleteBehavior.Cascade);

        builder.StoreDateTimesAsUtc();
    }
}
