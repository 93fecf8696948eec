namespace CommunitySuccess.Core.Inbox;

/// <summary>
/// A canned answer the on-call inserts into a reply, edited by admins. <see cref="Text"/> may carry the
/// placeholders of <see cref="SavedReplyPlaceholders"/>.
/// </summary>
public sealed class SavedReply
{
    public const int TitleMaxLength = 120;
    public const int TextMaxLength = 4000;

    public int Id { get; set; }

    public required string Title { get; set; }

    public required string Text { get; set; }

    /// <summary>Position in the menu, smallest first.</summary>
    public int SortOrder { get; set; }

    /// <summary>Removed by an admin. The row stays so the defaults are seeded only once, ever.</summary>
    public bool IsArchived { get; set; }

    public DateTime UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = "";
}

/// <summary>The placeholders a saved reply may use, filled in when it is inserted.</summary>
public static class SavedReplyPlaceholders
{
    /// <summary>The asker, as a Slack mention (so Slack notifies them).</summary>
    public const string User = "{user}";

    /// <summary>The signed-in team member's name.</summary>
    public const string OnCall = "{oncall}";

    /// <summary><c>Inbox:CallBookingUrl</c>, the debugging-call booking link.</summary>
    public const string CallBookingUrl = "{call_booking_url}";

    /// <summary>Fills the placeholders; <paramref name="userSlackId"/> becomes a mention <c>&lt;@U…&gt;</c>.</summary>
    public static string Fill(string text, string? userSlackId, string onCallName, string callBookingUrl)
    {
        ArgumentNullException.ThrowIfNull(text);
        var user = string.IsNullOrEmpty(userSlackId) ? "there" : $"<@{userSlackId}>";
        return text
            .Replace(User, user, StringComparison.OrdinalIgnoreCase)
            .Replace(OnCall, onCallName ?? "", StringComparison.OrdinalIgnoreCase)
            .Replace(CallBookingUrl, callBookingUrl ?? "", StringComparison.OrdinalIgnoreCase);
    }
}
