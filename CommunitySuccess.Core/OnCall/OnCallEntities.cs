using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunitySuccess.Core.OnCall;

/// <summary>
/// A stored rotation version: from <see cref="EffectiveFrom"/> on, one person per working day in the order of
/// <see cref="MemberIds"/>. Versions are added from a chosen date (today or later), so the past never changes.
/// </summary>
public sealed class OnCallRotationVersion
{
    public int Id { get; set; }

    /// <summary>Schedule-local date the version applies from; unique.</summary>
    public DateOnly EffectiveFrom { get; set; }

    /// <summary>Team member ids in rotation order.</summary>
    public List<int> MemberIds { get; set; } = [];

    /// <summary>Weekdays someone is on call under this version.</summary>
    public List<DayOfWeek> WorkingDays { get; set; } = [];

    public DateTime CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";
}

/// <summary>The schedule's settings as edited on the page; absent until first saved (then <see cref="OnCallOptions"/> apply).</summary>
public sealed class OnCallSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>IANA time zone.</summary>
    public string TimeZone { get; set; } = "UTC";

    public TimeOnly HandoffTime { get; set; }

    public List<DateOnly> Holidays { get; set; } = [];

    /// <summary>Working days before any rotation version exists, and the default for a new version.</summary>
    public List<DayOfWeek> WorkingDays { get; set; } = [];

    public DateTime UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = "";
}

/// <summary>A substitution as stored: proposed by a member or created by an admin, decided by an admin.</summary>
public sealed class OnCallSubstitution
{
    public int Id { get; set; }

    public DateOnly StartDate { get; set; }

    /// <summary>Inclusive.</summary>
    public DateOnly EndDate { get; set; }

    public int SubstituteMemberId { get; set; }

    /// <summary>Only this member's days are covered; null covers every working day of the range.</summary>
    public int? ReplacedMemberId { get; set; }

    public SubstitutionReason Reason { get; set; }

    public SubstitutionStatus Status { get; set; }

    public string? Note { get; set; }

    public DateTime CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    /// <summary>The member who proposed it (their own days), null when an admin created it.</summary>
    public int? ProposedByMemberId { get; set; }

    public DateTime? DecidedAt { get; set; }

    public string? DecidedBy { get; set; }

    public ScheduleSubstitution ToSchedule() =>
        new(Id, StartDate, EndDate, SubstituteMemberId, ReplacedMemberId, Reason, Status);
}

/// <summary>A member's secret calendar-feed token; regenerating replaces it, revoking deletes it.</summary>
public sealed class OnCallCalendarToken
{
    public int Id { get; set; }

    public int MemberId { get; set; }

    /// <summary>The secret in the feed URL (random, 256 bits, base64url).</summary>
    public required string Token { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>The daily hand-off post of one shift date: recorded so a second run of the job the same day posts nothing.</summary>
public sealed class OnCallHandoff
{
    public int Id { get; set; }

    /// <summary>The shift's schedule-local date; unique.</summary>
    public DateOnly ShiftDate { get; set; }

    public int? MemberId { get; set; }

    public DateTime PostedAt { get; set; }

    public long? OutboxId { get; set; }
}

/// <summary>Where "tell the on-call" stopped: messages after <see cref="LastMessageId"/> are new to it.</summary>
public sealed class OnCallNotificationCursor
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>The highest thread-message id already considered (sent, or skipped outside working hours).</summary>
    public long LastMessageId { get; set; }

    /// <summary>When the last direct message was queued; the next one waits for the batching window.</summary>
    public DateTime? LastSentAt { get; set; }

    /// <summary>The latest GitHub item activity already considered (its time; GitHub items have no message ids here).</summary>
    public DateTime? LastGitHubActivityAt { get; set; }
}

public sealed class OnCallRotationVersionConfiguration : IEntityTypeConfiguration<OnCallRotationVersion>
{
    public void Configure(EntityTypeBuilder<OnCallRotationVersion> builder)
    {
        builder.ToTable("OnCallRotationVersions");
        builder.HasIndex(v => v.EffectiveFrom).IsUnique();
        builder.Property(v => v.CreatedBy).HasMaxLength(256);
    }
}

public sealed class OnCallSettingsConfiguration : IEntityTypeConfiguration<OnCallSettings>
{
    public void Configure(EntityTypeBuilder<OnCallSettings> builder)
    {
        builder.ToTable("OnCallSettings");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.TimeZone).HasMaxLength(64);
        builder.Property(s => s.UpdatedBy).HasMaxLength(256);
    }
}

public sealed class OnCallSubstitutionConfiguration : IEntityTypeConfiguration<OnCallSubstitution>
{
    public void Configure(EntityTypeBuilder<OnCallSubstitution> builder)
    {
        builder.ToTable("OnCallSubstitutions");
        builder.Property(s => s.Reason).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Note).HasMaxLength(500);
        builder.Property(s => s.CreatedBy).HasMaxLength(256);
        builder.Property(s => s.DecidedBy).HasMaxLength(256);
        builder.HasIndex(s => s.EndDate);
    }
}

public sealed class OnCallCalendarTokenConfiguration : IEntityTypeConfiguration<OnCallCalendarToken>
{
    public void Configure(EntityTypeBuilder<OnCallCalendarToken> builder)
    {
        builder.ToTable("OnCallCalendarTokens");
        builder.Property(t => t.Token).HasMaxLength(64);
        builder.HasIndex(t => t.Token).IsUnique();
        builder.HasIndex(t => t.MemberId).IsUnique();
    }
}

public sealed class OnCallHandoffConfiguration : IEntityTypeConfiguration<OnCallHandoff>
{
    public void Configure(EntityTypeBuilder<OnCallHandoff> builder)
    {
        builder.ToTable("OnCallHandoffs");
        builder.HasIndex(h => h.ShiftDate).IsUnique();
    }
}

public sealed class OnCallNotificationCursorConfiguration : IEntityTypeConfiguration<OnCallNotificationCursor>
{
    public void Configure(EntityTypeBuilder<OnCallNotificationCursor> builder)
    {
        builder.ToTable("OnCallNotificationCursor");
        builder.Property(c => c.Id).ValueGeneratedNever();
    }
}
