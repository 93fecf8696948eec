using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Sandbox;
using CommunitySuccess.Sandbox.GitHub;
using CommunitySuccess.Sandbox.Slack;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CommunitySuccess.Tests.Observability;

/// <summary>Issue 11 item 9: with the shipped logging settings a sync writes its own summary, not a line per request.</summary>
public sealed class QuietLoggingTests
{
    private const string SupportChannel = "C0SUPPORT01";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sync_DefaultLogging_WritesOneSummaryPerRunAndNoRequestLines()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxServerOptions { SeedDemoWorkspace = false }, Ct);
        sandbox.Slack.AddChannel(SupportChannel, "support");
        var asker = sandbox.Slack.AddUser(new SlackUser { Name = "priya", RealName = "Priya Raman", TimeZone = "Asia/Kolkata" });
        sandbox.Slack.PostAsUser(SupportChannel, asker.Id, "The export fails with a timeout");
        sandbox.GitHub.CreateRepository("acme", "desk", "A repository");

        var capture = new LogCapture();
        await using var factory = new AppFactory(s =>
        {
            // The shipped default level: everything at Information except what appsettings.json quiets.
            s["Logging:LogLevel:Default"] = "Information";
            s["Slack:ApiBaseUrl"] = sandbox.SlackApiBaseUrl.ToString();
            s["Slack:BotToken"] = sandbox.Slack.BotToken;
            s["Slack:SupportChannels:0"] = SupportChannel;
            s["GitHub:ApiBaseUrl"] = sandbox.BaseUrl.ToString();
            s["GitHub:Token"] = GitHubState.DefaultToken;
            s["GitHub:Repositories:0"] = "acme/desk";
        });
        await using var app = factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(capture)));

        await app.Services.GetRequiredService<SyncSlackJob>().RunAsync(Ct);
        await app.Services.GetRequiredService<SyncGitHubJob>().RunAsync(Ct);

        Assert.NotEmpty(sandbox.Slack.RequestsTo("conversations.history"));
        Assert.DoesNotContain(capture.Lines, l => l.Category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal) && l.Level < LogLevel.Warning);
        Assert.DoesNotContain(capture.Lines, l => l.Message.Contains("HTTP request", StringComparison.Ordinal));
        var slack = Assert.Single(capture.Lines, l => l.Message.StartsWith($"Slack sync of {SupportChannel}:", StringComparison.Ordinal));
        Assert.Matches(@"1 changed, 0 errors, [1-9]\d* API calls", slack.Message);
        var gitHub = Assert.Single(capture.Lines, l => l.Message.StartsWith("GitHub sync of acme/desk:", StringComparison.Ordinal));
        Assert.Matches(@"0 errors, [1-9]\d* API calls", gitHub.Message);
    }

    [Fact]
    public async Task Sync_HttpClientLevelConfigured_RequestLinesAreWritten()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxServerOptions { SeedDemoWorkspace = false }, Ct);
        sandbox.Slack.AddChannel(SupportChannel, "support");

        var capture = new LogCapture();
        await using var factory = new AppFactory(s =>
        {
            s["Logging:LogLevel:System.Net.Http.HttpClient"] = "Information";
            s["Slack:ApiBaseUrl"] = sandbox.SlackApiBaseUrl.ToString();
            s["Slack:BotToken"] = sandbox.Slack.BotToken;
            s["Slack:SupportChannels:0"] = SupportChannel;
        });
        await using var app = factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(capture)));

        await app.Services.GetRequiredService<SyncSlackJob>().RunAsync(Ct);

        Assert.Contains(capture.Lines, l => l.Category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal) && l.Message.Contains("HTTP request", StringComparison.Ordinal));
    }
}
