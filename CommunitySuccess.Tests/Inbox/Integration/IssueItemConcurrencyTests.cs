using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Notifications;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Core.Shared;
using CommunitySuccess.Tests.GitHub.Integration;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Tests.Inbox.Integration;

/// <summary>The same race on a GitHub item of the inbox: the later click saves and queues nothing and says why.</summary>
public sealed class IssueItemConcurrencyTests
{
    private static readonly AppActor Ana = new("Ana Lima", "ana@acme.example");
    private static readonly AppActor Ben = new("Ben Carter", "ben@example.test");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Close_ColleagueTookItMeanwhile_RefusedSayingItChanged_NoLabelWriteQueued()
    {
        await using var desk = await GitHubDeskHarness.StartAsync();
        var itemId = await OneTriageItemAsync(desk);

        var anasDb = new InterleavingDbContextFactory(desk.App.Settings["ConnectionStrings:Default"]!);
        var anas = new IssueItemActionsService(anasDb, desk.Get<OutboxService>(),
            desk.Get<IOptionsMonitor<GitHubOptions>>(), desk.Get<ChangeNotifier>(), desk.Get<TimeProvider>(), desk.Get<AccountAccess>());
        var bens = desk.Get<IssueItemActionsService>();
        anasDb.BeforeNextSave(async () => Assert.True((await bens.SetInProgressAsync(itemId, Ben, Ct)).Succeeded));

        var result = await anas.CloseAsync(itemId, IssueCloseChoice.Answered, Ana, Ct);

        Assert.False(result.Succeeded);
        Assert.Contains("changed meanwhile", result.Error, StringComparison.Ordinal);
        var writes = await desk.OutboxAsync();
        Assert.Equal([GitHubOutboxKinds.AddReaction], writes.Select(w => w.Kind));
        await using var check = await desk.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(ThreadStatus.InProgress, (await check.Set<InboxItem>().SingleAsync(i => i.Id == itemId, Ct)).Status);
    }

    [Fact]
    public async Task Close_PageShowedOpenButAColleagueTookItMinutesAgo_RefusedNamingThem_NoLabelWriteQueued()
    {
        await using var desk = await GitHubDeskHarness.StartAsync();
        var itemId = await OneTriageItemAsync(desk);
        var actions = desk.Get<IssueItemActionsService>();
        Assert.True((await actions.SetInProgressAsync(itemId, Ben, Ct)).Succeeded);

        var result = await actions.CloseAsync(itemId, IssueCloseChoice.Answered, Ana, Ct, shown: ThreadStatus.Open);

        Assert.False(result.Succeeded);
        Assert.StartsWith("Ben Carter set acme/desk#1 to In Progress meanwhile", result.Error, StringComparison.Ordinal);
        Assert.Equal([GitHubOutboxKinds.AddReaction], (await desk.OutboxAsync()).Select(w => w.Kind));
    }

    private static async Task<long> OneTriageItemAsync(GitHubDeskHarness desk)
    {
        desk.GitHub.OpenIssue(GitHubDeskHarness.Owner, GitHubDeskHarness.Repo,
            "priya-raman", "Crash on start", null, [GitHubDeskHarness.Triage]);
        await desk.SyncGitHubAsync();
        await using var db = await desk.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        return await db.Set<InboxItem>().Where(i => i.Source == InboxSource.GitHub).Select(i => i.Id).SingleAsync(Ct);
    }
}
