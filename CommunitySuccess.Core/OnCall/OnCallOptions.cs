using System.Globalization;
using CommunitySuccess.Core.Configuration;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.OnCall;

/// <summary>The <c>OnCall</c> section: schedule defaults (the admin page can change them).</summary>
public sealed class OnCallOptions
{
    public const string SectionName = "OnCall";

    public string TimeZone { get; set; } = "UTC";

    /// <summary>Local time (HH:mm) when the next person takes over.</summary>
    public string HandoffTime { get; set; } = "09:00";

    public List<DayOfWeek> WorkingDays { get; set; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>Dates (yyyy-MM-dd) nobody is on call.</summary>
    public List<string> Holidays { get; set; } = [];
}

public sealed class OnCallOptionsValidator : IValidateOptions<OnCallOptions>
{
    public ValidateOptionsResult Validate(string? name, OnCallOptions options)
    {
        var errors = new OptionsErrors();
        errors.TimeZone("OnCall:TimeZone", options.TimeZone, allowEmpty: false);
        errors.Require(TimeOnly.TryParseExact(options.HandoffTime, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            $"OnCall:HandoffTime must be a time like 09:00, not '{options.HandoffTime}'.");
        errors.Require(options.WorkingDays.Count > 0, "OnCall:WorkingDays must list at least one day.");
        for (var i = 0; i < options.Holidays.Count; i++)
        {
            errors.Require(DateOnly.TryParseExact(options.Holidays[i], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                $"OnCall:Holidays[{i}] must be a date like 2026-12-25, not '{options.Holidays[i]}'.");
        }

        return errors.ToResult();
    }
}
