namespace CommunitySuccess.Core.Team;

/// <summary>
/// A person on the team. Their Slack user id and GitHub login decide whether a message or reaction counts as
/// "the team"; their email links them to their sign-in account ("me").
/// </summary>
public sealed class TeamMember
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public required string Email { get; set; }

    public string? SlackUserId { get; set; }

    public string? GitHubLogin { get; set; }

    /// <summary>IANA time zone; null = unknown.</summary>
    public string? TimeZone { get; set; }

    public string Role { get; set; } = "Engineer";

    /// <summary>Former members stay for history but no longer count as the team.</summary>
    public bool IsActive { get; set; } = true;

    public DateTime CreatedAt { get; set; }
}
