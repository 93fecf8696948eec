namespace CommunitySuccess.Core.Team;

/// <summary>The <c>Team</c> section: seeds the team on first start, while the team is empty.</summary>
public sealed class TeamOptions
{
    public const string SectionName = "Team";

    public List<TeamMemberSeed> Members { get; set; } = [];
}

/// <summary>One configured team member.</summary>
public sealed class TeamMemberSeed
{
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public string SlackUserId { get; set; } = "";
    public string GitHubLogin { get; set; } = "";
    public string TimeZone { get; set; } = "";
    public string Role { get; set; } = "Engineer";
}
