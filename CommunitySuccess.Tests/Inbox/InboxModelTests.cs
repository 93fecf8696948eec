using CommunitySuccess.Core.Inbox;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CommunitySuccess.Tests.Inbox;

public sealed class InboxModelTests : IDisposable
{
    private static readonly DateTime Posted = new(2025, 3, 3, 9, 0, 0, DateTimeKind.Utc);
    private readonly InboxTestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task SaveChanges_ThreadWithEverything_ReadsBackTheSameInUtc()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var context = _database.CreateContext())
        {
            context.SlackUsers.Add(new SlackUserProfile
            {
                SlackUserId = "U0USER", Name = "ada", DisplayName = "Ada", RealName = "Ada Lovelace",
                TimeZone = "Europe/London", RefreshedAt = Posted,
            });
            var thread = NewThread("C0SUPPORT", "1741006800.000100");
            var question = NewMessage(thread, "1741006800.000100", Posted, isTeam: false, "U0USER");
            var answer = NewMessage(thread, "1741007400.000200", Posted.AddMinutes(10), isTeam: true, "U0TEAM");
            question.Reactions.Add(new ThreadReaction
            {
                ChannelId = "C0SUPPORT", MessageTs = question.Ts, Name = StatusReactions.Eyes, UserId = "U0TEAM",
                IsTeam = true, FirstSeenAt = Posted.AddMinutes(5),
            });
            thread.Apply(ThreadWaitingRules.Project(thread.Messages, thread.Status, thread.IsNotSupport));
            thread.Apply(ThreadStatusRules.Decide(thread.Status, new ThreadFact.TeamMessage()), Posted.AddMinutes(10), "U0TEAM");
            thread.Apply(
                ThreadStatusRules.Decide(thread.Status, new ThreadFact.SetOnHoldInApp("Waiting for their logs")),
                Posted.AddMinutes(20),
                byAppUser: "oncall@example.com");
            thread.Notes.Add(new ThreadNote
            {
                Author = "oncall@example.com", At = Posted.AddMinutes(20), Text = "Waiting for their logs",
                Kind = ThreadNoteKind.OnHoldReason, AlsoPostedToThread = true,
            });
            Assert.NotNull(answer);
            context.Threads.Add(thread);
            await context.SaveChangesAsync(ct);
        }

        await using (var context = _database.CreateContext())
        {
            var thread = await context.Threads
                .Include(t => t.Messages).ThenInclude(m => m.Reactions)
                .Include(t => t.StatusChanges)
                .Include(t => t.Notes)
                .SingleAsync(ct);

            Assert.Equal((ThreadStatus.OnHold, Posted.AddMinutes(20), DateTimeKind.Utc), (thread.Status, thread.StatusChangedAt, thread.StatusChangedAt.Kind));
            Assert.Equal((2, true, Posted.AddMinutes(10)), (thread.MessageCount, thread.LastMessageByTeam, thread.LastTeamMessageAt));
            Assert.Equal(DateTimeKind.Utc, thread.LastTeamMessageAt!.Value.Kind);
            Assert.Null(thread.WaitingForTeamSince);
            Assert.Equal(["1741006800.000100", "1741007400.000200"], thread.Messages.OrderBy(m => m.SentAt).Select(m => m.Ts));
            var reaction = Assert.Single(thread.Messages.SelectMany(m => m.Reactions));
            Assert.Equal((StatusReactions.Eyes, "U0TEAM", DateTimeKind.Utc), (reaction.Name, reaction.UserId, reaction.FirstSeenAt.Kind));
            Assert.Equal(
                [(ThreadStatus.Open, ThreadStatus.InProgress, "team reply", "U0TEAM", (string?)null),
                 (ThreadStatus.InProgress, ThreadStatus.OnHold, "set in app: On Hold", null, "oncall@example.com")],
                thread.StatusChanges.OrderBy(c => c.At).Select(c => (c.From, c.To, c.Reason, c.BySlackUserId, c.ByAppUser)));
            var note = Assert.Single(thread.Notes);
            Assert.Equal((ThreadNoteKind.OnHoldReason, "Waiting for their logs", true), (note.Kind, note.Text, note.AlsoPostedToThread));
            var user = await context.SlackUsers.SingleAsync(ct);
            Assert.Equal(("Ada", "Europe/London", DateTimeKind.Utc), (user.ShownName, user.TimeZone, user.RefreshedAt.Kind));
        }
    }

    [Fact]
    public async Task SaveChanges_SameChannelAndTsTwice_IsRefusedByTheUniqueIndex()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var context = _database.CreateContext())
        {
            context.Threads.Add(NewThread("C0SUPPORT", "1741006800.000100"));
            await context.SaveChangesAsync(ct);
        }

        await using (var context = _database.CreateContext())
        {
            context.Threads.Add(NewThread("C0SUPPORT", "1741006800.000100"));
            var error = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync(ct));

            var sqlite = Assert.IsType<SqliteException>(error.InnerException);
            Assert.Equal(19, sqlite.SqliteErrorCode); // SQLITE_CONSTRAINT
            Assert.Contains("SupportThreads.ChannelId, SupportThreads.Ts", sqlite.Message, StringComparison.Ordinal);
        }

        await using (var context = _database.CreateContext())
        {
            context.Threads.Add(NewThread("C0OTHER", "1741006800.000100"));
            await context.SaveChangesAsync(ct);
            Assert.Equal(2, await context.Threads.CountAsync(ct));
        }
    }

    [Fact]
    public async Task SaveChanges_SameMessageChannelAndTsTwice_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var context = _database.CreateContext();
        var thread = NewThread("C0SUPPORT", "1741006800.000100");
        NewMessage(thread, "1741006800.000100", Posted, isTeam: false, "U0USER");
        NewMessage(thread, "1741006800.000100", Posted, isTeam: false, "U0USER");
        context.Threads.Add(thread);

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync(ct));

        Assert.Contains("ThreadMessages.ChannelId, ThreadMessages.Ts", error.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveChanges_SameReactionSeenAgain_IsRefusedSoItIsNeverANewFact()
    {
        var ct = TestContext.Current.CancellationToken;
        long messageId;
        await using (var context = _database.CreateContext())
        {
            var thread = NewThread("C0SUPPORT", "1741006800.000100");
            var question = NewMessage(thread, "1741006800.000100", Posted, isTeam: false, "U0USER");
            question.Reactions.Add(NewCheckmark(question.Ts));
            context.Threads.Add(thread);
            await context.SaveChangesAsync(ct);
            messageId = question.Id;
        }

        await using (var context = _database.CreateContext())
        {
            var again = NewCheckmark("1741006800.000100");
            again.MessageId = messageId;
            context.Reactions.Add(again);

            var error = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync(ct));
            Assert.Contains("ThreadReactions.ChannelId, ThreadReactions.MessageTs, ThreadReactions.Name, ThreadReactions.UserId", error.InnerException!.Message, StringComparison.Ordinal);
        }

        await using (var context = _database.CreateContext())
        {
            // Another person's ✅ on the same message is its own fact.
            var other = NewCheckmark("1741006800.000100");
            other.MessageId = messageId;
            other.UserId = "U0TEAM2";
            context.Reactions.Add(other);
            await context.SaveChangesAsync(ct);
            Assert.Equal(2, await context.Reactions.CountAsync(ct));
        }
    }

    [Fact]
    public async Task SaveChanges_StatusChangedMeanwhile_FailsInsteadOfOverwriting()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var context = _database.CreateContext())
        {
            context.Threads.Add(NewThread("C0SUPPORT", "1741006800.000100"));
            await context.SaveChangesAsync(ct);
        }

        await using var sync = _database.CreateContext();
        await using var click = _database.CreateContext();
        var seenBySync = await sync.Threads.SingleAsync(ct);
        var seenByClick = await click.Threads.SingleAsync(ct);

        seenByClick.Apply(ThreadStatusRules.Decide(seenByClick.Status, new ThreadFact.SetStatusInApp(ThreadStatus.Closed)), Posted.AddHours(1));
        await click.SaveChangesAsync(ct);

        // The sync decided on the stale Open status; its write must not land.
        seenBySync.Apply(ThreadStatusRules.Decide(seenBySync.Status, new ThreadFact.TeamMessage()), Posted.AddHours(2));
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => sync.SaveChangesAsync(ct));

        await using var fresh = _database.CreateContext();
        Assert.Equal(ThreadStatus.Closed, (await fresh.Threads.SingleAsync(ct)).Status);
    }

    [Fact]
    public async Task Delete_Thread_CascadesToItsRows()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var context = _database.CreateContext();
        var thread = NewThread("C0SUPPORT", "1741006800.000100");
        var question = NewMessage(thread, "1741006800.000100", Posted, isTeam: false, "U0USER");
        question.Reactions.Add(NewCheckmark(question.Ts));
        thread.Apply(ThreadStatusRules.Decide(thread.Status, new ThreadFact.FirstSeenWithTeamCheckmark()), Posted);
        thread.Notes.Add(new ThreadNote { Author = "a@example.com", Text = "Resolved in DM", Kind = ThreadNoteKind.Resolution, At = Posted });
        context.Threads.Add(thread);
        await context.SaveChangesAsync(ct);

        await context.Threads.Where(t => t.Id == thread.Id).ExecuteDeleteAsync(ct);

        Assert.Equal((0, 0, 0, 0), (
            await context.Messages.CountAsync(ct),
            await context.Reactions.CountAsync(ct),
            await context.StatusChanges.CountAsync(ct),
            await context.Notes.CountAsync(ct)));
    }

    private static SupportThread NewThread(string channelId, string ts) => new()
    {
        ChannelId = channelId,
        Ts = ts,
        UserId = "U0USER",
        Status = ThreadStatus.Open,
        StatusChangedAt = Posted,
        CreatedAt = Posted,
        FirstSeenAt = Posted.AddMinutes(1),
        LastMessageAt = Posted,
        Text = "Exporter fails with 401\nHere is my config…",
        UserTimeZone = "Europe/London",
    };

    private static ThreadMessage NewMessage(SupportThread thread, string ts, DateTime sentAt, bool isTeam, string userId)
    {
        var message = new ThreadMessage { ChannelId = thread.ChannelId, Ts = ts, SentAt = sentAt, IsTeam = isTeam, UserId = userId, Text = "…" };
        thread.Messages.Add(message);
        return message;
    }

    private static ThreadReaction NewCheckmark(string messageTs) => new()
    {
        ChannelId = "C0SUPPORT", MessageTs = messageTs, Name = StatusReactions.WhiteCheckMark, UserId = "U0TEAM",
        IsTeam = true, FirstSeenAt = Posted,
    };
}
