using System.Text.Json;
using CommunitySuccess.Sandbox.Slack;
using static CommunitySuccess.Tests.Sandbox.SandboxTestHost;

namespace CommunitySuccess.Tests.Sandbox;

/// <summary>The demo workspace has every kind of thread the desk must handle, and is the same on every start.</summary>
public sealed class SlackDemoSeedTests
{
    private const string Support = SlackWorkspace.DemoSupportChannelId;

    [Fact]
    public async Task DemoSeed_Support_HasAtLeast40UserThreadsWithinTwoWeeks()
    {
        await using var host = await StartAsync(demo: true);

        var history = await host.PostFormAsync("conversations.history", ("channel", Support), ("limit", "999"));

        var threads = history.GetProperty("messages").EnumerateArray()
            .Where(m => !m.TryGetProperty("subtype", out _) && !m.TryGetProperty("bot_id", out _))
            .Where(m => host.Slack.FindUser(m.GetProperty("user").GetString()!) is { IsTeamMember: false })
            .ToList();
        Assert.True(threads.Count >= 40, $"only {threads.Count} user threads");
        Assert.All(host.Slack.GetHistory(Support), m => Assert.InRange(m.PostedAt, Start.AddDays(-14), Start));
    }

    [Fact]
    public async Task DemoSeed_People_TeamOfFourAndCommunityAcrossTimeZones()
    {
        await using var host = await StartAsync(demo: true);

        Assert.Equal(4, SlackWorkspace.DemoTeam.Count);
        foreach (var member in SlackWorkspace.DemoTeam)
        {
            var user = (await host.PostFormAsync("users.info", ("user", member.SlackUserId))).GetProperty("user");
            Assert.Equal(member.Email, user.GetProperty("profile").GetProperty("email").GetString());
            Assert.Equal(member.TimeZone, user.GetProperty("tz").GetString());
            Assert.EndsWith("@acme.example", member.Email, StringComparison.Ordinal);
            Assert.True(host.Slack.FindUser(member.SlackUserId)!.IsTeamMember);
        }

        var community = host.Slack.CommunityUsers.Where(u => !u.Deleted).ToList();
        Assert.True(community.Count >= 15, $"only {community.Count} community users");
        string[] required = ["America/Los_Angeles", "America/Sao_Paulo", "Europe/Berlin", "Asia/Kolkata", "Asia/Tokyo", "Australia/Sydney"];
        Assert.Subset(community.Select(u => u.TimeZone!).ToHashSet(), required.ToHashSet());

        var deleted = Assert.Single(host.Slack.CommunityUsers, u => u.Deleted);
        var deletedInfo = (await host.PostFormAsync("users.info", ("user", deleted.Id))).GetProperty("user");
        Assert.True(deletedInfo.GetProperty("deleted").GetBoolean());
        Assert.False(deletedInfo.TryGetProperty("tz", out _));
        Assert.Equal(["U05ANALIMA1"], host.Slack.UserGroupMembers(SlackWorkspace.DemoOnCallUserGroupId));
    }

    [Fact]
    public async Task DemoSeed_Support_CoversEveryThreadState()
    {
        await using var host = await StartAsync(demo: true);
        var slack = host.Slack;
        var team = slack.TeamMembers.Select(u => u.Id).Append(slack.BotUserId).ToHashSet();
        var timeline = slack.GetHistory(Support);
        var threads = timeline.Where(m => m.Subtype is null && m.UserId is { } u && !team.Contains(u))
            .Select(m => slack.GetThread(Support, m.Ts)).ToList();

        bool TeamReacted(SlackMessage m, string name) => m.Reactions.Any(r => r.Name == name && r.Users.Any(team.Contains));
        var unanswered = threads.Where(t => t.All(m => !team.Contains(m.UserId ?? "")) && !TeamReacted(t[0], "eyes")).ToList();
        var eyesOnly = threads.Where(t => t.Count == 1 && TeamReacted(t[0], "eyes")).ToList();
        var closed = threads.Where(t => TeamReacted(t[0], "white_check_mark")).ToList();
        var reopened = closed.Where(t => !team.Contains(t[^1].UserId!)).ToList();
        var overdue = threads.Where(t => !TeamReacted(t[0], "white_check_mark") && team.Contains(t[^1].UserId!) && t[^1].PostedAt < Start.AddHours(-48)).ToList();
        var waitingForUser = threads.Where(t => !TeamReacted(t[0], "white_check_mark") && team.Contains(t[^1].UserId!) && t[^1].PostedAt >= Start.AddHours(-48)).ToList();
        var allMessages = threads.SelectMany(t => t).ToList();

        Assert.True(unanswered.Count >= 5, $"unanswered: {unanswered.Count}");
        Assert.True(eyesOnly.Count >= 3, $"eyes only: {eyesOnly.Count}");
        Assert.True(closed.Count >= 5, $"closed: {closed.Count}");
        Assert.True(reopened.Count >= 2, $"re-opened: {reopened.Count}");
        Assert.True(overdue.Count >= 3, $"overdue: {overdue.Count}");
        Assert.True(waitingForUser.Count >= 3, $"waiting for the user: {waitingForUser.Count}");
        Assert.Contains(threads, t => t.Count >= 12);
        Assert.Contains(threads, t => t.Skip(1).Any(m => m.UserId == slack.BotUserId && m.BotId == slack.BotId));
        Assert.Contains(timeline, m => m.Subtype == "bot_message" && m.UserId is null && m.BotId is not null);
        Assert.Contains(timeline, m => m.Subtype == "channel_join");
        Assert.Contains(timeline, m => m.Subtype == "tombstone");
        Assert.Contains(timeline, m => m.Subtype == "thread_broadcast");
        Assert.Contains(allMessages, m => m.Edited is not null);
        Assert.Contains(allMessages, m => m.Files.Count > 0);
        Assert.Contains(allMessages, m => m.Text.Contains("```", StringComparison.Ordinal));
        Assert.Contains(allMessages, m => m.Text.Contains("<https://", StringComparison.Ordinal) && m.Text.Contains('|', StringComparison.Ordinal));
        Assert.Contains(allMessages, m => m.Text.Contains("<@U", StringComparison.Ordinal));
        Assert.Contains(allMessages, m => m.Text.Contains(":tada:", StringComparison.Ordinal));
        Assert.Contains(threads, t => t[0].UserId == slack.CommunityUsers.Single(u => u.Deleted).Id);
    }

    [Fact]
    public async Task DemoSeed_OtherChannels_HaveTriageAndGeneralTraffic()
    {
        await using var host = await StartAsync(demo: true);

        var channels = host.Slack.Channels.ToDictionary(c => c.Id, c => c.Name);
        Assert.Equal("support", channels[Support]);
        Assert.Equal("community-success", channels[SlackWorkspace.DemoTriageChannelId]);
        Assert.Equal("general", channels[SlackWorkspace.DemoGeneralChannelId]);
        Assert.Contains(host.Slack.GetHistory(SlackWorkspace.DemoTriageChannelId), m => m.Text.Contains($"/archives/{Support}/p", StringComparison.Ordinal));
        Assert.NotEmpty(host.Slack.GetHistory(SlackWorkspace.DemoGeneralChannelId));
    }

    [Fact]
    public async Task DemoSeed_SameClock_SeedsIdenticalWorkspaces()
    {
        await using var first = await StartAsync(demo: true);
        await using var second = await StartAsync(demo: true);

        Assert.Equal(Dump(first.Slack), Dump(second.Slack));
    }

    private static string Dump(SlackWorkspace slack) => JsonSerializer.Serialize(new
    {
        slack.Users,
        Channels = slack.Channels.Select(c => new { c.Id, History = slack.GetHistory(c.Id).Select(m => slack.GetThread(c.Id, m.Ts)) }),
    });
}
