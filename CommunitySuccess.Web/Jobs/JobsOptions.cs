namespace CommunitySuccess.Web.Jobs;

/// <summary>Where Hangfire keeps its jobs.</summary>
public enum JobStorageKind
{
    /// <summary>In the app's database when it is PostgreSQL (several instances share one schedule), in memory on SQLite.</summary>
    Database,

    /// <summary>In this process's memory: for tests, which run no Hangfire server and throw each database away.</summary>
    InMemory,
}

/// <summary>The <c>Jobs</c> section.</summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    /// <summary>
    /// Run the Hangfire server in this process (default). Tests turn it off and call jobs directly, because
    /// Hangfire keeps static state that several test hosts would share.
    /// </summary>
    public bool RunServer { get; set; } = true;

    /// <summary>See <see cref="JobStorageKind"/>.</summary>
    public JobStorageKind Storage { get; set; } = JobStorageKind.Database;
}
