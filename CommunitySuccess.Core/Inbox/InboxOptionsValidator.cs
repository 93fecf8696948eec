using CommunitySuccess.Core.Configuration;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.Inbox;

public sealed class InboxOptionsValidator : IValidateOptions<InboxOptions>
{
    public ValidateOptionsResult Validate(string? name, InboxOptions options)
    {
        var errors = new OptionsErrors();
        errors.Range("Inbox:FollowUpAfterHours", options.FollowUpAfterHours, 1, 24 * 30);
        errors.Range("Inbox:LongThreadMessages", options.LongThreadMessages, 2, 1000);
        errors.AbsoluteHttpUrl("Inbox:CallBookingUrl", options.CallBookingUrl, allowEmpty: true);
        return errors.ToResult();
    }
}
