using CommunitySuccess.Core.Configuration;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.Insights;

/// <summary>The <c>Insights</c> section: the first-response target and the Monday digest.</summary>
public sealed class InsightsOptions
{
    public const string SectionName = "Insights";

    /// <summary>The first-response target in working hours (the on-call calendar's working days and hand-off hours).</summary>
    public int FirstResponseTargetHours { get; set; } = 4;

    /// <summary>Post a digest of the main figures to the triage channel on Monday mornings.</summary>
    public bool WeeklyDigest { get; set; }
}

public sealed class InsightsOptionsValidator : IValidateOptions<InsightsOptions>
{
    /// <summary>A target longer than a working week would make "met" meaningless.</summary>
    public const int MaxTargetHours = 45;

    public ValidateOptionsResult Validate(string? name, InsightsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new OptionsErrors();
        errors.Range("Insights:FirstResponseTargetHours", options.FirstResponseTargetHours, 1, MaxTargetHours);
        return errors.ToResult();
    }
}
