namespace CommunitySuccess.Web.Jobs;

/// <summary>The <c>Jobs</c> section.</summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    /// <summary>
    /// Run the Hangfire server in this process (default). Tests turn it off and call jobs directly, because
    /// Hangfire keeps static state that several test hosts would share.
    /// </summary>
    public bool RunServer { get; set; } = true;
}
