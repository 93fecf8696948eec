using CommunitySuccess.Core.Configuration;
using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.OnCall;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Core.Team;
using Microsoft.Extensions.Configuration;

namespace CommunitySuccess.Tests.Configuration;

public sealed class OptionsValidatorTests
{
    [Fact]
    public void GitHubValidator_RepositoryWithoutOwner_NamesTheKey()
    {
        var options = new GitHubOptions { Repositories = ["acme/widgets", "not-a-repo"] };

        var result = new GitHubOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("GitHub:Repositories[1] must look like owner/name, not 'not-a-repo'.", result.Failures!);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(601)]
    public void GitHubValidator_RequestTimeoutOutOfRange_NamesTheKey(int seconds)
    {
        var result = new GitHubOptionsValidator().Validate(null, new GitHubOptions { RequestTimeoutSeconds = seconds });

        Assert.Contains($"GitHub:RequestTimeoutSeconds must be between 1 and 600, not {seconds}.", result.Failures!);
    }

    [Fact]
    public void GitHubValidator_Defaults_Succeed() =>
        Assert.True(new GitHubOptionsValidator().Validate(null, new GitHubOptions()).Succeeded);

    [Fact]
    public void SlackValidator_BadChannelAndDays_NamesEachKey()
    {
        var options = new SlackOptions { SupportChannels = ["C0SUPPORT", "#support"], BackfillDays = 0, ApiBaseUrl = "slack.com" };

        var failures = new SlackOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Contains(failures, f => f.StartsWith("Slack:SupportChannels[1] must be a channel id", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Slack:BackfillDays must be between 1 and 365", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Slack:ApiBaseUrl must be an absolute http(s) URL", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("SupportChannels[0]", StringComparison.Ordinal));
    }

    [Fact]
    public void SlackValidator_UserTokenInBotTokenSlot_IsRefusedWithoutEchoingIt()
    {
        var failures = new SlackOptionsValidator().Validate(null, new SlackOptions { BotToken = "xoxp-user-secret" }).Failures!;

        var failure = Assert.Single(failures);
        Assert.Contains("Slack:BotToken", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("xoxp-user-secret", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void InboxValidator_ZeroFollowUpHours_IsRefused() =>
        Assert.Contains(new InboxOptionsValidator().Validate(null, new InboxOptions { FollowUpAfterHours = 0 }).Failures!,
            f => f.StartsWith("Inbox:FollowUpAfterHours", StringComparison.Ordinal));

    [Fact]
    public void TeamValidator_BadTimeZoneAndRole_NamesTheMember()
    {
        var options = new TeamOptions
        {
            Members = [new TeamMemberSeed { Name = "Ana", Email = "ana@example.test", TimeZone = "Mars/Olympus", Role = "Boss" }],
        };

        var failures = new TeamOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Contains(failures, f => f.StartsWith("Team:Members[0]:TimeZone must be an IANA time zone", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Team:Members[0]:Role must be one of Admin, Engineer, Product", StringComparison.Ordinal));
    }

    [Fact]
    public void OnCallValidator_BadHandoffTimeAndHoliday_NamesTheKeys()
    {
        var failures = new OnCallOptionsValidator().Validate(null, new OnCallOptions { HandoffTime = "9am", Holidays = ["25/12/2026"] }).Failures!.ToList();

        Assert.Contains(failures, f => f.StartsWith("OnCall:HandoffTime must be a time like 09:00", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("OnCall:Holidays[0] must be a date", StringComparison.Ordinal));
    }

    [Fact]
    public void SyncValidator_NotACron_IsRefused() =>
        Assert.Contains(new SyncOptionsValidator().Validate(null, new SyncOptions { SlackCron = "every minute" }).Failures!,
            f => f.StartsWith("Sync:SlackCron must be a cron expression", StringComparison.Ordinal));

    [Fact]
    public void UnknownKeyValidator_TyposAtEveryDepth_AreNamedByFullPath()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GitHub:Repositories:0"] = "acme/widgets",
            ["GitHub:Labels:Triage"] = "Triage",
            ["GitHub:Labels:Triag"] = "typo",
            ["GitHub:Tokn"] = "typo",
            ["Team:Members:0:Name"] = "Ana",
            ["Team:Members:0:Emial"] = "typo",
        }).Build();

        var gitHub = UnknownKeyValidator<GitHubOptions>.FindUnknownKeys(configuration.GetSection("GitHub"), typeof(GitHubOptions)).ToList();
        var team = UnknownKeyValidator<TeamOptions>.FindUnknownKeys(configuration.GetSection("Team"), typeof(TeamOptions)).ToList();

        Assert.Equal(["GitHub:Labels:Triag", "GitHub:Tokn"], gitHub.Order(StringComparer.Ordinal));
        Assert.Equal(["Team:Members:0:Emial"], team);
    }

    [Fact]
    public void UnknownKeyValidator_KnownKeysInAnyCase_Pass()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["slack:supportchannels:0"] = "C0SUPPORT",
            ["Slack:BOTTOKEN"] = "xoxb-1",
        }).Build();

        var result = new UnknownKeyValidator<SlackOptions>(configuration, "Slack").Validate(null, new SlackOptions());

        Assert.True(result.Succeeded);
    }
}
