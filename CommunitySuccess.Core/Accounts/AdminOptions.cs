namespace CommunitySuccess.Core.Accounts;

/// <summary>The <c>Admin</c> section: the first administrator, created at start-up only while no user exists.</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    public string Email { get; set; } = "";

    /// <summary>A secret: never logged or shown.</summary>
    public string Password { get; set; } = "";
}
