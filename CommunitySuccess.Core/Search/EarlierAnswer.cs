namespace CommunitySuccess.Core.Search;

/// <summary>"Insert an earlier answer": the text a reply starts from.</summary>
public static class EarlierAnswer
{
    /// <summary>
    /// The earlier answer as written, and where it was given (a Slack permalink or a GitHub URL) so the reader of the
    /// draft — and, if kept, the user — can follow it. A starting point: the person edits it before sending.
    /// </summary>
    public static string Compose(string answer, string? link)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var text = answer.Trim();
        return string.IsNullOrWhiteSpace(link) ? text : $"{text}\n\n(Answered earlier: {link})";
    }
}
