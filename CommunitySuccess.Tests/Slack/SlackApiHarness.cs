using CommunitySuccess.Core.Slack;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySuccess.Tests.Slack;

/// <summary>
/// The real <see cref="SlackApiClient"/>, wired by <see cref="SlackServiceCollectionExtensions.AddSlackClient"/>,
/// pointed at a <see cref="LoopbackServer"/>; options come from a configuration that a test can change and reload.
/// </summary>
internal sealed class SlackApiHarness : IAsyncDisposable
{
    public const string Token = "xoxb-test-0000-secret";

    private readonly ServiceProvider _provider;

    private SlackApiHarness(LoopbackServer server, ConfigurationManager configuration, ServiceProvider provider)
    {
        Server = server;
        Configuration = configuration;
        _provider = provider;
        Api = provider.GetRequiredService<ISlackApi>();
    }

    public LoopbackServer Server { get; }

    public ConfigurationManager Configuration { get; }

    public ISlackApi Api { get; }

    public IReadOnlyList<LoopbackRequest> Requests => Server.Requests;

    public static async Task<SlackApiHarness> StartAsync(
        Func<HttpContext, LoopbackRequest, Task> handler,
        TimeProvider? clientTime = null,
        TimeProvider? serverTime = null)
    {
        var server = await LoopbackServer.StartAsync(handler, serverTime);
        var configuration = new ConfigurationManager();
        configuration["Slack:ApiBaseUrl"] = new Uri(server.BaseAddress, "api/").ToString();
        configuration["Slack:BotToken"] = Token;

        var services = new ServiceCollection();
        services.Configure<SlackOptions>(configuration.GetSection(SlackOptions.SectionName));
        services.AddSingleton(clientTime ?? TimeProvider.System);
        services.AddSlackClient();
        return new SlackApiHarness(server, configuration, services.BuildServiceProvider());
    }

    /// <summary>Serves <c>slack/web/{method}.json</c> for each <c>/api/{method}</c>; a request with a cursor gets an empty last page.</summary>
    public static Task<SlackApiHarness> ServingFixturesAsync(Func<string, string>? fixtureFor = null) =>
        StartAsync((context, request) =>
        {
            var method = MethodOf(request);
            var body = request.Form.ContainsKey("cursor")
                ? """{"ok":true,"messages":[],"channels":[],"members":[],"response_metadata":{"next_cursor":""}}"""
                : Fixtures.Read($"slack/web/{(fixtureFor ?? (m => m))(method)}.json");
            return WriteJsonAsync(context, body);
        });

    public static string MethodOf(LoopbackRequest request) => request.Path["/api/".Length..];

    public static async Task WriteJsonAsync(HttpContext context, string json, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(json, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        await Server.DisposeAsync();
        Configuration.Dispose();
    }
}
