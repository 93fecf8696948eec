using CommunitySuccess.Sandbox;
using CommunitySuccess.Sandbox.GitHub;
using CommunitySuccess.Sandbox.Slack;

namespace CommunitySuccess.Web.DemoMode;

/// <summary>
/// Demo mode's stand-in for Slack and GitHub: the loopback sandbox, started in-process before the app's services
/// are built so that the Slack options can point at it.
/// </summary>
public static class DemoSandbox
{
    public const string DemoWebhookSecret = "sandbox-webhook-secret";

    /// <summary>Starts the sandbox and adds configuration pointing the clients at it (only keys the user has not set).</summary>
    /// <param name="connectionString">Demo mode's database: the sandbox's history is written as of the moment that
    /// database was first used, so a restart finds the same threads instead of syncing a second copy.</param>
    public static async Task<SandboxServer> StartAsync(ConfigurationManager configuration, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var seedAt = DemoSeedMoment.ReadOrCreate(connectionString, TimeProvider.System);
        // The sandbox is a web host of its own, built before the app's. A test host (WebApplicationFactory) takes the
        // first host built on the entry point's execution flow, so the sandbox is built on a flow of its own.
        Task<SandboxServer> starting;
        using (ExecutionContext.SuppressFlow())
        {
            starting = Task.Run(() => SandboxServer.StartAsync(new SandboxServerOptions { SeedDemoWorkspace = true, GitHubWebhookSecret = DemoWebhookSecret, DemoSeedAt = seedAt }));
        }

        var sandbox = await starting;
        var settings = new Dictionary<string, string?>
        {
            ["Slack:ApiBaseUrl"] = sandbox.SlackApiBaseUrl.ToString(),
            ["Slack:BotToken"] = sandbox.Slack.BotToken,
            ["Slack:SigningSecret"] = sandbox.Slack.SigningSecret,
            ["Slack:TriageChannel"] = SlackWorkspace.DemoTriageChannelId,
            ["Slack:OnCallUserGroup"] = SlackWorkspace.DemoOnCallUserGroupId,
            ["GitHub:ApiBaseUrl"] = sandbox.BaseUrl.ToString(),
            ["GitHub:Token"] = sandbox.GitHub.Token,
            ["GitHub:WebhookSecret"] = DemoWebhookSecret,
        };
        if (!configuration.GetSection("GitHub:Repositories").GetChildren().Any())
        {
            settings["GitHub:Repositories:0"] = $"{GitHubState.DemoOwner}/{GitHubState.DemoRepo}";
        }

        if (!configuration.GetSection("Slack:SupportChannels").GetChildren().Any())
        {
            settings["Slack:SupportChannels:0"] = SlackWorkspace.DemoSupportChannelId;
        }

        configuration.AddInMemoryCollection(settings);
        return sandbox;
    }
}
