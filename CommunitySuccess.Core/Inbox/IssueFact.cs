namespace CommunitySuccess.Core.Inbox;

/// <summary>
/// Something that happened to a GitHub item, seen for the first time (a webhook, or a sync that sees a comment, label
/// change, review or state change it had not seen, or a click in our app): the only input that moves its status.
/// The GitHub ingest guarantees "first time"; re-reading old facts never reaches <see cref="IssueStatusRules"/>.
/// </summary>
public abstract record IssueFact
{
    // Closed set: the rules handle every kind, so no one else may add one.
    private IssueFact()
    {
    }

    /// <summary>A comment by someone outside the team (the author included; bots never count).</summary>
    public sealed record OutsideComment : IssueFact;

    /// <summary>A comment or pull request review by the team (our token's account included).</summary>
    public sealed record TeamComment : IssueFact;

    /// <summary>A 👀 reaction by a team member on the issue.</summary>
    public sealed record TeamEyes : IssueFact;

    /// <summary>The Triage label was removed, or replaced by <paramref name="Replacement"/> (e.g. <c>Product review</c>).</summary>
    public sealed record TriageLabelRemoved(string? Replacement) : IssueFact;

    /// <summary>Closed or merged on GitHub.</summary>
    public sealed record ClosedOnGitHub(bool Merged = false) : IssueFact;

    /// <summary>Re-opened on GitHub.</summary>
    public sealed record ReopenedOnGitHub : IssueFact;

    /// <summary>A team member approved a contributor's pull request: it leaves the queue.</summary>
    public sealed record ApprovedByTeam : IssueFact;

    /// <summary>Someone set In Progress in our app (mirrored to GitHub as a 👀 reaction).</summary>
    public sealed record SetInProgressInApp : IssueFact;

    /// <summary>Someone put the item On Hold in our app; the note (the reason) is required.</summary>
    public sealed record SetOnHoldInApp(string Note) : IssueFact;

    /// <summary>Someone closed the item in our app with one of the choices that fit a GitHub item.</summary>
    public sealed record CloseInApp(IssueCloseChoice Choice) : IssueFact;

    /// <summary>A person posted the follow-up comment mentioning the author (never automatic for GitHub).</summary>
    public sealed record FollowUpSent : IssueFact;
}

/// <summary>How an engineer closes a GitHub item from the inbox, and what it writes to GitHub.</summary>
public enum IssueCloseChoice
{
    /// <summary>Answered: the Triage label is removed.</summary>
    Answered,

    /// <summary>Needs product review: Triage is replaced by Product review.</summary>
    NeedsProductReview,

    /// <summary>The issue is closed on GitHub.</summary>
    CloseOnGitHub,

    /// <summary>Nothing is written; the item stays closed until the next outside comment.</summary>
    NoReplyNeeded,
}

/// <summary>Words for <see cref="IssueCloseChoice"/>.</summary>
public static class IssueCloseChoiceNames
{
    public static string ToDisplayName(this IssueCloseChoice choice) => choice switch
    {
        IssueCloseChoice.Answered => "Answered",
        IssueCloseChoice.NeedsProductReview => "Needs product review",
        IssueCloseChoice.CloseOnGitHub => "Close on GitHub",
        IssueCloseChoice.NoReplyNeeded => "No reply needed",
        _ => choice.ToString(),
    };
}
