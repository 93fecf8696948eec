using CommunitySuccess.Core.Inbox;

namespace CommunitySuccess.Tests.Inbox;

public sealed class ThreadWaitingRulesTests
{
    private static readonly DateTime T0 = new(2025, 3, 3, 9, 0, 0, DateTimeKind.Utc);

    private static MessageStamp User(int minutes) => new(false, T0.AddMinutes(minutes));

    private static MessageStamp Team(int minutes) => new(true, T0.AddMinutes(minutes));

    [Fact]
    public void Project_OnlyTheQuestion_WaitsForTheTeamSinceTheQuestion()
    {
        var activity = ThreadWaitingRules.Project([User(0)], ThreadStatus.Open, isNotSupport: false);

        Assert.Equal(new ThreadActivity(1, T0, false, null, T0, T0, T0), activity);
    }

    [Fact]
    public void Project_UserFollowsUpBeforeAnyAnswer_WaitsSinceTheFirstMessage()
    {
        var activity = ThreadWaitingRules.Project([User(0), User(30), User(90)], ThreadStatus.Open, isNotSupport: false);

        Assert.Equal(T0, activity.WaitingForTeamSince);
        Assert.Equal(T0.AddMinutes(90), activity.LastUserMessageAt);
        Assert.Null(activity.LastTeamMessageAt);
    }

    [Fact]
    public void Project_TeamSpokeLast_WaitsForTheUser()
    {
        var activity = ThreadWaitingRules.Project([User(0), Team(10)], ThreadStatus.InProgress, isNotSupport: false);

        Assert.Equal(new ThreadActivity(2, T0.AddMinutes(10), true, T0.AddMinutes(10), T0, null, null), activity);
    }

    [Fact]
    public void Project_UserAnswersTheTeam_WaitsSinceTheFirstMessageAfterTheTeams()
    {
        var activity = ThreadWaitingRules.Project(
            [User(0), Team(10), User(20), Team(30), User(40), User(50)], ThreadStatus.InProgress, isNotSupport: false);

        Assert.False(activity.LastMessageByTeam);
        Assert.Equal(T0.AddMinutes(30), activity.LastTeamMessageAt);
        Assert.Equal(T0.AddMinutes(40), activity.UnansweredSince);
        Assert.Equal(T0.AddMinutes(40), activity.WaitingForTeamSince);
        Assert.Equal(T0.AddMinutes(50), activity.LastMessageAt);
        Assert.Equal(6, activity.MessageCount);
    }

    [Theory]
    [InlineData(ThreadStatus.Open, false, true)]
    [InlineData(ThreadStatus.InProgress, false, true)]
    [InlineData(ThreadStatus.OnHold, false, false)]
    [InlineData(ThreadStatus.Closed, false, false)]
    [InlineData(ThreadStatus.Open, true, false)]
    [InlineData(ThreadStatus.InProgress, true, false)]
    public void Project_UserSpokeLast_WaitsForTheTeamOnlyWhenOpenOrInProgressSupport(ThreadStatus status, bool isNotSupport, bool waits)
    {
        var activity = ThreadWaitingRules.Project([User(0), Team(10), User(20)], status, isNotSupport);

        Assert.Equal(waits ? T0.AddMinutes(20) : null, activity.WaitingForTeamSince);
        Assert.Equal(T0.AddMinutes(20), activity.UnansweredSince);
    }

    [Fact]
    public void Project_MessagesOutOfOrder_OrdersByTime()
    {
        var activity = ThreadWaitingRules.Project([User(20), Team(10), User(0)], ThreadStatus.InProgress, isNotSupport: false);

        Assert.Equal(T0.AddMinutes(20), activity.WaitingForTeamSince);
        Assert.Equal(T0.AddMinutes(10), activity.LastTeamMessageAt);
    }

    [Fact]
    public void Project_NoMessages_WaitsForNobody()
    {
        var activity = ThreadWaitingRules.Project(Array.Empty<MessageStamp>(), ThreadStatus.Open, isNotSupport: false);

        Assert.Equal(new ThreadActivity(0, null, false, null, null, null, null), activity);
    }

    [Fact]
    public void Project_StoredMessages_LeavesDeletedOnesOut()
    {
        ThreadMessage[] messages =
        [
            new() { ChannelId = "C0SUPPORT", Ts = "1741000000.000100", SentAt = T0, IsTeam = false },
            new() { ChannelId = "C0SUPPORT", Ts = "1741000600.000100", SentAt = T0.AddMinutes(10), IsTeam = true },
            new() { ChannelId = "C0SUPPORT", Ts = "1741001200.000100", SentAt = T0.AddMinutes(20), IsTeam = false, IsDeleted = true },
        ];

        var activity = ThreadWaitingRules.Project(messages, ThreadStatus.InProgress, isNotSupport: false);

        Assert.Equal(2, activity.MessageCount);
        Assert.True(activity.LastMessageByTeam);
        Assert.Null(activity.WaitingForTeamSince);
    }

    [Fact]
    public void Apply_Activity_StoresItAndStatusChangesMoveTheWaitingTime()
    {
        var thread = ThreadStatusRulesTests.NewThread(ThreadStatus.InProgress, T0);
        thread.Apply(ThreadWaitingRules.Project([User(0), Team(10), User(20)]));
        Assert.Equal((3, T0.AddMinutes(20), false, T0.AddMinutes(20)), (thread.MessageCount, thread.LastMessageAt, thread.LastMessageByTeam, thread.WaitingForTeamSince));

        thread.Apply(ThreadStatusRules.Decide(thread.Status, new ThreadFact.SetOnHoldInApp("Waiting for a reproduction")), T0.AddMinutes(30));
        Assert.Null(thread.WaitingForTeamSince);

        thread.Apply(ThreadStatusRules.Decide(thread.Status, new ThreadFact.SetStatusInApp(ThreadStatus.InProgress)), T0.AddMinutes(40));
        Assert.Equal(T0.AddMinutes(20), thread.WaitingForTeamSince);

        thread.SetNotSupport(true);
        Assert.Null(thread.WaitingForTeamSince);
    }

    [Fact]
    public void FirstLine_LongMultiLineQuestion_IsTheFirstNonEmptyLineShortened()
    {
        var thread = ThreadStatusRulesTests.NewThread(ThreadStatus.Open, T0);
        thread.Text = "\n  \n  " + new string('x', 200) + "\nsecond line";

        Assert.Equal(120, thread.FirstLine.Length);
        Assert.EndsWith("…", thread.FirstLine, StringComparison.Ordinal);
    }
}
