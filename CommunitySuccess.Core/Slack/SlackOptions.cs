namespace CommunitySuccess.Core.Slack;

/// <summary>The <c>Slack</c> configuration section: where the Web API is and which channels are watched.</summary>
public sealed class SlackOptions
{
    public const string SectionName = "Slack";

    /// <summary>Web API root; the sandbox's address in demo mode.</summary>
    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    /// <summary>Bot token (<c>xoxb-…</c>). A secret: never logged or shown.</summary>
    public string BotToken { get; set; } = "";

    /// <summary>Signing secret that checks Events API and slash-command requests. A secret.</summary>
    public string SigningSecret { get; set; } = "";

    /// <summary>App-level token (<c>xapp-…</c>) that enables Socket Mode. A secret.</summary>
    public string AppToken { get; set; } = "";

    /// <summary>Channel ids watched as support channels.</summary>
    public List<string> SupportChannels { get; set; } = [];

    /// <summary>Channel id for triage posts and the daily hand-off.</summary>
    public string TriageChannel { get; set; } = "";

    /// <summary>A Slack user group kept equal to today's on-call.</summary>
    public string OnCallUserGroup { get; set; } = "";

    /// <summary>How far back the first sync reaches.</summary>
    public int BackfillDays { get; set; } = 30;

    /// <summary>Which recent threads each sync re-checks for changes.</summary>
    public int RecheckDays { get; set; } = 14;

    /// <summary>
    /// True for an app distributed commercially outside the Slack Marketplace, which Slack limits (since 2025) to one
    /// <c>conversations.history</c> / <c>conversations.replies</c> call a minute and 15 messages a page.
    /// </summary>
    public bool NonMarketplaceApp { get; set; }

    /// <summary>
    /// How many times faster than Slack's published limits calls are paced. 1 (the default) for real Slack; the demo
    /// sandbox and tests may run faster. Never below 1.
    /// </summary>
    public double RateLimitScale { get; set; } = 1;
}
