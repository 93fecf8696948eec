using System.Collections.Concurrent;
using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySuccess.Tests.GitHub;

/// <summary>
/// The real <see cref="OctokitGitHubGateway"/>, wired by <see cref="GitHubServiceCollectionExtensions.AddGitHubGateway"/>,
/// pointed at a <see cref="LoopbackServer"/>. The server is not github.com, so Octokit calls it under <c>/api/v3/</c>.
/// </summary>
internal sealed class GitHubGatewayHarness : IAsyncDisposable
{
    public const string Token = "ghp_test0000000000000000000000000secret";
    public const string Owner = "octo-org";
    public const string Repo = "hello-world";
    public const string RepoPath = $"/api/v3/repos/{Owner}/{Repo}";

    private readonly ServiceProvider _provider;
    private readonly ConcurrentQueue<string> _rawTargets;

    private GitHubGatewayHarness(LoopbackServer server, ConfigurationManager configuration, ServiceProvider provider, ConcurrentQueue<string> rawTargets)
    {
        Server = server;
        Configuration = configuration;
        _provider = provider;
        _rawTargets = rawTargets;
        Gateway = provider.GetRequiredService<IGitHubGateway>();
    }

    public LoopbackServer Server { get; }

    public ConfigurationManager Configuration { get; }

    public IGitHubGateway Gateway { get; }

    public IServiceProvider Services => _provider;

    public IReadOnlyList<LoopbackRequest> Requests => Server.Requests;

    /// <summary>Request targets exactly as they came over the wire (still percent-encoded), in arrival order.</summary>
    public IReadOnlyList<string> RawTargets => [.. _rawTargets];

    /// <summary>The REST root as GitHub Enterprise would write it in a <c>Link</c> header.</summary>
    public string ApiRoot => new Uri(Server.BaseAddress, "api/v3/").ToString();

    public static async Task<GitHubGatewayHarness> StartAsync(
        Func<HttpContext, LoopbackRequest, Task> handler,
        TimeProvider? clientTime = null,
        TimeProvider? serverTime = null)
    {
        var rawTargets = new ConcurrentQueue<string>();
        var server = await LoopbackServer.StartAsync(
            (context, request) =>
            {
                rawTargets.Enqueue(context.Features.Get<IHttpRequestFeature>()!.RawTarget);
                return handler(context, request);
            },
            serverTime);
        var configuration = new ConfigurationManager();
        configuration["GitHub:ApiBaseUrl"] = server.BaseAddress.ToString();
        configuration["GitHub:Token"] = Token;
        configuration["GitHub:WebhookSecret"] = "It's a Secret to Everybody";

        var services = new ServiceCollection();
        services.Configure<GitHubOptions>(configuration.GetSection(GitHubOptions.SectionName));
        services.AddSingleton(clientTime ?? TimeProvider.System);
        services.AddGitHubGateway();
        return new GitHubGatewayHarness(server, configuration, services.BuildServiceProvider(), rawTargets);
    }

    /// <summary>Answers every request with the same status and JSON body.</summary>
    public static Task<GitHubGatewayHarness> AnsweringAsync(string json, int status = StatusCodes.Status200OK) =>
        StartAsync((context, _) => WriteJsonAsync(context, json, status));

    public static async Task WriteJsonAsync(HttpContext context, string json, int status = StatusCodes.Status200OK, IDictionary<string, string>? headers = null)
    {
        context.Response.StatusCode = status;
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (status == StatusCodes.Status304NotModified)
        {
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(json, context.RequestAborted);
    }

    /// <summary>The rate-limit headers GitHub sends on every answer.</summary>
    public static Dictionary<string, string> RateLimitHeaders(int remaining, DateTimeOffset reset, int limit = 5000) => new(StringComparer.OrdinalIgnoreCase)
    {
        ["X-RateLimit-Limit"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["X-RateLimit-Remaining"] = remaining.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["X-RateLimit-Reset"] = reset.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["X-RateLimit-Used"] = (limit - remaining).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["X-RateLimit-Resource"] = "core",
    };

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        await Server.DisposeAsync();
        Configuration.Dispose();
    }
}
