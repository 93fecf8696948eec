namespace CommunitySuccess.Sandbox;

/// <summary>How a <see cref="SandboxServer"/> starts: its port, the credentials it expects and where it sends events.</summary>
public sealed class SandboxServerOptions
{
    /// <summary>Loopback port to listen on; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>The only bot token the Slack Web API accepts (<c>Authorization: Bearer …</c>).</summary>
    public string SlackBotToken { get; set; } = "xoxb-sandbox-token";

    /// <summary>Secret that signs Events API callbacks (<c>X-Slack-Signature</c>).</summary>
    public string SlackSigningSecret { get; set; } = "sandbox-signing-secret";

    /// <summary>Where signed Events API callbacks are POSTed; null sends none. Can be changed later on <see cref="Slack.SlackWorkspace.EventsUrl"/>.</summary>
    public Uri? SlackEventsUrl { get; set; }

    /// <summary>Seed the "Acme Community" demo workspace (channels, people, two weeks of #support threads).</summary>
    public bool SeedDemoWorkspace { get; set; } = true;

    /// <summary>
    /// When the demo workspace's history was written (its "now"); null is the clock's now. Two starts with the same
    /// value seed identical data — the same message timestamps and ids — so an app that keeps its database across
    /// restarts finds the threads it already has instead of a second copy.
    /// </summary>
    public DateTimeOffset? DemoSeedAt { get; set; }

    /// <summary>The token GitHub's REST API accepts (<c>Authorization: token …</c> or <c>Bearer …</c>).</summary>
    public string GitHubToken { get; set; } = GitHub.GitHubState.DefaultToken;

    /// <summary>The secret GitHub webhook deliveries are signed with.</summary>
    public string GitHubWebhookSecret { get; set; } = "sandbox-webhook-secret";

    /// <summary>
    /// Slack's Web API rate limits; strict (<see cref="Slack.SlackRateLimits.Published"/>) unless a test or demo mode
    /// makes them faster with <see cref="Slack.SlackRateLimits.Scaled"/>. There is no "off".
    /// </summary>
    public Slack.SlackRateLimits SlackRateLimits { get; set; } = Slack.SlackRateLimits.Published;

    /// <summary>
    /// When Slack retries an Events API delivery that was not acknowledged with a 2xx within 3 seconds: at once, after
    /// one minute and after five minutes (three retries). Tests may shorten the waits; the count stays Slack's.
    /// </summary>
    public IReadOnlyList<TimeSpan> SlackEventRetryDelays { get; set; } = [TimeSpan.Zero, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)];

    /// <summary>Clock for message timestamps, event times and the demo seed.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
