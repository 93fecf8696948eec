using System.Text.RegularExpressions;
using CommunitySuccess.Core.Configuration;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.Slack;

public sealed partial class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var errors = new OptionsErrors();
        errors.AbsoluteHttpUrl("Slack:ApiBaseUrl", options.ApiBaseUrl, allowEmpty: false);
        errors.Require(options.BotToken.Length == 0 || options.BotToken.StartsWith("xoxb-", StringComparison.Ordinal),
            "Slack:BotToken must be a bot token that starts with xoxb-.");
        errors.Require(options.AppToken.Length == 0 || options.AppToken.StartsWith("xapp-", StringComparison.Ordinal),
            "Slack:AppToken must be an app-level token that starts with xapp-.");
        for (var i = 0; i < options.SupportChannels.Count; i++)
        {
            errors.Require(ChannelId().IsMatch(options.SupportChannels[i]),
                $"Slack:SupportChannels[{i}] must be a channel id such as C0123ABCD, not '{options.SupportChannels[i]}'.");
        }

        errors.Require(options.SupportChannels.Distinct(StringComparer.Ordinal).Count() == options.SupportChannels.Count,
            "Slack:SupportChannels lists a channel twice.");
        errors.Require(options.TriageChannel.Length == 0 || ChannelId().IsMatch(options.TriageChannel),
            $"Slack:TriageChannel must be a channel id such as C0123ABCD, not '{options.TriageChannel}'.");
        errors.Require(options.OnCallUserGroup.Length == 0 || UserGroupId().IsMatch(options.OnCallUserGroup),
            $"Slack:OnCallUserGroup must be a user group id such as S0123ABCD, not '{options.OnCallUserGroup}'.");
        errors.Range("Slack:BackfillDays", options.BackfillDays, 1, 365);
        errors.Range("Slack:RecheckDays", options.RecheckDays, 1, 365);
        errors.Require(options.RateLimitScale >= 1 && !double.IsInfinity(options.RateLimitScale),
            $"Slack:RateLimitScale must be 1 (Slack's own limits) or more, not {options.RateLimitScale}.");
        return errors.ToResult();
    }

    [GeneratedRegex("^[CG][A-Z0-9]{2,}$")]
    private static partial Regex ChannelId();

    [GeneratedRegex("^S[A-Z0-9]{2,}$")]
    private static partial Regex UserGroupId();
}
