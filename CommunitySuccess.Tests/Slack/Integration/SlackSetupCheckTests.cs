using CommunitySuccess.Core.Setup;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Sandbox.Slack;
using Microsoft.Extensions.DependencyInjection;
using static CommunitySuccess.Tests.Slack.Integration.SlackAppHarness;

namespace CommunitySuccess.Tests.Slack.Integration;

/// <summary>Setup problems named with their fix: membership, scopes, token; and the sync joining public channels itself.</summary>
public sealed class SlackSetupCheckTests
{
    private const string PublicQuestions = "C0QUESTION1";
    private const string PrivateSupport = "G0PRIVSUPP1";

    [Fact]
    public async Task CheckSetup_BotOutsideAPublicAndAPrivateChannel_JoinsThePublicOneAndSaysInviteForThePrivateOne()
    {
        await using var h = await StartAsync(new SlackAppHarnessOptions
        {
            Settings = s =>
            {
                s["Slack:SupportChannels:1"] = PublicQuestions;
                s["Slack:SupportChannels:2"] = PrivateSupport;
                s["Slack:TriageChannel"] = RandomChannel;
            },
        });
        h.Slack.AddChannel(PublicQuestions, "questions", inviteBot: false);
        h.Slack.AddChannel(PrivateSupport, "vip-support", isPrivate: true, inviteBot: false);

        var findings = await RunChecksAsync(h);

        Assert.True(h.Slack.IsBotMember(PublicQuestions));
        Assert.Contains(findings, f => f.Ok && f.Subject == "#questions (C0QUESTION1)" && f.Detail.Contains("joined", StringComparison.Ordinal));
        var privateProblem = Assert.Single(findings, f => !f.Ok && f.Subject == PrivateSupport);
        Assert.Contains("/invite @community-success", privateProblem.Fix, StringComparison.Ordinal);
        Assert.Contains(findings, f => f.Ok && f.Subject == "#support (C0SUPPORT01)");
        Assert.Contains(findings, f => f.Ok && f.Subject == "Bot token" && f.Detail.Contains("Acme Community", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckSetup_ScopesMissing_NamesEachScopeAndWhatItIsFor()
    {
        await using var h = await StartAsync();
        h.Slack.SetBotScopes(SlackWorkspace.DefaultBotScopes.Where(s => s is not "channels:join" and not "im:history"));

        var scopes = Assert.Single(await RunChecksAsync(h), f => f.Subject == "Scopes");

        Assert.False(scopes.Ok);
        Assert.Contains("channels:join (to join public support channels by itself)", scopes.Detail, StringComparison.Ordinal);
        Assert.Contains("im:history", scopes.Detail, StringComparison.Ordinal);
        Assert.Contains("Add channels:join, im:history under OAuth & Permissions", scopes.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_PublicChannelBotWasNotInvitedTo_JoinsAndReadsIt_PrivateOneShowsInviteAdvice()
    {
        await using var h = await StartAsync(new SlackAppHarnessOptions
        {
            Settings = s =>
            {
                s["Slack:SupportChannels:1"] = PublicQuestions;
                s["Slack:SupportChannels:2"] = PrivateSupport;
            },
        });
        h.Slack.AddChannel(PublicQuestions, "questions", inviteBot: false);
        h.Slack.AddChannel(PrivateSupport, "vip-support", isPrivate: true, inviteBot: false);
        var ts = h.Slack.AddMessage(new SlackMessageDraft { ChannelId = PublicQuestions, UserId = Asker, Text = "Is there an API for exports?", At = DateTimeOffset.UtcNow.AddHours(-1) });

        var summary = await h.SyncAsync();
        var progress = await h.Sync.GetBackfillProgressAsync(Ct);

        Assert.NotNull(await h.FindThreadAsync(ts, PublicQuestions));
        Assert.Equal(1, h.Slack.RequestsTo("conversations.join").Count(c => c.Outcome == "ok"));
        Assert.Contains(summary.Errors, e => e.StartsWith(PrivateSupport, StringComparison.Ordinal));
        var vip = Assert.Single(progress, p => p.Channel.Id == PrivateSupport);
        Assert.Contains("/invite @community-success", vip.LastError!.Fix, StringComparison.Ordinal);
        Assert.True(Assert.Single(progress, p => p.Channel.Id == PublicQuestions).Completed);
    }

    [Fact]
    public async Task Sync_MissingHistoryScope_LastErrorNamesTheScope()
    {
        await using var h = await StartAsync();
        h.Slack.SetBotScopes(SlackWorkspace.DefaultBotScopes.Where(s => s != "channels:history"));

        await h.SyncAsync();
        var progress = Assert.Single(await h.Sync.GetBackfillProgressAsync(Ct));

        Assert.Equal("The Slack app lacks the scope channels:history.", progress.LastError!.Problem);
        Assert.Contains("Add channels:history under OAuth & Permissions", progress.LastError.Fix, StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<SetupFinding>> RunChecksAsync(SlackAppHarness h)
    {
        var findings = new List<SetupFinding>();
        foreach (var check in h.Services.GetServices<ISetupCheck>())
        {
            findings.AddRange(await check.RunAsync(Ct));
        }

        return findings;
    }
}
