using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommunitySuccess.Core.Accounts;
using CommunitySuccess.Core.OnCall;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Core.Team;
using CommunitySuccess.Tests.TestSupport;
using Calendar = Ical.Net.Calendar;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySuccess.Tests.OnCall;

/// <summary>
/// The real app on Kestrel with the real clock. The schedule is made independent of the day the tests run: every
/// day is a working day, the hand-off is at 00:00 UTC, and the rotation (Ana, Ben) starts today.
/// </summary>
public sealed class OnCallEndpointsTests
{
    private const string SigningSecret = "test-signing-secret";
    private const string EngineerPassword = "engineer-password";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SlashCommand_ValidSignature_AnswersOnlyTheAskerWithTodayAndNext()
    {
        await using var app = await StartAsync();
        using var client = app.CreateBrowserClient();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        using var response = await client.SendAsync(SlashCommand(SlashCommandBody("/oncall")), Ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ephemeral", json.RootElement.GetProperty("response_type").GetString());
        Assert.Equal(
            $"On call today: Ana Lima · Next: Ben Carter ({today.AddDays(1).ToString("ddd d MMM", CultureInfo.InvariantCulture)})",
            json.RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task SlashCommand_BadSignature_Is401WithNoAnswer()
    {
        await using var app = await StartAsync();
        using var client = app.CreateBrowserClient();
        var body = SlashCommandBody("/oncall");
        using var request = SlashCommand(body);
        request.Headers.Remove(SlackSignatureVerifier.SignatureHeader);
        request.Headers.Add(SlackSignatureVerifier.SignatureHeader, SlackSignatureVerifier.ComputeSignature("some-other-secret", Timestamp(), body));

        using var response = await client.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("Ana Lima", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlashCommand_SignedBodyWithoutACommand_Is400()
    {
        await using var app = await StartAsync();
        using var client = app.CreateBrowserClient();

        using var response = await client.SendAsync(SlashCommand("{\"not\":\"a form\"}"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task SlashCommand_AnotherCommand_SaysWhichOneItAnswers()
    {
        await using var app = await StartAsync();
        using var client = app.CreateBrowserClient();

        using var response = await client.SendAsync(SlashCommand(SlashCommandBody("/weather")), Ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ephemeral", json.RootElement.GetProperty("response_type").GetString());
        Assert.Contains("/oncall only", json.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CalendarFeed_ValidToken_ParsesBackWithIcalNetAndListsEveryOnCallDay()
    {
        await using var app = await StartAsync();
        using var client = app.CreateBrowserClient();
        var token = await TokenAsync(app, "ana@acme.example");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        using var response = await client.GetAsync($"/oncall/calendar.ics?token={Uri.EscapeDataString(token)}", Ct);
        var calendar = Calendar.Load(await response.Content.ReadAsStringAsync(Ct))!;
        var events = calendar.Events.OrderBy(e => e.Start!.Date).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        // Today and the next 90 days; nothing before today, when the rotation started.
        Assert.Equal(OnCallCalendarFeed.FutureDays + 1, events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            Assert.Equal(today.AddDays(i), events[i].Start!.Date);
            Assert.False(events[i].Start!.HasTime);
            Assert.Equal(today.AddDays(i + 1), events[i].End!.Date);
            Assert.Equal(i % 2 == 0 ? "On call: Ana Lima" : "On call: Ben Carter", events[i].Summary);
        }
    }

    [Fact]
    public async Task CalendarFeed_Mine_ListsOnlyThatMembersDays()
    {
        await using var app = await StartAsync();
        using var client = app.CreateBrowserClient();
        var token = await TokenAsync(app, "ben@acme.example");

        var text = await client.GetStringAsync($"/oncall/calendar.ics?token={Uri.EscapeDataString(token)}&mine=1", Ct);
        var events = Calendar.Load(text)!.Events.ToList();

        Assert.Equal((OnCallCalendarFeed.FutureDays + 1) / 2, events.Count);
        Assert.All(events, e => Assert.Equal("On call: Ben Carter", e.Summary));
    }

    [Fact]
    public async Task CalendarFeed_SubstitutedDay_SaysWhoIsCoveredAndWhy()
    {
        await using var app = await StartAsync();
        using var client = app.CreateBrowserClient();
        var token = await TokenAsync(app, "ana@acme.example");
        var onCall = app.Services.GetRequiredService<OnCallService>();
        var snapshot = await onCall.GetSnapshotAsync(Ct);
        var chloe = snapshot.People.Values.Single(p => p.Name == "Chloé Dubois").Id;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await onCall.CreateSubstitutionAsync(new SubstitutionInput(today, today, chloe, null, SubstitutionReason.Sick), TeamActor.System, Ct);

        var events = Calendar.Load(await client.GetStringAsync($"/oncall/calendar.ics?token={Uri.EscapeDataString(token)}", Ct))!.Events;

        Assert.Equal("On call: Chloé Dubois (for Ana Lima, sick)", events.Single(e => e.Start!.Date == today).Summary);
    }

    [Theory]
    [InlineData("/oncall/calendar.ics")]
    [InlineData("/oncall/calendar.ics?token=not-a-real-token")]
    [InlineData("/oncall/calendar.ics?token=not-a-real-token&mine=1")]
    public async Task CalendarFeed_MissingOrUnknownToken_Is404WithNoData(string path)
    {
        await using var app = await StartAsync();
        using var client = app.CreateBrowserClient();
        await TokenAsync(app, "ana@acme.example");

        using var response = await client.GetAsync(path, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("BEGIN:VCALENDAR", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ana Lima", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CalendarFeed_RevokedToken_Is404()
    {
        await using var app = await StartAsync();
        using var client = app.CreateBrowserClient();
        var token = await TokenAsync(app, "ana@acme.example");
        await app.Services.GetRequiredService<OnCallCalendarFeed>().RevokeTokenAsync(new TeamActor("Ana Lima", "ana@acme.example", false), Ct);

        using var response = await client.GetAsync($"/oncall/calendar.ics?token={Uri.EscapeDataString(token)}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task CalendarFeed_OwnersAccountDisabled_Is404()
    {
        await using var app = await StartAsync();
        using var client = app.CreateBrowserClient();
        await CreateAccountAsync(app, "ana@acme.example", "Ana Lima", Roles.Engineer);
        var token = await TokenAsync(app, "ana@acme.example");
        var accounts = app.Services.GetRequiredService<AccountService>();
        var all = await accounts.ListAsync(Ct);
        using (var before = await client.GetAsync($"/oncall/calendar.ics?token={Uri.EscapeDataString(token)}", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var disabled = await accounts.SetDisabledAsync(
            all.Single(a => a.Email == "ana@acme.example").Id, disabled: true, all.Single(a => a.Email == AppFactory.AdminEmail).Id);

        Assert.True(disabled.Succeeded);
        using var feed = await client.GetAsync($"/oncall/calendar.ics?token={Uri.EscapeDataString(token)}", Ct);
        using var api = await client.GetAsync($"/api/oncall?token={Uri.EscapeDataString(token)}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, feed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task ApiOnCall_SignedIn_ReturnsTodayAndNext()
    {
        await using var app = await StartAsync();
        using var client = await app.SignedInClientAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/oncall", Ct));
        var root = json.RootElement;

        Assert.Equal("UTC", root.GetProperty("timeZone").GetString());
        Assert.Equal("00:00", root.GetProperty("handoffTime").GetString());
        Assert.Equal(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), root.GetProperty("today").GetProperty("date").GetString());
        Assert.Equal("Ana Lima", root.GetProperty("today").GetProperty("onCall").GetProperty("name").GetString());
        Assert.Equal("Ben Carter", root.GetProperty("next").GetProperty("onCall").GetProperty("name").GetString());
        Assert.False(root.GetProperty("today").GetProperty("dayOff").GetBoolean());
    }

    [Fact]
    public async Task ApiOnCall_CalendarToken_Works_AndNothingWithoutIt()
    {
        await using var app = await StartAsync();
        using var client = app.CreateBrowserClient();
        var token = await TokenAsync(app, "ben@acme.example");

        using var withToken = await client.GetAsync($"/api/oncall?token={Uri.EscapeDataString(token)}", Ct);
        using var anonymous = await client.GetAsync("/api/oncall", Ct);
        using var badToken = await client.GetAsync("/api/oncall?token=nope", Ct);

        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        Assert.Contains("Ana Lima", await withToken.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.DoesNotContain("Ana Lima", await anonymous.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, badToken.StatusCode);
    }

    [Fact]
    public async Task ApiSubstitutions_EngineerCreatesOneForSomeoneElse_IsForbiddenAndNothingIsStored()
    {
        await using var app = await StartAsync();
        await CreateAccountAsync(app, "ben@acme.example", "Ben Carter", Roles.Engineer);
        using var client = await app.SignedInClientAsync("ben@acme.example", EngineerPassword);
        var chloe = (await app.Services.GetRequiredService<OnCallService>().GetSnapshotAsync(Ct)).People.Values.Single(p => p.Name == "Chloé Dubois").Id;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        using var response = await client.PostAsJsonAsync("/api/oncall/substitutions", new
        {
            startDate = today,
            endDate = today,
            substituteMemberId = chloe,
            reason = "Vacation",
        }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty((await app.Services.GetRequiredService<OnCallService>().GetSnapshotAsync(Ct)).Substitutions);
    }

    [Fact]
    public async Task ApiSubstitutions_Admin_CreatesAnApprovedOne()
    {
        await using var app = await StartAsync();
        using var client = await app.SignedInClientAsync();
        var snapshot = await app.Services.GetRequiredService<OnCallService>().GetSnapshotAsync(Ct);
        var chloe = snapshot.People.Values.Single(p => p.Name == "Chloé Dubois").Id;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        using var response = await client.PostAsJsonAsync("/api/oncall/substitutions", new
        {
            startDate = today,
            endDate = today,
            substituteMemberId = chloe,
            reason = "sick",
        }, Ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Approved", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Chloé Dubois", (await app.Services.GetRequiredService<OnCallService>().GetStatusAsync(Ct)).Current?.Name);
    }

    [Fact]
    public async Task ApiSubstitutions_UnknownReason_Is400()
    {
        await using var app = await StartAsync();
        using var client = await app.SignedInClientAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        using var response = await client.PostAsJsonAsync("/api/oncall/substitutions", new
        {
            startDate = today,
            endDate = today,
            substituteMemberId = 1,
            reason = "holiday-mood",
        }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty((await app.Services.GetRequiredService<OnCallService>().GetSnapshotAsync(Ct)).Substitutions);
    }

    /// <summary>The app with Ana, Ben and Chloé from <c>Team:Members</c>, every day a working day, the rotation (Ana, Ben) from today.</summary>
    internal static async Task<AppFactory> StartAsync()
    {
        var app = new AppFactory(s =>
        {
            s["Slack:SigningSecret"] = SigningSecret;
            s["OnCall:TimeZone"] = "UTC";
            s["OnCall:HandoffTime"] = "00:00";
            AddMember(s, 0, "Ana Lima", "ana@acme.example", "U05ANALIMA1");
            AddMember(s, 1, "Ben Carter", "ben@acme.example", "U05BENCARTR");
            AddMember(s, 2, "Chloé Dubois", "chloe@acme.example", "U05CHLOEDBS");
        });
        app.StartServer();
        var onCall = app.Services.GetRequiredService<OnCallService>();
        var people = (await onCall.GetSnapshotAsync(Ct)).People.Values.ToDictionary(p => p.Name, p => p.Id);
        var result = await onCall.SaveRotationAsync(
            new RotationInput(await onCall.GetTodayAsync(Ct), [people["Ana Lima"], people["Ben Carter"]], Enum.GetValues<DayOfWeek>()),
            TeamActor.System,
            Ct);
        Assert.True(result.Succeeded, result.Error);
        return app;
    }

    internal static async Task CreateAccountAsync(AppFactory app, string email, string name, string role)
    {
        var created = await app.Services.GetRequiredService<AccountService>().CreateUserAsync(email, name, EngineerPassword, [role]);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors));
    }

    private static void AddMember(Dictionary<string, string?> settings, int index, string name, string email, string slackId)
    {
        settings[$"Team:Members:{index}:Name"] = name;
        settings[$"Team:Members:{index}:Email"] = email;
        settings[$"Team:Members:{index}:SlackUserId"] = slackId;
        settings[$"Team:Members:{index}:TimeZone"] = "UTC";
    }

    private static async Task<string> TokenAsync(AppFactory app, string email) =>
        await app.Services.GetRequiredService<OnCallCalendarFeed>().RegenerateTokenAsync(new TeamActor(email, email, false), Ct)
        ?? throw new InvalidOperationException($"{email} is not on the team.");

    private static string SlashCommandBody(string command) =>
        "token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T05ACMECOMM&team_domain=acme-community&channel_id=C05SUPPORT1&channel_name=support"
        + $"&user_id=U05PRIYARAM&user_name=priya&command={Uri.EscapeDataString(command)}&text="
        + "&api_app_id=A05CSAPP001&is_enterprise_install=false&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT05ACMECOMM%2F1%2Fabc"
        + "&trigger_id=13345224609.738474920.8088930838d88f008e0";

    private static HttpRequestMessage SlashCommand(string body)
    {
        var timestamp = Timestamp();
        var request = new HttpRequestMessage(HttpMethod.Post, "/slack/commands")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add(SlackSignatureVerifier.TimestampHeader, timestamp);
        request.Headers.Add(SlackSignatureVerifier.SignatureHeader, SlackSignatureVerifier.ComputeSignature(SigningSecret, timestamp, body));
        return request;
    }

    private static string Timestamp() => DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
