using CommunitySuccess.Core.Inbox;

namespace CommunitySuccess.Tests.Inbox;

public sealed class ThreadStatusRulesTests
{
    private const ThreadStatus Open = ThreadStatus.Open;
    private const ThreadStatus InProgress = ThreadStatus.InProgress;
    private const ThreadStatus OnHold = ThreadStatus.OnHold;
    private const ThreadStatus Closed = ThreadStatus.Closed;

    // Facts by a readable key, so each table row shows in the test list as it reads in PRODUCT.md.
    private static readonly Dictionary<string, ThreadFact> Facts = new()
    {
        ["user message"] = new ThreadFact.UserMessage(),
        ["team message"] = new ThreadFact.TeamMessage(),
        ["team :eyes:"] = new ThreadFact.TeamReaction(StatusReactions.Eyes),
        ["team :white_check_mark:"] = new ThreadFact.TeamReaction(StatusReactions.WhiteCheckMark),
        ["reaction removed (:white_check_mark:)"] = new ThreadFact.ReactionRemoved(StatusReactions.WhiteCheckMark),
        ["user reaction (:eyes:)"] = new ThreadFact.UserReaction(StatusReactions.Eyes),
        ["user reaction (:white_check_mark:)"] = new ThreadFact.UserReaction(StatusReactions.WhiteCheckMark),
        ["set On Hold in app"] = new ThreadFact.SetOnHoldInApp("Waiting for their logs"),
        ["team :tada:"] = new ThreadFact.TeamReaction("tada"),
        ["team :heavy_check_mark:"] = new ThreadFact.TeamReaction("heavy_check_mark"),
        ["first seen with team :white_check_mark:"] = new ThreadFact.FirstSeenWithTeamCheckmark(),
        ["set Open in app"] = new ThreadFact.SetStatusInApp(Open),
        ["set In Progress in app"] = new ThreadFact.SetStatusInApp(InProgress),
        ["set Closed in app"] = new ThreadFact.SetStatusInApp(Closed),
        ["follow-up sent"] = new ThreadFact.FollowUpSent(),
    };

    /// <summary>PRODUCT.md "How a thread's status moves", one row per cell; null = "—" (stays).</summary>
    public static TheoryData<string, ThreadStatus, ThreadStatus?, string?> StatusTable => new()
    {
        { "user message", Open, null, null },
        { "user message", InProgress, null, null },
        { "user message", OnHold, null, null },
        { "user message", Closed, Open, "user message" },

        { "team message", Open, InProgress, "team reply" },
        { "team message", InProgress, null, null },
        { "team message", OnHold, null, null },
        { "team message", Closed, null, null },

        { "team :eyes:", Open, InProgress, "team :eyes:" },
        { "team :eyes:", InProgress, null, null },
        { "team :eyes:", OnHold, null, null },
        { "team :eyes:", Closed, null, null },

        { "team :white_check_mark:", Open, Closed, "team :white_check_mark:" },
        { "team :white_check_mark:", InProgress, Closed, "team :white_check_mark:" },
        { "team :white_check_mark:", OnHold, Closed, "team :white_check_mark:" },
        { "team :white_check_mark:", Closed, null, null },

        { "reaction removed (:white_check_mark:)", Open, null, null },
        { "reaction removed (:white_check_mark:)", InProgress, null, null },
        { "reaction removed (:white_check_mark:)", OnHold, null, null },
        { "reaction removed (:white_check_mark:)", Closed, null, null },

        { "user reaction (:eyes:)", Open, null, null },
        { "user reaction (:eyes:)", InProgress, null, null },
        { "user reaction (:eyes:)", OnHold, null, null },
        { "user reaction (:eyes:)", Closed, null, null },
        { "user reaction (:white_check_mark:)", Open, null, null },
        { "user reaction (:white_check_mark:)", InProgress, null, null },
        { "user reaction (:white_check_mark:)", OnHold, null, null },
        { "user reaction (:white_check_mark:)", Closed, null, null },

        { "set On Hold in app", Open, OnHold, "set in app: On Hold" },
        { "set On Hold in app", InProgress, OnHold, "set in app: On Hold" },
        { "set On Hold in app", OnHold, null, null },
        { "set On Hold in app", Closed, OnHold, "set in app: On Hold" },
    };

    /// <summary>Facts beyond the table: other reactions, the first-seen ✅, clicks, a sent follow-up.</summary>
    public static TheoryData<string, ThreadStatus, ThreadStatus?, string?> BeyondTheTable => new()
    {
        { "team :tada:", Open, null, null },
        { "team :tada:", InProgress, null, null },
        { "team :heavy_check_mark:", Open, null, null },
        { "team :heavy_check_mark:", InProgress, null, null },

        { "first seen with team :white_check_mark:", Open, Closed, "team :white_check_mark: when first seen" },
        { "first seen with team :white_check_mark:", InProgress, Closed, "team :white_check_mark: when first seen" },
        { "first seen with team :white_check_mark:", Closed, null, null },

        { "set Open in app", Open, null, null },
        { "set Open in app", InProgress, Open, "set in app: Open" },
        { "set Open in app", OnHold, Open, "set in app: Open" },
        { "set Open in app", Closed, Open, "set in app: Open" },
        { "set In Progress in app", Open, InProgress, "set in app: In Progress" },
        { "set In Progress in app", InProgress, null, null },
        { "set In Progress in app", OnHold, InProgress, "set in app: In Progress" },
        { "set In Progress in app", Closed, InProgress, "set in app: In Progress" },
        { "set Closed in app", Open, Closed, "set in app: Closed" },
        { "set Closed in app", InProgress, Closed, "set in app: Closed" },
        { "set Closed in app", OnHold, Closed, "set in app: Closed" },
        { "set Closed in app", Closed, null, null },

        { "follow-up sent", InProgress, Closed, "follow-up sent" },
        { "follow-up sent", Closed, null, null },
    };

    [Theory]
    [MemberData(nameof(StatusTable))]
    [MemberData(nameof(BeyondTheTable))]
    public void Decide_FactInStatus_MovesAsTheTableSays(string fact, ThreadStatus current, ThreadStatus? expected, string? reason)
    {
        var decision = ThreadStatusRules.Decide(current, Facts[fact]);

        Assert.False(decision.IsRefused);
        Assert.Equal(expected, decision.NewStatus);
        Assert.Equal(reason, decision.Reason);
    }

    [Theory]
    [MemberData(nameof(StatusTable))]
    [MemberData(nameof(BeyondTheTable))]
    public void Apply_FactInStatus_StatusAndHistoryFollowTheDecision(string fact, ThreadStatus current, ThreadStatus? expected, string? reason)
    {
        var changedAt = new DateTime(2025, 3, 1, 8, 0, 0, DateTimeKind.Utc);
        var thread = NewThread(current, changedAt);
        var at = changedAt.AddHours(5);

        var change = thread.Apply(ThreadStatusRules.Decide(current, Facts[fact]), at, bySlackUserId: "U0TEAM");

        Assert.Equal(expected ?? current, thread.Status);
        Assert.Equal(expected is null ? changedAt : at, thread.StatusChangedAt);
        if (expected is null)
        {
            Assert.Null(change);
            Assert.Empty(thread.StatusChanges);
        }
        else
        {
            var row = Assert.Single(thread.StatusChanges);
            Assert.Same(row, change);
            Assert.Equal((current, expected.Value, reason, at, "U0TEAM"), (row.From, row.To, row.Reason, row.At, row.BySlackUserId));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t\n  ")]
    [InlineData(null)]
    public void Decide_OnHoldWithoutNote_IsRefusedAndMovesNothing(string? note)
    {
        foreach (var current in Enum.GetValues<ThreadStatus>())
        {
            var decision = ThreadStatusRules.Decide(current, new ThreadFact.SetOnHoldInApp(note!));

            Assert.True(decision.IsRefused);
            Assert.Equal(ThreadStatusRules.RefusalOnHoldNeedsNote, decision.Refusal);
            Assert.Null(decision.NewStatus);
        }
    }

    [Fact]
    public void Apply_RefusedDecision_ThrowsWithTheRefusalAndLeavesTheThreadAlone()
    {
        var thread = NewThread(InProgress, new DateTime(2025, 3, 1, 8, 0, 0, DateTimeKind.Utc));
        var refused = ThreadStatusRules.Decide(InProgress, new ThreadFact.SetOnHoldInApp("   "));

        var error = Assert.Throws<ArgumentException>(() => thread.Apply(refused, DateTime.UnixEpoch));

        Assert.Contains(ThreadStatusRules.RefusalOnHoldNeedsNote, error.Message, StringComparison.Ordinal);
        Assert.Equal(InProgress, thread.Status);
        Assert.Empty(thread.StatusChanges);
    }

    [Fact]
    public void Decide_SetStatusOnHoldWithoutNoteThroughSetStatus_IsRefused()
    {
        var decision = ThreadStatusRules.Decide(Open, new ThreadFact.SetStatusInApp(OnHold));

        Assert.True(decision.IsRefused);
        Assert.Null(decision.NewStatus);
    }

    [Fact]
    public void Decide_SetUnknownStatusValue_IsRefusedWithTheValue()
    {
        var decision = ThreadStatusRules.Decide(Open, new ThreadFact.SetStatusInApp((ThreadStatus)42));

        Assert.True(decision.IsRefused);
        Assert.Contains("42", decision.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_NullFact_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => ThreadStatusRules.Decide(Open, null!));
    }

    [Fact]
    public void Decide_UserMessageOnHold_StaysOnHoldMarkedNewActivity()
    {
        var thread = NewThread(OnHold, new DateTime(2025, 3, 1, 8, 0, 0, DateTimeKind.Utc));

        thread.Apply(ThreadStatusRules.Decide(OnHold, new ThreadFact.UserMessage()), new DateTime(2025, 3, 2, 8, 0, 0, DateTimeKind.Utc));

        Assert.Equal(OnHold, thread.Status);
        Assert.True(thread.NewActivityWhileOnHold);
    }

    [Theory]
    [InlineData("team message", OnHold)]
    [InlineData("team :eyes:", OnHold)]
    [InlineData("set On Hold in app", OnHold)]
    [InlineData("set In Progress in app", InProgress)]
    [InlineData("team :white_check_mark:", Closed)]
    public void Apply_AfterNewActivityOnHold_TeamAttentionClearsTheMark(string fact, ThreadStatus expected)
    {
        var thread = NewThread(OnHold, new DateTime(2025, 3, 1, 8, 0, 0, DateTimeKind.Utc));
        thread.Apply(ThreadStatusRules.Decide(OnHold, new ThreadFact.UserMessage()), new DateTime(2025, 3, 2, 8, 0, 0, DateTimeKind.Utc));

        thread.Apply(ThreadStatusRules.Decide(thread.Status, Facts[fact]), new DateTime(2025, 3, 2, 9, 0, 0, DateTimeKind.Utc));

        Assert.Equal(expected, thread.Status);
        Assert.False(thread.NewActivityWhileOnHold);
    }

    [Theory]
    [InlineData("user reaction (:eyes:)")]
    [InlineData("reaction removed (:white_check_mark:)")]
    [InlineData("team :tada:")]
    [InlineData("user message")]
    public void Apply_AfterNewActivityOnHold_OtherFactsKeepTheMark(string fact)
    {
        var thread = NewThread(OnHold, new DateTime(2025, 3, 1, 8, 0, 0, DateTimeKind.Utc));
        thread.Apply(ThreadStatusRules.Decide(OnHold, new ThreadFact.UserMessage()), new DateTime(2025, 3, 2, 8, 0, 0, DateTimeKind.Utc));

        thread.Apply(ThreadStatusRules.Decide(thread.Status, Facts[fact]), new DateTime(2025, 3, 2, 9, 0, 0, DateTimeKind.Utc));

        Assert.True(thread.NewActivityWhileOnHold);
    }

    [Fact]
    public void Apply_FirstSeenWithTeamCheckmarkThenUserMessage_ClosesThenReOpens()
    {
        // First sync: the user asked, the team answered and put ✅ on it; Slack gives the ✅ no time.
        var postedAt = new DateTime(2025, 3, 1, 8, 0, 0, DateTimeKind.Utc);
        var firstSeen = postedAt.AddDays(3);
        var thread = NewThread(Open, postedAt);
        thread.Apply(ThreadStatusRules.Decide(thread.Status, new ThreadFact.TeamMessage()), firstSeen, "U0TEAM");
        thread.Apply(ThreadStatusRules.Decide(thread.Status, new ThreadFact.FirstSeenWithTeamCheckmark()), firstSeen, "U0TEAM");
        Assert.Equal(Closed, thread.Status);

        // A user message that arrives after first sight re-opens it; the old ✅ is not a new fact and never reaches the rules again.
        var reopenedAt = firstSeen.AddHours(2);
        thread.Apply(ThreadStatusRules.Decide(thread.Status, new ThreadFact.UserMessage()), reopenedAt, "U0USER");

        Assert.Equal(Open, thread.Status);
        Assert.Equal(reopenedAt, thread.StatusChangedAt);
        Assert.Equal(
            [(Open, InProgress, "team reply"), (InProgress, Closed, "team :white_check_mark: when first seen"), (Closed, Open, "user message")],
            thread.StatusChanges.Select(c => (c.From, c.To, c.Reason)));
    }

    [Fact]
    public void Apply_ClickInApp_RecordsTheAppUser()
    {
        var thread = NewThread(InProgress, new DateTime(2025, 3, 1, 8, 0, 0, DateTimeKind.Utc));

        var change = thread.Apply(
            ThreadStatusRules.Decide(InProgress, new ThreadFact.SetOnHoldInApp("Debugging call on Thursday")),
            new DateTime(2025, 3, 1, 9, 0, 0, DateTimeKind.Utc),
            byAppUser: "oncall@example.com");

        Assert.NotNull(change);
        Assert.Equal(("oncall@example.com", null), (change.ByAppUser, change.BySlackUserId));
    }

    [Theory]
    [InlineData("user message", InProgress)]
    [InlineData("user message", OnHold)]
    [InlineData("team message", InProgress)]
    [InlineData("team :white_check_mark:", InProgress)]
    [InlineData("set On Hold in app", InProgress)]
    public void Apply_FactThatMakesTheFlagStale_ClearsFollowUp(string fact, ThreadStatus current)
    {
        var thread = NewThread(current, new DateTime(2025, 3, 1, 8, 0, 0, DateTimeKind.Utc));
        thread.NeedsFollowUp = true;
        thread.FollowUpDueAt = new DateTime(2025, 3, 3, 8, 0, 0, DateTimeKind.Utc);

        thread.Apply(ThreadStatusRules.Decide(current, Facts[fact]), new DateTime(2025, 3, 4, 8, 0, 0, DateTimeKind.Utc));

        Assert.False(thread.NeedsFollowUp);
        Assert.Null(thread.FollowUpDueAt);
    }

    [Theory]
    [InlineData("user reaction (:eyes:)")]
    [InlineData("team :tada:")]
    [InlineData("reaction removed (:white_check_mark:)")]
    public void Apply_FactThatChangesNothing_KeepsFollowUp(string fact)
    {
        var thread = NewThread(InProgress, new DateTime(2025, 3, 1, 8, 0, 0, DateTimeKind.Utc));
        thread.NeedsFollowUp = true;

        thread.Apply(ThreadStatusRules.Decide(InProgress, Facts[fact]), new DateTime(2025, 3, 4, 8, 0, 0, DateTimeKind.Utc));

        Assert.True(thread.NeedsFollowUp);
    }

    [Theory]
    [InlineData(Open, "Open")]
    [InlineData(InProgress, "In Progress")]
    [InlineData(OnHold, "On Hold")]
    [InlineData(Closed, "Closed")]
    public void ToDisplayName_EachStatus_ReadsAsInTheProduct(ThreadStatus status, string expected)
    {
        Assert.Equal(expected, status.ToDisplayName());
    }

    internal static SupportThread NewThread(ThreadStatus status, DateTime statusChangedAt) => new()
    {
        ChannelId = "C0SUPPORT",
        Ts = "1740816000.000100",
        UserId = "U0USER",
        Status = status,
        StatusChangedAt = statusChangedAt,
        CreatedAt = statusChangedAt,
        FirstSeenAt = statusChangedAt,
        LastMessageAt = statusChangedAt,
        Text = "How do I configure the exporter?",
    };
}
