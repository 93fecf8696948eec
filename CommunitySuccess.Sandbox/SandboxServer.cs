using System.Net;
using CommunitySuccess.Sandbox.GitHub;
using CommunitySuccess.Sandbox.Slack;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CommunitySuccess.Sandbox;

/// <summary>
/// A loopback web server that speaks the real Slack Web API wire format (and, later, GitHub's REST API),
/// with stateful fakes behind it. Demo mode starts one in-process; tests start one per scenario.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _disposed;

    private SandboxServer(WebApplication app, Uri baseUrl, SlackWorkspace slack, GitHubState gitHub, SocketModeServer socketMode)
    {
        _app = app;
        BaseUrl = baseUrl;
        Slack = slack;
        GitHub = gitHub;
        SocketMode = socketMode;
    }

    /// <summary>Root address, e.g. <c>http://127.0.0.1:5123/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Slack Web API root: method URLs are <c>{SlackApiBaseUrl}chat.postMessage</c>.</summary>
    public Uri SlackApiBaseUrl => new(BaseUrl, "slack/api/");

    /// <summary>The stateful Slack workspace behind the API, for tests and demo seeding.</summary>
    public SlackWorkspace Slack { get; }

    /// <summary>Slack's Socket Mode: <c>apps.connections.open</c> and the WebSocket it names.</summary>
    public SocketModeServer SocketMode { get; }

    /// <summary>
    /// The stateful GitHub behind the REST API, served under <c>/api/v3/</c> (the prefix Octokit adds to any base URL
    /// that is not github.com): a client's base URL is <see cref="BaseUrl"/>.
    /// </summary>
    public GitHubState GitHub { get; }

    /// <summary>Starts Kestrel on 127.0.0.1 and, when asked, seeds the demo workspace.</summary>
    public static async Task<SandboxServer> StartAsync(SandboxServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);

        // The empty builder reads no appsettings or ASPNETCORE_* variables of the host app that starts us in-process.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(SandboxServer).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        builder.Services.AddRoutingCore();
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);

        var slack = new SlackWorkspace(options);
        builder.Services.AddSingleton(slack);

        var gitHub = new GitHubState(options.TimeProvider, options.GitHubToken);
        var socketMode = new SocketModeServer(slack, options.TimeProvider);
        var app = builder.Build();
        app.UseWebSockets();
        socketMode.Map(app);
        app.MapSlack(slack);
        app.MapGitHubApi(gitHub);

        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");

        slack.Attach(baseUrl, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<SlackWorkspace>());
        gitHub.PublicBaseUrl = baseUrl;
        socketMode.Attach(baseUrl);
        if (options.SeedDemoWorkspace)
        {
            slack.SeedDemo(options.DemoSeedAt);
            gitHub.SeedDemo(options.DemoSeedAt);
        }

        return new SandboxServer(app, baseUrl, slack, gitHub, socketMode);
    }

    public async ValueTask DisposeAsync()
    {
        // Disposing twice is allowed (IAsyncDisposable): the demo app's host can stop its seeder, which disposes the
        // sandbox, more than once while shutting down, and a second CancelAsync on a disposed source would throw.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await SocketMode.DisposeAsync().ConfigureAwait(false);
        await Slack.DisposeAsync().ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
