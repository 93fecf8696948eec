using CommunitySuccess.Core.OnCall;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Core.Team;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySuccess.Tests.OnCall;

public sealed class OnCallServiceTests
{
    // Monday 9 March 2026, 10:00 UTC: after the 09:00 hand-off.
    private static readonly DateTimeOffset Monday = new(2026, 3, 9, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 3, 9);

    private static readonly TeamActor BenEngineer = new("Ben Carter", "ben@acme.example", IsAdmin: false);
    private static readonly TeamActor Outsider = new("Visitor", "visitor@elsewhere.example", IsAdmin: false);

    [Fact]
    public async Task CreateSubstitution_EngineerForSomeoneElsesDay_IsRefusedByTheServerAndNothingIsStored()
    {
        await using var harness = await StartWithTeamAsync();
        var (ana, _, chloe) = await TeamAsync(harness);

        var result = await harness.OnCall.CreateSubstitutionAsync(
            new SubstitutionInput(Today, Today, chloe, ana, SubstitutionReason.Vacation), BenEngineer, TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.True(result.IsForbidden);
        Assert.Empty((await harness.OnCall.GetSnapshotAsync(TestContext.Current.CancellationToken)).Substitutions);
        Assert.Equal("Ana Lima", (await harness.OnCall.GetStatusAsync(TestContext.Current.CancellationToken)).Current?.Name);
    }

    [Fact]
    public async Task CreateSubstitution_AccountNotOnTheTeam_IsRefused()
    {
        await using var harness = await StartWithTeamAsync();
        var (_, ben, _) = await TeamAsync(harness);

        var result = await harness.OnCall.CreateSubstitutionAsync(
            new SubstitutionInput(Today, Today, ben, null, SubstitutionReason.Sick), Outsider, TestContext.Current.CancellationToken);

        Assert.True(result.IsForbidden);
    }

    [Fact]
    public async Task CreateSubstitution_EngineerForADayThatIsNotTheirs_IsRefused()
    {
        await using var harness = await StartWithTeamAsync();
        var (_, _, chloe) = await TeamAsync(harness);

        // Ben is on call Tuesday, not Monday.
        var result = await harness.OnCall.CreateSubstitutionAsync(
            new SubstitutionInput(Today, Today, chloe, null, SubstitutionReason.Swap), BenEngineer, TestContext.Current.CancellationToken);

        Assert.True(result.IsForbidden);
    }

    [Fact]
    public async Task CreateSubstitution_EngineerForOwnDay_WaitsForAnAdminToApprove()
    {
        await using var harness = await StartWithTeamAsync();
        var (_, ben, chloe) = await TeamAsync(harness);
        var tuesday = Today.AddDays(1);

        var proposed = await harness.OnCall.CreateSubstitutionAsync(
            new SubstitutionInput(tuesday, tuesday, chloe, null, SubstitutionReason.Swap, "Dentist"), BenEngineer, TestContext.Current.CancellationToken);
        var beforeApproval = (await harness.OnCall.GetSnapshotAsync(TestContext.Current.CancellationToken)).Schedule.Day(tuesday);
        var selfApproval = await harness.OnCall.DecideSubstitutionAsync(proposed.Id!.Value, approve: true, BenEngineer, TestContext.Current.CancellationToken);
        var approval = await harness.OnCall.DecideSubstitutionAsync(proposed.Id.Value, approve: true, OnCallHarness.Admin, TestContext.Current.CancellationToken);
        var snapshot = await harness.OnCall.GetSnapshotAsync(TestContext.Current.CancellationToken);

        Assert.True(proposed.Succeeded);
        Assert.Equal(ben, beforeApproval.MemberId);
        Assert.True(selfApproval.IsForbidden);
        Assert.True(approval.Succeeded);
        Assert.Equal(chloe, snapshot.Schedule.Day(tuesday).MemberId);
        var stored = Assert.Single(snapshot.Substitutions);
        Assert.Equal(ben, stored.ReplacedMemberId);
        Assert.Equal(ben, stored.ProposedByMemberId);
        Assert.Equal("Dentist", stored.Note);
    }

    [Fact]
    public async Task CreateSubstitution_AdminForToday_AppliesAtOnceAndMovesTheSlackGroup()
    {
        await using var harness = await StartWithTeamAsync(s => s["Slack:OnCallUserGroup"] = "S0ONCALL1");
        var (_, _, chloe) = await TeamAsync(harness);

        var result = await harness.OnCall.CreateSubstitutionAsync(
            new SubstitutionInput(Today, Today, chloe, null, SubstitutionReason.Sick), OnCallHarness.Admin, TestContext.Current.CancellationToken);
        var status = await harness.OnCall.GetStatusAsync(TestContext.Current.CancellationToken);
        var outbox = await harness.OutboxAsync();

        Assert.True(result.Succeeded);
        Assert.Equal("Chloé Dubois", status.Current?.Name);
        Assert.True(status.CurrentIsSubstitute);
        var group = Assert.Single(outbox, m => m.Kind == OutboxKinds.SlackUpdateUserGroup);
        Assert.Equal(["U05CHLOEDBS"], OutboxService.Payload<SlackUserGroupPayload>(group).UserIds);
    }

    [Fact]
    public async Task CancelSubstitution_EngineerCancelsAnAdminsSubstitution_IsRefused()
    {
        await using var harness = await StartWithTeamAsync();
        var (_, _, chloe) = await TeamAsync(harness);
        var created = await harness.OnCall.CreateSubstitutionAsync(
            new SubstitutionInput(Today, Today, chloe, null, SubstitutionReason.Sick), OnCallHarness.Admin, TestContext.Current.CancellationToken);

        var byEngineer = await harness.OnCall.CancelSubstitutionAsync(created.Id!.Value, BenEngineer, TestContext.Current.CancellationToken);
        var byAdmin = await harness.OnCall.CancelSubstitutionAsync(created.Id.Value, OnCallHarness.Admin, TestContext.Current.CancellationToken);

        Assert.True(byEngineer.IsForbidden);
        Assert.True(byAdmin.Succeeded);
        Assert.Equal("Ana Lima", (await harness.OnCall.GetStatusAsync(TestContext.Current.CancellationToken)).Current?.Name);
    }

    [Fact]
    public async Task SaveRotation_ByAnEngineer_IsRefused()
    {
        await using var harness = await StartWithTeamAsync();
        var (ana, ben, chloe) = await TeamAsync(harness);

        var result = await harness.OnCall.SaveRotationAsync(
            new RotationInput(Today.AddDays(1), [chloe, ben, ana], [DayOfWeek.Monday]), BenEngineer, TestContext.Current.CancellationToken);

        Assert.True(result.IsForbidden);
        Assert.Single((await harness.OnCall.GetSnapshotAsync(TestContext.Current.CancellationToken)).Versions);
    }

    [Fact]
    public async Task SaveRotation_FromAPastDate_IsRefused()
    {
        await using var harness = await StartWithTeamAsync();
        var (ana, ben, _) = await TeamAsync(harness);

        var result = await harness.SetRotationAsync(Today.AddDays(-1), [ben, ana]);

        Assert.False(result.Succeeded);
        Assert.Contains("past", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveRotation_FromAFutureDate_KeepsEveryEarlierDay()
    {
        await using var harness = await StartWithTeamAsync();
        var (ana, ben, chloe) = await TeamAsync(harness);
        var before = (await harness.OnCall.GetSnapshotAsync(TestContext.Current.CancellationToken)).Schedule.Days(Today, Today.AddDays(13));

        var result = await harness.SetRotationAsync(Today.AddDays(7), [chloe, ana]);
        var after = (await harness.OnCall.GetSnapshotAsync(TestContext.Current.CancellationToken)).Schedule;

        Assert.True(result.Succeeded);
        Assert.Equal(before.Take(7).Select(d => d.MemberId), after.Days(Today, Today.AddDays(6)).Select(d => d.MemberId));
        Assert.DoesNotContain(ben, after.Days(Today.AddDays(7), Today.AddDays(30)).Select(d => d.MemberId));
    }

    [Fact]
    public async Task SaveSettings_ChangingAPastHoliday_IsRefused()
    {
        await using var harness = await StartWithTeamAsync();

        var past = await harness.OnCall.SaveSettingsAsync(
            new ScheduleSettingsInput("UTC", new TimeOnly(9, 0), [Today.AddDays(-2)]), OnCallHarness.Admin, TestContext.Current.CancellationToken);
        var future = await harness.OnCall.SaveSettingsAsync(
            new ScheduleSettingsInput("Europe/Berlin", new TimeOnly(8, 30), [Today.AddDays(2)]), OnCallHarness.Admin, TestContext.Current.CancellationToken);
        var snapshot = await harness.OnCall.GetSnapshotAsync(TestContext.Current.CancellationToken);

        Assert.False(past.Succeeded);
        Assert.True(future.Succeeded);
        Assert.Equal("Europe/Berlin", snapshot.TimeZoneId);
        Assert.Equal(new TimeOnly(8, 30), snapshot.Schedule.Clock.HandoffTime);
        Assert.False(snapshot.Schedule.IsWorkingDay(Today.AddDays(2)));
    }

    [Fact]
    public async Task SaveSettings_ByAnEngineerOrWithAnUnknownTimeZone_IsRefused()
    {
        await using var harness = await StartWithTeamAsync();

        var engineer = await harness.OnCall.SaveSettingsAsync(
            new ScheduleSettingsInput("UTC", new TimeOnly(9, 0), []), BenEngineer, TestContext.Current.CancellationToken);
        var badZone = await harness.OnCall.SaveSettingsAsync(
            new ScheduleSettingsInput("Mars/Olympus", new TimeOnly(9, 0), []), OnCallHarness.Admin, TestContext.Current.CancellationToken);

        Assert.True(engineer.IsForbidden);
        Assert.False(badZone.Succeeded);
        Assert.Contains("Mars/Olympus", badZone.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoveFromRotation_DeactivatedMember_IsOutFromTomorrowAndTodayStays()
    {
        await using var harness = await StartWithTeamAsync();
        var (ana, ben, _) = await TeamAsync(harness);

        await harness.Team.SetActiveAsync(ben, active: false, OnCallHarness.Admin, TestContext.Current.CancellationToken);
        var result = await harness.OnCall.RemoveFromRotationAsync(ben, OnCallHarness.Admin, TestContext.Current.CancellationToken);
        var schedule = (await harness.OnCall.GetSnapshotAsync(TestContext.Current.CancellationToken)).Schedule;

        Assert.True(result.Succeeded);
        Assert.Equal(ana, schedule.Day(Today).MemberId);
        Assert.DoesNotContain(ben, schedule.Days(Today.AddDays(1), Today.AddDays(60)).Select(d => d.MemberId));
    }

    [Fact]
    public async Task InitialRotation_TeamWithoutOne_GetsEveryActiveMemberFromTheDayTheyJoined()
    {
        await using var harness = await OnCallHarness.StartAsync(Monday);
        var members = await harness.SeedTeamAsync(
            ("Ana Lima", "ana@acme.example", "U05ANALIMA1", "Europe/Lisbon"),
            ("Ben Carter", "ben@acme.example", "U05BENCARTR", "America/New_York"));

        var snapshot = await harness.OnCall.GetSnapshotAsync(TestContext.Current.CancellationToken);

        var version = Assert.Single(snapshot.Versions);
        Assert.Equal(Today, version.EffectiveFrom);
        Assert.Equal(members.Select(m => m.Id), version.MemberIds);
    }

    [Fact]
    public async Task SaveMember_ByAnEngineer_IsRefused()
    {
        await using var harness = await StartWithTeamAsync();

        var result = await harness.Team.SaveMemberAsync(
            new TeamMemberInput(null, "Eve", "eve@acme.example", null, null, null, "Engineer"), BenEngineer, TestContext.Current.CancellationToken);

        Assert.True(result.IsForbidden);
        Assert.Equal(3, (await harness.Team.ListAsync(TestContext.Current.CancellationToken)).Count);
    }

    [Fact]
    public async Task SaveMember_InvalidFields_AreNamedAndNothingIsSaved()
    {
        await using var harness = await StartWithTeamAsync();

        var result = await harness.Team.SaveMemberAsync(
            new TeamMemberInput(null, "Eve", "eve@acme.example", "not-an-id", "bad login!", "Mars/Olympus", "Engineer"),
            OnCallHarness.Admin,
            TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Contains("Slack user id", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Contains("GitHub login", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Contains("Mars/Olympus", StringComparison.Ordinal));
        Assert.Equal(3, (await harness.Team.ListAsync(TestContext.Current.CancellationToken)).Count);
    }

    [Fact]
    public async Task SaveMember_NewSlackId_CountsAsTheTeamAtOnce()
    {
        await using var harness = await StartWithTeamAsync();
        var before = await harness.Team.GetDirectoryAsync(TestContext.Current.CancellationToken);

        var result = await harness.Team.SaveMemberAsync(
            new TeamMemberInput(null, "Eve Adams", "Eve@Acme.example", "U0EVEADAMS", "eve-adams", "Asia/Tokyo", "engineer"),
            OnCallHarness.Admin,
            TestContext.Current.CancellationToken);
        var after = await harness.Team.GetDirectoryAsync(TestContext.Current.CancellationToken);
        var duplicate = await harness.Team.SaveMemberAsync(
            new TeamMemberInput(null, "Eve Again", "eve@acme.EXAMPLE", null, null, null, "Engineer"), OnCallHarness.Admin, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Equal("Engineer", result.Member!.Role);
        Assert.False(before.IsTeamSlackUser("U0EVEADAMS"));
        Assert.True(after.IsTeamSlackUser("U0EVEADAMS"));
        Assert.True(after.IsTeamGitHubLogin("eve-adams"));
        Assert.Equal(result.Member.Id, (await harness.Team.FindByEmailAsync("EVE@acme.example", TestContext.Current.CancellationToken))?.Id);
        Assert.False(duplicate.Succeeded);
    }

    [Fact]
    public async Task CalendarToken_Regenerated_OldTokenStopsWorking()
    {
        await using var harness = await StartWithTeamAsync();
        var feed = harness.Services.GetRequiredService<OnCallCalendarFeed>();
        var ana = new TeamActor("Ana Lima", "ana@acme.example", IsAdmin: false);

        var first = await feed.RegenerateTokenAsync(ana, TestContext.Current.CancellationToken);
        var second = await feed.RegenerateTokenAsync(ana, TestContext.Current.CancellationToken);
        var outsider = await feed.RegenerateTokenAsync(Outsider, TestContext.Current.CancellationToken);

        Assert.NotEqual(first, second);
        Assert.Null(await feed.FindMemberByTokenAsync(first, TestContext.Current.CancellationToken));
        Assert.Equal("Ana Lima", (await feed.FindMemberByTokenAsync(second, TestContext.Current.CancellationToken))?.Name);
        Assert.Null(outsider);
        Assert.True(await feed.RevokeTokenAsync(ana, TestContext.Current.CancellationToken));
        Assert.Null(await feed.FindMemberByTokenAsync(second, TestContext.Current.CancellationToken));
    }

    internal static async Task<OnCallHarness> StartWithTeamAsync(Action<Dictionary<string, string?>>? configure = null)
    {
        var harness = await OnCallHarness.StartAsync(Monday, configure);
        var members = await harness.SeedTeamAsync(
            ("Ana Lima", "ana@acme.example", "U05ANALIMA1", "Europe/Lisbon"),
            ("Ben Carter", "ben@acme.example", "U05BENCARTR", "America/New_York"),
            ("Chloé Dubois", "chloe@acme.example", "U05CHLOEDBS", "Europe/Paris"));
        var result = await harness.SetRotationAsync(Today, [.. members.Select(m => m.Id)]);
        Assert.True(result.Succeeded, result.Error);
        return harness;
    }

    private static async Task<(int Ana, int Ben, int Chloe)> TeamAsync(OnCallHarness harness)
    {
        var members = (await harness.Team.ListAsync(TestContext.Current.CancellationToken)).ToDictionary(m => m.Email);
        return (members["ana@acme.example"].Id, members["ben@acme.example"].Id, members["chloe@acme.example"].Id);
    }
}
