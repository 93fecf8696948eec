namespace CommunitySuccess.Core.Inbox;

/// <summary>What the inbox shows of a Slack user (from <c>users.info</c> / <c>users.list</c>), refreshed now and then.</summary>
public sealed class SlackUserProfile
{
    public required string SlackUserId { get; set; }

    /// <summary>The Slack handle (<c>name</c>).</summary>
    public string Name { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public string RealName { get; set; } = "";

    public string? AvatarUrl { get; set; }

    /// <summary>IANA time zone (<c>tz</c>); null when Slack does not say.</summary>
    public string? TimeZone { get; set; }

    public bool IsBot { get; set; }

    public bool IsDeleted { get; set; }

    public DateTime RefreshedAt { get; set; }

    /// <summary>The name to show: display name, else real name, else handle, else the id.</summary>
    public string ShownName =>
        new[] { DisplayName, RealName, Name }.FirstOrDefault(n => !string.IsNullOrWhiteSpace(n)) ?? SlackUserId;
}
