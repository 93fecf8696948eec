using System.Text.RegularExpressions;

namespace CommunitySuccess.Core.Inbox;

/// <summary>The follow-up posted in a thread: it tags the user, and the thread is closed after it.</summary>
public static partial class FollowUpMessage
{
    /// <summary>The text after the mention.</summary>
    public const string DefaultText =
        "Did this solve your question? We're closing this thread for now; just reply here if you still need help and it re-opens.";

    /// <summary>Composes <c>&lt;@U…&gt; text</c> (Slack mrkdwn).</summary>
    /// <exception cref="ArgumentException"><paramref name="slackUserId"/> is not a Slack user id (U… or W…).</exception>
    public static string Compose(string slackUserId, string? text = null)
    {
        if (slackUserId is null || !UserId().IsMatch(slackUserId))
        {
            throw new ArgumentException($"'{slackUserId}' is not a Slack user id (U… or W…).", nameof(slackUserId));
        }

        return $"<@{slackUserId}> {(string.IsNullOrWhiteSpace(text) ? DefaultText : text.Trim())}";
    }

    [GeneratedRegex("^[UW][A-Z0-9]+$")]
    private static partial Regex UserId();
}
