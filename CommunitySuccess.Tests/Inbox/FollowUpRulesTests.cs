using CommunitySuccess.Core.Inbox;

namespace CommunitySuccess.Tests.Inbox;

public sealed class FollowUpRulesTests
{
    private static readonly DateTime TeamAnswered = new(2025, 3, 3, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime AppStarted = TeamAnswered.AddDays(-10);

    private static FollowUpCandidate Answered(
        ThreadStatus status = ThreadStatus.InProgress,
        bool isNotSupport = false,
        bool lastMessageByTeam = true,
        DateTime? firstSeen = null,
        DateTime? statusChanged = null) =>
        new(status, isNotSupport, lastMessageByTeam, TeamAnswered, firstSeen ?? TeamAnswered.AddHours(-1), statusChanged ?? TeamAnswered);

    private static InboxOptions Options(int hours = 48, bool auto = true) => new() { FollowUpAfterHours = hours, AutoFollowUp = auto };

    [Fact]
    public void Assess_At47h59m_IsNotDueYet()
    {
        var assessment = FollowUpRules.Assess(Answered(), TeamAnswered.AddHours(47).AddMinutes(59), Options(), AppStarted);

        Assert.False(assessment.NeedsFollowUp);
        Assert.False(assessment.MayAutoFollowUp);
        Assert.Equal(TeamAnswered.AddHours(48), assessment.DueAt);
    }

    [Fact]
    public void Assess_AtExactly48h_IsNotDueBecauseTheRuleSaysMoreThan()
    {
        var assessment = FollowUpRules.Assess(Answered(), TeamAnswered.AddHours(48), Options(), AppStarted);

        Assert.False(assessment.NeedsFollowUp);
    }

    [Fact]
    public void Assess_After48h_IsDue()
    {
        var assessment = FollowUpRules.Assess(Answered(), TeamAnswered.AddHours(48).AddSeconds(1), Options(), AppStarted);

        Assert.True(assessment.NeedsFollowUp);
        Assert.Equal(TeamAnswered.AddHours(48), assessment.DueAt);
    }

    [Theory]
    [InlineData(24, 23.9, false)]
    [InlineData(24, 24.1, true)]
    [InlineData(72, 71.9, false)]
    [InlineData(72, 72.1, true)]
    public void Assess_ConfiguredHours_CountsThoseHours(int hours, double elapsedHours, bool due)
    {
        var assessment = FollowUpRules.Assess(Answered(), TeamAnswered.AddHours(elapsedHours), Options(hours), AppStarted);

        Assert.Equal(due, assessment.NeedsFollowUp);
        Assert.Equal(TeamAnswered.AddHours(hours), assessment.DueAt);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Assess_NonPositiveHours_ThrowsNamingTheKey(int hours)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => FollowUpRules.Assess(Answered(), TeamAnswered.AddDays(5), Options(hours), AppStarted));

        Assert.Contains("Inbox:FollowUpAfterHours", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_DeadlinePassesWhileRunning_MayAutoFollowUp()
    {
        var assessment = FollowUpRules.Assess(Answered(), TeamAnswered.AddHours(49), Options(), AppStarted);

        Assert.True(assessment.DeadlinePassedWhileWatched);
        Assert.True(assessment.MayAutoFollowUp);
        Assert.False(assessment.ForAPerson);
    }

    [Fact]
    public void Assess_DeadlinePassesWhileRunningWithAutoOff_IsForAPerson()
    {
        var assessment = FollowUpRules.Assess(Answered(), TeamAnswered.AddHours(49), Options(auto: false), AppStarted);

        Assert.True(assessment.NeedsFollowUp);
        Assert.True(assessment.DeadlinePassedWhileWatched);
        Assert.False(assessment.MayAutoFollowUp);
        Assert.True(assessment.ForAPerson);
    }

    [Fact]
    public void Assess_OverdueWhenFirstSeen_NeverAutoActs()
    {
        var firstSeen = TeamAnswered.AddDays(5);
        var candidate = Answered(firstSeen: firstSeen, statusChanged: firstSeen);

        // Every later sweep sees the same backlog thread: none of them may message it.
        foreach (var now in new[] { firstSeen, firstSeen.AddMinutes(1), firstSeen.AddDays(3) })
        {
            var assessment = FollowUpRules.Assess(candidate, now, Options(), AppStarted);

            Assert.True(assessment.NeedsFollowUp);
            Assert.False(assessment.DeadlinePassedWhileWatched);
            Assert.False(assessment.MayAutoFollowUp);
            Assert.True(assessment.ForAPerson);
        }
    }

    [Fact]
    public void Assess_DeadlinePassedWhileTheAppWasDown_IsForAPerson()
    {
        var restarted = TeamAnswered.AddHours(60);

        var assessment = FollowUpRules.Assess(Answered(), restarted.AddMinutes(1), Options(), restarted);

        Assert.True(assessment.NeedsFollowUp);
        Assert.False(assessment.MayAutoFollowUp);
    }

    [Fact]
    public void Assess_SetBackToInProgressAfterTheDeadline_IsForAPerson()
    {
        // On Hold for a week with the team's answer last; a click brings it back: the deadline passed while it was not In Progress.
        var setInProgress = TeamAnswered.AddDays(7);

        var assessment = FollowUpRules.Assess(Answered(statusChanged: setInProgress), setInProgress.AddMinutes(1), Options(), AppStarted);

        Assert.True(assessment.NeedsFollowUp);
        Assert.False(assessment.MayAutoFollowUp);
    }

    [Theory]
    [InlineData(ThreadStatus.Open)]
    [InlineData(ThreadStatus.OnHold)]
    [InlineData(ThreadStatus.Closed)]
    public void Assess_NotInProgress_DoesNotQualify(ThreadStatus status)
    {
        var assessment = FollowUpRules.Assess(Answered(status), TeamAnswered.AddDays(5), Options(), AppStarted);

        Assert.Equal(FollowUpAssessment.NotApplicable, assessment);
    }

    [Fact]
    public void Assess_NotASupportThread_DoesNotQualify()
    {
        var assessment = FollowUpRules.Assess(Answered(isNotSupport: true), TeamAnswered.AddDays(5), Options(), AppStarted);

        Assert.Equal(FollowUpAssessment.NotApplicable, assessment);
    }

    [Fact]
    public void Assess_UserAnswered_ClearsTheFollowUp()
    {
        var thread = ThreadStatusRulesTests.NewThread(ThreadStatus.InProgress, TeamAnswered);
        thread.FirstSeenAt = TeamAnswered.AddHours(-1);
        thread.Apply(ThreadWaitingRules.Project([new MessageStamp(false, TeamAnswered.AddHours(-1)), new MessageStamp(true, TeamAnswered)]));
        thread.Apply(FollowUpRules.Assess(thread, TeamAnswered.AddHours(50), Options(), AppStarted));
        Assert.True(thread.NeedsFollowUp);

        // The user answers at 51h: the fact clears the flag, and the next sweep agrees.
        var answered = TeamAnswered.AddHours(51);
        thread.Apply(ThreadStatusRules.Decide(thread.Status, new ThreadFact.UserMessage()), answered);
        Assert.False(thread.NeedsFollowUp);
        thread.Apply(ThreadWaitingRules.Project(
            [new MessageStamp(false, TeamAnswered.AddHours(-1)), new MessageStamp(true, TeamAnswered), new MessageStamp(false, answered)]));
        thread.Apply(FollowUpRules.Assess(thread, answered.AddDays(5), Options(), AppStarted));

        Assert.False(thread.NeedsFollowUp);
        Assert.Null(thread.FollowUpDueAt);
        Assert.Equal(answered, thread.WaitingForTeamSince);
    }

    [Fact]
    public void FollowUpSent_ThenUserAnswers_ClosesThenReOpens()
    {
        var thread = ThreadStatusRulesTests.NewThread(ThreadStatus.InProgress, TeamAnswered);

        thread.Apply(ThreadStatusRules.Decide(thread.Status, new ThreadFact.FollowUpSent()), TeamAnswered.AddHours(49));
        Assert.Equal(ThreadStatus.Closed, thread.Status);
        thread.Apply(ThreadStatusRules.Decide(thread.Status, new ThreadFact.UserMessage()), TeamAnswered.AddHours(60));

        Assert.Equal(ThreadStatus.Open, thread.Status);
    }

    [Fact]
    public void Compose_UserId_TagsTheUser()
    {
        var text = FollowUpMessage.Compose("U024BE7LH");

        Assert.StartsWith("<@U024BE7LH> ", text, StringComparison.Ordinal);
        Assert.EndsWith(FollowUpMessage.DefaultText, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_CustomText_UsesIt()
    {
        Assert.Equal("<@W012A3CDE> Any news?", FollowUpMessage.Compose("W012A3CDE", "  Any news? "));
    }

    [Theory]
    [InlineData("")]
    [InlineData("C024BE91L")]
    [InlineData("<@U024BE7LH>")]
    [InlineData("u024be7lh")]
    [InlineData(null)]
    public void Compose_NotAUserId_ThrowsNamingIt(string? userId)
    {
        var error = Assert.Throws<ArgumentException>(() => FollowUpMessage.Compose(userId!));

        Assert.Equal("slackUserId", error.ParamName);
    }
}
