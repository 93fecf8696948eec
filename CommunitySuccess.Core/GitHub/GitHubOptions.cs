namespace CommunitySuccess.Core.GitHub;

/// <summary>The <c>GitHub</c> section.</summary>
public sealed class GitHubOptions
{
    public const string SectionName = "GitHub";

    public string ApiBaseUrl { get; set; } = "https://api.github.com/";

    /// <summary>A secret: never logged or shown.</summary>
    public string Token { get; set; } = "";

    /// <summary>A secret that checks webhook signatures.</summary>
    public string WebhookSecret { get; set; } = "";

    /// <summary><c>owner/name</c> list.</summary>
    public List<string> Repositories { get; set; } = [];

    public GitHubLabelOptions Labels { get; set; } = new();

    /// <summary>
    /// How long one attempt of a GitHub call may take before it counts as a time-out (1–600 s). Each attempt has its
    /// own limit because the rate-limit waits between attempts make a client-wide time-out unusable.
    /// </summary>
    public int RequestTimeoutSeconds { get; set; } = 100;
}

/// <summary>Label names the process uses.</summary>
public sealed class GitHubLabelOptions
{
    public string Triage { get; set; } = "Triage 👀";
    public string ProductReview { get; set; } = "Product review";
    public string Community { get; set; } = "Community";
    public string Sprint { get; set; } = "Sprint";
    public string OpenToContribution { get; set; } = "Open to contribution";
    public string DeploymentBlocker { get; set; } = "Deployment blocker";
}
