namespace CommunitySuccess.Core.Inbox;

/// <summary>Where an inbox item comes from.</summary>
public enum InboxSource
{
    /// <summary>A Slack support thread.</summary>
    Slack,

    /// <summary>A GitHub issue or pull request of a configured repository.</summary>
    GitHub,
}

/// <summary>The inbox's source filter (All / Slack / GitHub) and its URL slugs.</summary>
public enum InboxSourceFilter
{
    All,
    Slack,
    GitHub,
}

/// <summary>Words and slugs for <see cref="InboxSourceFilter"/>.</summary>
public static class InboxSourceFilterNames
{
    public static string ToDisplayName(this InboxSourceFilter filter) => filter switch
    {
        InboxSourceFilter.Slack => "Slack",
        InboxSourceFilter.GitHub => "GitHub",
        _ => "All",
    };

    /// <summary>"slack", "github", or null for All: the <c>source</c> query parameter.</summary>
    public static string? ToSlug(this InboxSourceFilter filter) => filter == InboxSourceFilter.All ? null : filter.ToString().ToLowerInvariant();

    /// <summary>Reads a slug; anything unknown means All rather than failing the page.</summary>
    public static InboxSourceFilter Parse(string? slug) =>
        Enum.GetValues<InboxSourceFilter>().FirstOrDefault(f => string.Equals(f.ToSlug(), slug, StringComparison.OrdinalIgnoreCase), InboxSourceFilter.All);
}
