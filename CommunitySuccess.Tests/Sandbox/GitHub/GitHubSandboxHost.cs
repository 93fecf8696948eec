using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CommunitySuccess.Sandbox.GitHub;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CommunitySuccess.Tests.Sandbox.GitHub;

/// <summary>
/// The GitHub emulator on a real loopback port: a bare Kestrel app with <c>app.MapGitHubApi(state)</c>, a state on a
/// fake clock, and an <see cref="HttpClient"/> that speaks to <c>{base}api/v3/</c> with the sandbox token.
/// </summary>
internal sealed class GitHubSandboxHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2025, 6, 2, 9, 30, 0, TimeSpan.Zero);

    private readonly WebApplication _app;

    private GitHubSandboxHost(WebApplication app, GitHubState state, FakeTimeProvider clock, Uri baseAddress)
    {
        _app = app;
        State = state;
        Clock = clock;
        BaseAddress = baseAddress;
        Api = new Uri(baseAddress, "api/v3/");
        Client = new HttpClient { BaseAddress = Api };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", GitHubState.DefaultToken);
        Client.DefaultRequestHeaders.UserAgent.ParseAdd("CommunitySuccess.Tests/1.0");
        Client.DefaultRequestHeaders.Accept.ParseAdd("application/vnd.github+json");
    }

    public GitHubState State { get; }

    public FakeTimeProvider Clock { get; }

    /// <summary>The server root, e.g. <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary><c>{base}api/v3/</c>.</summary>
    public Uri Api { get; }

    /// <summary>Authenticated with the sandbox token; relative URIs resolve under <see cref="Api"/>.</summary>
    public HttpClient Client { get; }

    public static async Task<GitHubSandboxHost> StartAsync(Action<GitHubState>? seed = null, TimeProvider? time = null, FakeTimeProvider? clock = null)
    {
        clock ??= new FakeTimeProvider(Start);
        var state = new GitHubState(time ?? clock);
        // As bare as the sandbox server's own host: Kestrel and routing, nothing else.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        app.MapGitHubApi(state);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var baseAddress = new Uri(address.TrimEnd('/') + "/");
        state.PublicBaseUrl = baseAddress;
        seed?.Invoke(state);
        return new GitHubSandboxHost(app, state, clock, baseAddress);
    }

    public static Task<GitHubSandboxHost> StartDemoAsync() => StartAsync(s => s.SeedDemo());

    public async Task<(HttpResponseMessage Response, JsonNode? Json)> GetAsync(string relativeUri, CancellationToken cancellationToken)
    {
        var response = await Client.GetAsync(relativeUri, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return (response, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public async Task<(HttpResponseMessage Response, JsonNode? Json)> SendJsonAsync(HttpMethod method, string relativeUri, string json, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, relativeUri) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        var response = await Client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return (response, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>An Octokit client the way the product builds one: base address without <c>api/v3</c>, token credentials.</summary>
    public global::Octokit.GitHubClient Octokit() =>
        new(new global::Octokit.ProductHeaderValue("communitysuccess-tests"), BaseAddress)
        {
            Credentials = new global::Octokit.Credentials(GitHubState.DefaultToken),
        };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
