using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CommunitySuccess.Sandbox;
using CommunitySuccess.Sandbox.Slack;
using Microsoft.Extensions.Time.Testing;

namespace CommunitySuccess.Tests.Sandbox;

/// <summary>A started sandbox plus an HttpClient that speaks to its Slack Web API like a real client would.</summary>
internal sealed class SandboxTestHost : IAsyncDisposable
{
    public const string SupportChannel = "C0TESTSUPP1";
    public const string Asker = "U0TESTASKR1";
    public const string Helper = "U0TESTHELP1";

    public static readonly DateTimeOffset Start = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private SandboxTestHost(SandboxServer server, FakeTimeProvider time)
    {
        Server = server;
        Time = time;
        Http = new HttpClient { BaseAddress = server.SlackApiBaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Slack.BotToken);
    }

    public SandboxServer Server { get; }
    public SlackWorkspace Slack => Server.Slack;
    public FakeTimeProvider Time { get; }
    public HttpClient Http { get; }

    /// <summary>Starts an empty workspace with #support, one asker and one team member (or the demo workspace).</summary>
    public static async Task<SandboxTestHost> StartAsync(
        bool demo = false, Uri? eventsUrl = null, IReadOnlyList<TimeSpan>? eventRetryDelays = null, SlackRateLimits? rateLimits = null)
    {
        var time = new FakeTimeProvider(Start);
        var options = new SandboxServerOptions { SeedDemoWorkspace = demo, TimeProvider = time, SlackEventsUrl = eventsUrl, SlackRateLimits = rateLimits ?? SlackRateLimits.Published };
        if (eventRetryDelays is not null)
        {
            options.SlackEventRetryDelays = eventRetryDelays;
        }

        var server = await SandboxServer.StartAsync(options, TestContext.Current.CancellationToken);
        if (!demo)
        {
            server.Slack.AddChannel(SupportChannel, "support");
            server.Slack.AddUser(new SlackUser { Id = Asker, Name = "asker", RealName = "Priya Raman", TimeZone = "Asia/Kolkata", Email = "priya@example.com" });
            server.Slack.AddUser(new SlackUser { Id = Helper, Name = "helper", RealName = "Ana Lima", TimeZone = "Europe/Lisbon", Email = "ana@acme.example", IsTeamMember = true });
        }

        return new SandboxTestHost(server, time);
    }

    /// <summary>POSTs a form body (the way most Slack SDKs call the Web API) and returns the parsed answer.</summary>
    public async Task<JsonElement> PostFormAsync(string method, params (string Name, string Value)[] args)
    {
        using var response = await Http.PostAsync(method, new FormUrlEncodedContent(args.Select(a => KeyValuePair.Create(a.Name, a.Value))), TestContext.Current.CancellationToken);
        return await ReadAsync(response);
    }

    public async Task<JsonElement> PostJsonAsync(string method, string json)
    {
        using var response = await Http.PostAsync(method, new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        return await ReadAsync(response);
    }

    public async Task<JsonElement> GetAsync(string method, params (string Name, string Value)[] args)
    {
        var query = string.Join('&', args.Select(a => $"{Uri.EscapeDataString(a.Name)}={Uri.EscapeDataString(a.Value)}"));
        using var response = await Http.GetAsync($"{method}?{query}", TestContext.Current.CancellationToken);
        return await ReadAsync(response);
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return document.RootElement.Clone();
    }

    public static void AssertOk(JsonElement answer) =>
        Assert.True(answer.GetProperty("ok").GetBoolean(), $"expected ok:true, got {answer}");

    public static void AssertError(JsonElement answer, string error)
    {
        Assert.False(answer.GetProperty("ok").GetBoolean(), $"expected ok:false, got {answer}");
        Assert.Equal(error, answer.GetProperty("error").GetString());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
