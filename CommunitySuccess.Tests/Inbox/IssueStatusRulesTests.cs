using CommunitySuccess.Core.Inbox;

namespace CommunitySuccess.Tests.Inbox;

/// <summary>Every cell of PRODUCT.md's GitHub item table ("How a GitHub item's status moves").</summary>
public sealed class IssueStatusRulesTests
{
    private const ThreadStatus O = ThreadStatus.Open;
    private const ThreadStatus P = ThreadStatus.InProgress;
    private const ThreadStatus H = ThreadStatus.OnHold;
    private const ThreadStatus C = ThreadStatus.Closed;

    /// <summary>fact, from, to (null = stays), and whether the new-activity mark is set.</summary>
    public static TheoryData<string, ThreadStatus, ThreadStatus?, bool> Table() => new()
    {
        { "outside comment", O, null, false }, { "outside comment", P, null, false }, { "outside comment", H, null, true }, { "outside comment", C, O, false },
        { "team comment", O, P, false }, { "team comment", P, null, false }, { "team comment", H, null, false }, { "team comment", C, null, false },
        { "team eyes", O, P, false }, { "team eyes", P, null, false }, { "team eyes", H, null, false }, { "team eyes", C, null, false },
        { "triage removed", O, C, false }, { "triage removed", P, C, false }, { "triage removed", H, C, false }, { "triage removed", C, null, false },
        { "closed on github", O, C, false }, { "closed on github", P, C, false }, { "closed on github", H, C, false }, { "closed on github", C, null, false },
        { "approved by team", O, C, false }, { "approved by team", P, C, false }, { "approved by team", H, C, false }, { "approved by team", C, null, false },
        { "reopened on github", O, null, false }, { "reopened on github", P, null, false }, { "reopened on github", H, null, false }, { "reopened on github", C, O, false },
        { "set in progress", O, P, false }, { "set in progress", P, null, false }, { "set in progress", H, P, false }, { "set in progress", C, P, false },
        { "set on hold", O, H, false }, { "set on hold", P, H, false }, { "set on hold", H, null, false }, { "set on hold", C, H, false },
        { "close answered", O, C, false }, { "close answered", P, C, false }, { "close answered", H, C, false }, { "close answered", C, null, false },
        { "follow-up sent", O, C, false }, { "follow-up sent", P, C, false }, { "follow-up sent", H, null, false }, { "follow-up sent", C, null, false },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Decide_EveryCellOfTheGitHubTable_MovesAsPrinted(string fact, ThreadStatus from, ThreadStatus? to, bool newActivity)
    {
        var decision = IssueStatusRules.Decide(from, Fact(fact));

        Assert.False(decision.IsRefused, decision.Refusal);
        Assert.Equal(to, decision.NewStatus);
        Assert.Equal(newActivity, decision.NewActivity == NewActivityMark.Set);
    }

    [Theory]
    [InlineData(IssueCloseChoice.Answered, "set in app: Answered")]
    [InlineData(IssueCloseChoice.NeedsProductReview, "set in app: Needs product review")]
    [InlineData(IssueCloseChoice.CloseOnGitHub, "set in app: Close on GitHub")]
    [InlineData(IssueCloseChoice.NoReplyNeeded, "set in app: No reply needed")]
    public void Decide_CloseInApp_EachChoiceClosesWithItsReason(IssueCloseChoice choice, string reason)
    {
        var decision = IssueStatusRules.Decide(ThreadStatus.InProgress, new IssueFact.CloseInApp(choice));

        Assert.Equal(ThreadStatus.Closed, decision.NewStatus);
        Assert.Equal(reason, decision.Reason);
    }

    [Theory]
    [InlineData("Product review", "triaged: Product review")]
    [InlineData(null, "triaged: Triage label removed")]
    public void Decide_TriageLabelReplacedOrRemoved_ClosesSayingWhatReplacedIt(string? replacement, string reason) =>
        Assert.Equal(reason, IssueStatusRules.Decide(ThreadStatus.Open, new IssueFact.TriageLabelRemoved(replacement)).Reason);

    [Fact]
    public void Decide_MergedOnGitHub_SaysMerged() =>
        Assert.Equal("merged on GitHub", IssueStatusRules.Decide(ThreadStatus.Open, new IssueFact.ClosedOnGitHub(Merged: true)).Reason);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Decide_OnHoldWithoutANote_IsRefusedSayingTheNoteIsRequired(string note)
    {
        var decision = IssueStatusRules.Decide(ThreadStatus.Open, new IssueFact.SetOnHoldInApp(note));

        Assert.True(decision.IsRefused);
        Assert.Contains("note", decision.Refusal, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Decide_UnknownCloseChoice_IsRefusedNotThrown() =>
        Assert.True(IssueStatusRules.Decide(ThreadStatus.Open, new IssueFact.CloseInApp((IssueCloseChoice)42)).IsRefused);

    [Theory]
    [InlineData(ThreadStatus.OnHold)]
    public void Decide_TeamCommentOrEyesOnHold_ClearsTheNewActivityMark(ThreadStatus from)
    {
        Assert.Equal(NewActivityMark.Clear, IssueStatusRules.Decide(from, new IssueFact.TeamComment()).NewActivity);
        Assert.Equal(NewActivityMark.Clear, IssueStatusRules.Decide(from, new IssueFact.TeamEyes()).NewActivity);
    }

    private static IssueFact Fact(string name) => name switch
    {
        "outside comment" => new IssueFact.OutsideComment(),
        "team comment" => new IssueFact.TeamComment(),
        "team eyes" => new IssueFact.TeamEyes(),
        "triage removed" => new IssueFact.TriageLabelRemoved("Product review"),
        "closed on github" => new IssueFact.ClosedOnGitHub(),
        "approved by team" => new IssueFact.ApprovedByTeam(),
        "reopened on github" => new IssueFact.ReopenedOnGitHub(),
        "set in progress" => new IssueFact.SetInProgressInApp(),
        "set on hold" => new IssueFact.SetOnHoldInApp("waiting for the logs"),
        "close answered" => new IssueFact.CloseInApp(IssueCloseChoice.Answered),
        "follow-up sent" => new IssueFact.FollowUpSent(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
