using System.Text.Json;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Notifications;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Core.SlackMarkup;
using CommunitySuccess.Core.Team;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CommunitySuccess.Core.Slack;

/// <summary>What one ingest did to a thread.</summary>
public sealed record ThreadIngestResult(long ThreadId, bool Created, int NewMessages, IReadOnlyList<ThreadStatusChange> StatusChanges)
{
    public bool Changed => Created || NewMessages > 0 || StatusChanges.Count > 0;
}

/// <summary>
/// The one upsert both the polling sync and the Events API feed: takes a thread as Slack has it now (parent
/// first, then replies), stores what is new keyed by <c>channel + ts</c>, and turns only facts seen for the
/// first time — a new message, a new reaction — into status decisions. Running it twice changes nothing.
/// </summary>
public sealed class ThreadIngestService(
    IDbContextFactory<AppDbContext> dbFactory,
    ChangeNotifier notifier,
    TimeProvider time,
    ILogger<ThreadIngestService> logger)
{
    private const int ConcurrencyRetries = 3;

    /// <summary>
    /// Stores the thread whose messages (parent first) Slack returned. Returns null when the parent does not open
    /// a thread (a team post, a bot, a join) and we do not already track it.
    /// </summary>
    public async Task<ThreadIngestResult?> IngestAsync(
        string channelId, IReadOnlyList<SlackMessage> messages, TeamDirectory team, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return null;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await IngestOnceAsync(channelId, messages, team, cancellationToken);
                if (result is { Changed: true })
                {
                    notifier.Notify(ChangeArea.Thread, result.ThreadId);
                }

                return result;
            }
            catch (DbUpdateException ex) when (attempt < ConcurrencyRetries)
            {
                // Someone clicked a status (concurrency token) or an event and a sync raced on the same thread:
                // read the thread again and decide on what is there now. Facts already stored are not re-applied.
                logger.LogDebug(ex, "Retrying ingest of {Channel}/{Ts}", channelId, messages[0].Ts);
            }
        }
    }

    /// <summary>Marks a message deleted (Events API <c>message_deleted</c>); returns the thread id if tracked.</summary>
    public async Task<long?> MarkDeletedAsync(string channelId, string ts, TeamDirectory team, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var message = await db.Set<ThreadMessage>().Include(m => m.Thread!).ThenInclude(t => t.Messages)
            .FirstOrDefaultAsync(m => m.ChannelId == channelId && m.Ts == ts, cancellationToken);
        if (message?.Thread is null || message.IsDeleted)
        {
            return message?.ThreadId;
        }

        message.IsDeleted = true;
        var thread = message.Thread;
        thread.Apply(ThreadWaitingRules.Project(thread.Messages, thread.Status, thread.IsNotSupport));
        await db.SaveChangesAsync(cancellationToken);
        notifier.Notify(ChangeArea.Thread, thread.Id);
        return thread.Id;
    }

    private async Task<ThreadIngestResult?> IngestOnceAsync(
        string channelId, IReadOnlyList<SlackMessage> messages, TeamDirectory team, CancellationToken cancellationToken)
    {
        var parent = messages[0];
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var thread = await db.Set<SupportThread>()
            .Include(t => t.Messages).ThenInclude(m => m.Reactions)
            .AsSplitQuery()
            .FirstOrDefaultAsync(t => t.ChannelId == channelId && t.Ts == parent.Ts, cancellationToken);

        var created = false;
        if (thread is null)
        {
            if (!SlackMessageKinds.OpensThread(parent, team) || !SlackTs.TryToUtcDateTime(parent.Ts, out var createdAt))
            {
                return null;
            }

            thread = new SupportThread
            {
                ChannelId = channelId,
                Ts = parent.Ts,
                UserId = parent.User!,
                Status = ThreadStatus.Open,
                CreatedAt = createdAt,
                StatusChangedAt = createdAt,
                FirstSeenAt = now,
                LastMessageAt = createdAt,
                Text = parent.Text ?? "",
            };
            db.Add(thread);
            created = true;
        }

        var facts = new List<(DateTime At, ThreadFact Fact, string? By)>();
        var newMessages = MergeMessages(thread, channelId, messages, team, created, facts);
        MergeReactions(thread, channelId, messages, team, created, now, facts);

        var changes = new List<ThreadStatusChange>();
        foreach (var (at, fact, by) in facts.OrderBy(f => f.At))
        {
            var decision = ThreadStatusRules.Decide(thread.Status, fact);
            if (!decision.IsRefused && thread.Apply(decision, at, bySlackUserId: by) is { } change)
            {
                changes.Add(change);
            }
        }

        thread.Apply(ThreadWaitingRules.Project(thread.Messages, thread.Status, thread.IsNotSupport));
        thread.ReplyCount = parent.ReplyCount ?? Math.Max(0, messages.Count - 1);
        thread.LatestReply = parent.LatestReply;
        thread.ReactionsSignature = SlackMessageKinds.ReactionsSignature(parent);
        if (parent.Text is { } text && !created && thread.Text != text)
        {
            thread.Text = text;
        }

        if (thread.UserTimeZone is null)
        {
            thread.UserTimeZone = await db.Set<SlackUserProfile>().Where(u => u.SlackUserId == thread.UserId)
                .Select(u => u.TimeZone).FirstOrDefaultAsync(cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new ThreadIngestResult(thread.Id, created, newMessages, changes);
    }

    private static int MergeMessages(
        SupportThread thread, string channelId, IReadOnlyList<SlackMessage> messages, TeamDirectory team, bool created,
        List<(DateTime, ThreadFact, string?)> facts)
    {
        var existing = thread.Messages.ToDictionary(m => m.Ts, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var added = 0;
        foreach (var message in messages)
        {
            if (!SlackMessageKinds.IsConversational(message, team) || !SlackTs.TryToUtcDateTime(message.Ts, out var sentAt))
            {
                continue;
            }

            seen.Add(message.Ts);
            if (existing.TryGetValue(message.Ts, out var stored))
            {
                UpdateStored(stored, message);
                continue;
            }

            var isTeam = team.IsTeamSlackUser(message.User, message.BotId);
            thread.Messages.Add(new ThreadMessage
            {
                Thread = thread,
                ChannelId = channelId,
                Ts = message.Ts,
                UserId = message.User,
                BotId = message.BotId,
                Username = message.Username,
                IsTeam = isTeam,
                Text = message.Text ?? "",
                FilesJson = message.Files.Count == 0 ? null : JsonSerializer.Serialize(message.Files.Select(f => new { f.Name, f.Title, f.Permalink })),
                EditedAt = message.Edited?.Ts is { } editedTs && SlackTs.TryToUtcDateTime(editedTs, out var editedAt) ? editedAt : null,
                SentAt = sentAt,
                OutboxId = SlackMessageKinds.OutboxIdOf(message),
            });
            added++;

            // The question itself opens the thread (Open); every later message is a fact.
            if (!(created && message.Ts == thread.Ts))
            {
                facts.Add((sentAt, isTeam ? new ThreadFact.TeamMessage() : new ThreadFact.UserMessage(), message.User));
            }
        }

        // conversations.replies returns the whole thread: what we stored and Slack no longer has was deleted.
        foreach (var gone in thread.Messages.Where(m => !m.IsDeleted && m.Id != 0 && !seen.Contains(m.Ts)))
        {
            gone.IsDeleted = true;
        }

        return added;
    }

    private static void UpdateStored(ThreadMessage stored, SlackMessage message)
    {
        var text = message.Text ?? "";
        if (stored.Text != text)
        {
            stored.Text = text;
            stored.EditedAt = message.Edited?.Ts is { } editedTs && SlackTs.TryToUtcDateTime(editedTs, out var editedAt) ? editedAt : stored.EditedAt;
        }

        stored.IsDeleted = false;
        stored.OutboxId ??= SlackMessageKinds.OutboxIdOf(message);
    }

    private static void MergeReactions(
        SupportThread thread, string channelId, IReadOnlyList<SlackMessage> messages, TeamDirectory team, bool created, DateTime now,
        List<(DateTime, ThreadFact, string?)> facts)
    {
        var byTs = thread.Messages.ToDictionary(m => m.Ts, StringComparer.Ordinal);
        var firstSeenCheckmark = false;
        foreach (var message in messages)
        {
            if (!byTs.TryGetValue(message.Ts, out var stored))
            {
                continue;
            }

            var current = message.Reactions
                .SelectMany(r => r.Users.Select(user => (Name: r.Name, User: user)))
                .ToHashSet();
            foreach (var (name, user) in current)
            {
                var isTeam = team.IsTeamSlackUser(user);
                var row = stored.Reactions.FirstOrDefault(r => r.Name == name && r.UserId == user);
                if (row is { RemovedAt: null })
                {
                    continue;
                }

                if (row is null)
                {
                    stored.Reactions.Add(new ThreadReaction
                    {
                        Message = stored,
                        ChannelId = channelId,
                        MessageTs = stored.Ts,
                        Name = name,
                        UserId = user,
                        IsTeam = isTeam,
                        FirstSeenAt = now,
                    });
                }
                else
                {
                    // Removed earlier and added again: a new fact.
                    row.RemovedAt = null;
                    row.FirstSeenAt = now;
                }

                if (created && isTeam && name == StatusReactions.WhiteCheckMark)
                {
                    // Slack gives reactions no time: a ✅ present at first sight closes the thread after its messages.
                    firstSeenCheckmark = true;
                    continue;
                }

                if (team.IsOurBot(user, botId: null))
                {
                    // Our bot reacts only to mirror a status set in our app, which was applied at the click. Seen by a
                    // later poll, it would be ordered after a user's reply that came in meanwhile and close the thread again.
                    continue;
                }

                facts.Add((now, isTeam ? new ThreadFact.TeamReaction(name) : new ThreadFact.UserReaction(name), user));
            }

            foreach (var removed in stored.Reactions.Where(r => r.RemovedAt is null && !current.Contains((r.Name, r.UserId))))
            {
                removed.RemovedAt = now;
                facts.Add((now, new ThreadFact.ReactionRemoved(removed.Name), removed.UserId));
            }
        }

        if (firstSeenCheckmark)
        {
            // After every message of the thread (the sort is stable, so it also stays after the other reactions).
            var after = thread.Messages.Select(m => m.SentAt).Append(now).Max();
            facts.Add((after, new ThreadFact.FirstSeenWithTeamCheckmark(), null));
        }
    }
}
