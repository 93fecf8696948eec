using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Core.Team;
using CommunitySuccess.Sandbox;
using CommunitySuccess.Sandbox.GitHub;
using CommunitySuccess.Sandbox.Slack;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CommunitySuccess.Web.DemoMode;

/// <summary>
/// Once the demo app listens: points the sandbox's Events API at us, seeds on our side what the sandbox cannot
/// know (the team, a few On Hold threads with notes), and runs the first sync so the inbox has something to show.
/// </summary>
public sealed class DemoModeSeeder(
    SandboxServer sandbox,
    IServer server,
    IHostApplicationLifetime lifetime,
    TeamService team,
    SlackSyncService sync,
    GitHubSyncService gitHubSync,
    InboxActionsService actions,
    FollowUpService followUp,
    ILogger<DemoModeSeeder> logger) : BackgroundService
{
    private static readonly string[] OnHoldNotes =
    [
        "Waiting for the user's debug logs (asked for RUST_LOG=debug output).",
        "Debugging call booked for Thursday; waiting until then.",
        "Waiting on the user to try the 1.4.1 release candidate.",
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await WaitForStartAsync(stoppingToken))
        {
            return;
        }

        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is not null)
        {
            var appUrl = new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
            sandbox.Slack.EventsUrl = new Uri(appUrl, "slack/events");
            sandbox.GitHub.WebhookTarget = new GitHubWebhookSender(new Uri(appUrl, "github/webhooks"), DemoSandbox.DemoWebhookSecret);
        }

        await team.SeedIfEmptyAsync(SlackWorkspace.DemoTeam.Select((m, i) => new TeamMember
        {
            Name = m.Name,
            Email = m.Email,
            SlackUserId = m.SlackUserId,
            GitHubLogin = m.GitHubLogin,
            TimeZone = m.TimeZone,
            Role = i == 0 ? "Admin" : "Engineer",
        }), stoppingToken);

        await sync.SyncAllAsync(stoppingToken, waitForRunning: true);
        await gitHubSync.SyncAllAsync(stoppingToken, waitForRunning: true);
        await SeedOnHoldAsync(stoppingToken);
        await followUp.EvaluateAsync(stoppingToken);
        logger.LogInformation("Demo mode: sandbox workspace synced; events arrive at {Url}", sandbox.Slack.EventsUrl);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);

        // Registered as an instance, the sandbox is never disposed by the container; hosted services stop in reverse
        // order, so by now the outbox and event workers that talk to it have stopped.
        await sandbox.DisposeAsync();
    }

    private async Task SeedOnHoldAsync(CancellationToken cancellationToken)
    {
        var candidates = await actions.FindDemoOnHoldCandidatesAsync(OnHoldNotes.Length, cancellationToken);
        var demoActor = new AppActor(SlackWorkspace.DemoTeam[0].Name, SlackWorkspace.DemoTeam[0].Email);
        foreach (var (threadId, note) in candidates.Zip(OnHoldNotes))
        {
            await actions.SetOnHoldAsync(threadId, note, demoActor, cancellationToken);
        }
    }

    private async Task<bool> WaitForStartAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
