namespace CommunitySuccess.Web.DemoMode;

/// <summary>
/// The <c>Sandbox</c> section. Demo mode runs the loopback Slack/GitHub emulator in-process with its own database
/// file; it is on by default when neither a Slack nor a GitHub token is configured.
/// </summary>
public sealed class SandboxOptions
{
    public const string SectionName = "Sandbox";

    public const string DemoConnectionString = "Data Source=data/demo.db";

    /// <summary>Null means "decide from the tokens".</summary>
    public bool? Enabled { get; set; }
}
