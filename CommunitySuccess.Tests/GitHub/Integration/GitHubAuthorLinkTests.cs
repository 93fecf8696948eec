using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CommunitySuccess.Tests.GitHub.Integration;

/// <summary>
/// A GitHub author's time zone is unknown until the team links their login to a Slack user (PRODUCT.md); then every
/// item of that login, present and future, carries the Slack user's time zone, so "Awake first" can place it.
/// </summary>
public sealed class GitHubAuthorLinkTests
{
    private const string O = GitHubDeskHarness.Owner;
    private const string R = GitHubDeskHarness.Repo;
    private const string Login = "priya-raman";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Link_LoginToSlackUser_GivesItsItemsTheTimeZoneNowAndOnLaterSyncs_UnlinkForgetsIt()
    {
        await using var desk = await GitHubDeskHarness.StartAsync();
        await desk.AskInSlackAsync("Hello, the exporter fails"); // the Slack sync stores Priya's profile (Asia/Kolkata)
        var first = desk.GitHub.OpenIssue(O, R, Login, "Crash on start", null, [GitHubDeskHarness.Triage]);
        await desk.SyncGitHubAsync();
        Assert.Null((await RowAsync(desk, first)).UserTimeZone);
        var links = desk.Get<GitHubAuthorLinkService>();

        var ana = await desk.AdminActorAsync();
        var linked = await links.LinkAsync(Login, desk.AskerId, ana, Ct);

        Assert.True(linked.Succeeded, linked.Error);
        Assert.Equal("Asia/Kolkata", (await RowAsync(desk, first)).UserTimeZone);
        Assert.Equal("Priya Raman", (await links.GetAsync("Priya-Raman", Ct))!.SlackName);

        // A later issue by the same login (GitHub spells logins in any case), and a re-sync of the first, keep it.
        var second = desk.GitHub.OpenIssue(O, R, Login, "Docs: S3 setup", null, [GitHubDeskHarness.Triage]);
        desk.GitHub.Comment(O, R, first, Login, "Any news?");
        await desk.SyncGitHubAsync();
        Assert.Equal("Asia/Kolkata", (await RowAsync(desk, second)).UserTimeZone);
        Assert.Equal("Asia/Kolkata", (await RowAsync(desk, first)).UserTimeZone);

        Assert.True((await links.UnlinkAsync(Login, ana, Ct)).Succeeded);
        Assert.Null((await RowAsync(desk, first)).UserTimeZone);
        Assert.Null(await links.GetAsync(Login, Ct));
    }

    [Theory]
    [InlineData("U0NOBODY01")]
    [InlineData("")]
    public async Task Link_ToASlackUserTheAppDoesNotKnow_IsRefusedAndLinksNothing(string slackUserId)
    {
        await using var desk = await GitHubDeskHarness.StartAsync();
        var number = desk.GitHub.OpenIssue(O, R, Login, "Crash on start", null, [GitHubDeskHarness.Triage]);
        await desk.SyncGitHubAsync();

        var result = await desk.Get<GitHubAuthorLinkService>().LinkAsync(Login, slackUserId, await desk.AdminActorAsync(), Ct);

        Assert.False(result.Succeeded);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
        Assert.Null(await desk.Get<GitHubAuthorLinkService>().GetAsync(Login, Ct));
        Assert.Null((await RowAsync(desk, number)).UserTimeZone);
    }

    [Fact]
    public async Task FindSlackPeople_ByPartOfTheName_ListsPeopleWithTheirTimeZones()
    {
        await using var desk = await GitHubDeskHarness.StartAsync();
        await desk.AskInSlackAsync("Hello");

        var found = await desk.Get<GitHubAuthorLinkService>().FindSlackPeopleAsync("priya", Ct);

        var person = Assert.Single(found);
        Assert.Equal(desk.AskerId, person.SlackUserId);
        Assert.Equal("Asia/Kolkata", person.TimeZone);
    }

    private static async Task<InboxRow> RowAsync(GitHubDeskHarness desk, int number)
    {
        await using var db = await desk.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        var key = $"{GitHubDeskHarness.Repository}#{number}";
        var id = await db.Set<InboxItem>().Where(i => i.SourceKey == key).Select(i => i.Id).SingleAsync(Ct);
        return (await desk.Get<InboxQueryService>().GetRowAsync(id, Ct))!;
    }
}
