namespace CommunitySuccess.Core.Inbox;

/// <summary>The inbox's filters. <see cref="All"/> is every support thread that is not Closed, from any day.</summary>
public enum InboxView
{
    All,
    Open,
    InProgress,
    OnHold,
    NeedsFollowUp,
    Closed,
    ReferredToProduct,
    NotSupport,
}

/// <summary>How the inbox orders a view; every order reads stored, indexed fields.</summary>
public enum InboxOrder
{
    /// <summary>Threads waiting for the team whose users are inside their working hours, then those outside,
    /// each longest wait first, with askers of unknown time zone (GitHub authors not linked to a Slack user) between
    /// the two; then the rest of the view, oldest first.</summary>
    AwakeFirst,

    /// <summary>Oldest question first.</summary>
    Oldest,

    /// <summary>Newest question first.</summary>
    Newest,
}

/// <summary>The words people read for <see cref="InboxView"/> and <see cref="InboxOrder"/>, and their URL slugs.</summary>
public static class InboxViewNames
{
    public static string ToDisplayName(this InboxView view) => view switch
    {
        InboxView.All => "All",
        InboxView.Open => "Open",
        InboxView.InProgress => "In Progress",
        InboxView.OnHold => "On Hold",
        InboxView.NeedsFollowUp => "Needs follow-up",
        InboxView.Closed => "Closed",
        InboxView.ReferredToProduct => "Referred to product",
        InboxView.NotSupport => "Not a support thread",
        _ => view.ToString(),
    };

    public static string ToDisplayName(this InboxOrder order) => order switch
    {
        InboxOrder.AwakeFirst => "Awake first",
        InboxOrder.Oldest => "Oldest",
        InboxOrder.Newest => "Newest",
        _ => order.ToString(),
    };

    /// <summary>"all", "open", "in-progress", …: the <c>view</c> query parameter.</summary>
    public static string ToSlug(this InboxView view) => view switch
    {
        InboxView.InProgress => "in-progress",
        InboxView.OnHold => "on-hold",
        InboxView.NeedsFollowUp => "needs-follow-up",
        InboxView.ReferredToProduct => "referred",
        InboxView.NotSupport => "not-support",
        _ => view.ToString().ToLowerInvariant(),
    };

    /// <summary>"awake", "oldest", "newest": the <c>order</c> query parameter.</summary>
    public static string ToSlug(this InboxOrder order) => order == InboxOrder.AwakeFirst ? "awake" : order.ToString().ToLowerInvariant();

    /// <summary>Reads a slug; anything unknown falls back to the default view rather than failing the page.</summary>
    public static InboxView ParseView(string? slug) =>
        Enum.GetValues<InboxView>().FirstOrDefault(v => string.Equals(v.ToSlug(), slug, StringComparison.OrdinalIgnoreCase), InboxView.All);

    public static InboxOrder ParseOrder(string? slug) =>
        Enum.GetValues<InboxOrder>().FirstOrDefault(o => string.Equals(o.ToSlug(), slug, StringComparison.OrdinalIgnoreCase), InboxOrder.AwakeFirst);
}
