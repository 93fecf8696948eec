using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.SlackMarkup;
using CommunitySuccess.Core.Team;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.Slack;

/// <summary>One support channel's first backfill, for the progress bar on /settings.</summary>
/// <param name="EstimatedTotal">Null until the first history page gave an estimate.</param>
/// <param name="TimeLeft">At Slack's pace for <c>conversations.replies</c> (one call per thread with replies, at most); null when unknown.</param>
/// <param name="LastError">The last run's error in words with its fix; null when it went well.</param>
public sealed record SlackBackfillProgress(
    SlackChannelLabel Channel, bool Started, bool Completed, int ThreadsRead, int? EstimatedTotal, TimeSpan? TimeLeft, SlackProblem? LastError)
{
    /// <summary>0–100 for the bar.</summary>
    public double Percent => Completed ? 100 : EstimatedTotal is > 0 and var total ? Math.Min(99, 100.0 * ThreadsRead / total) : 0;
}

/// <summary>The outcome of one sync run.</summary>
public sealed record SlackSyncSummary(bool Ran, int ThreadsChanged, IReadOnlyList<string> Errors)
{
    public static readonly SlackSyncSummary Skipped = new(false, 0, []);
}

/// <summary>
/// Polls Slack (ARCHITECTURE.md "The sync model"): <c>conversations.history</c> per support channel over the
/// recheck window (the backfill window until one backfill completed), then <c>conversations.replies</c> only for
/// threads that are new or whose reply count, latest reply or reactions changed. Never two runs at once.
/// </summary>
/// <remarks>
/// A first backfill under Slack's limits takes a while (one <c>conversations.replies</c> per thread with replies at
/// Tier 3's 50 a minute): every call waits its turn in <see cref="SlackRateBudget"/>, and after each history page the
/// run checkpoints (<see cref="SlackChannelSyncState.BackfillCursorTs"/>) so that the next run resumes below it.
/// A public channel the bot is not in is joined (<c>conversations.join</c>).
/// </remarks>
public sealed class SlackSyncService(
    ISlackApi slack,
    ThreadIngestService ingest,
    SlackUserProfileService profiles,
    TeamService team,
    IDbContextFactory<AppDbContext> dbFactory,
    IOptionsMonitor<SlackOptions> options,
    SlackRateBudget budget,
    TimeProvider time,
    ILogger<SlackSyncService> logger)
{
    private const int BatchSize = 200;

    /// <summary>Keeps the vanished-question check off the window's edges, where history and our clock may disagree.</summary>
    private static readonly TimeSpan VanishedMargin = TimeSpan.FromMinutes(1);

    /// <summary>A catch-up after downtime starts this long before the last completed run (which read history while it ran).</summary>
    private static readonly TimeSpan CatchUpMargin = TimeSpan.FromHours(1);
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The bot token whose ids auth.test told us (a changed token may be another bot).</summary>
    private string? _botIdsLearnedFor;

    /// <summary>
    /// Syncs every support channel. When a run is already going it returns at once (Skipped), or, with
    /// <paramref name="waitForRunning"/>, waits for it and runs after it.
    /// </summary>
    public async Task<SlackSyncSummary> SyncAllAsync(CancellationToken cancellationToken, bool waitForRunning = false)
    {
        if (!await _gate.WaitAsync(waitForRunning ? Timeout.InfiniteTimeSpan : TimeSpan.Zero, cancellationToken))
        {
            return SlackSyncSummary.Skipped;
        }

        try
        {
            // Our bot's ids never change while the token stays: auth.test once per process, not once per run, so an
            // idle sync costs one history call per channel.
            var token = options.CurrentValue.BotToken;
            var directory = await team.GetDirectoryAsync(cancellationToken);
            if ((directory.BotUserId is null && directory.BotId is null) || !string.Equals(_botIdsLearnedFor, token, StringComparison.Ordinal))
            {
                directory = await RefreshTeamAsync(cancellationToken);
                _botIdsLearnedFor = token;
            }

            var changed = 0;
            var errors = new List<string>();
            foreach (var channel in options.CurrentValue.SupportChannels)
            {
                try
                {
                    changed += await SyncChannelAsync(channel, directory, cancellationToken);
                }
                catch (Exception ex) when (ex is SlackApiException or HttpRequestException)
                {
                    errors.Add($"{channel}: {ex.Message}");
                    logger.LogWarning(ex, "Slack sync of {Channel} failed", channel);
                }
            }

            return new SlackSyncSummary(true, changed, errors);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Fetches one thread and feeds it to the upsert (the Events API path and the sync share it).</summary>
    public async Task<ThreadIngestResult?> SyncThreadAsync(string channelId, string threadTs, CancellationToken cancellationToken)
    {
        var directory = await team.GetDirectoryAsync(cancellationToken);
        if (directory.BotUserId is null && directory.BotId is null)
        {
            // An event or an outbox send before this process's first full sync: without auth.test our bot's
            // reply would be taken for another bot and dropped, while the thread's reply count already includes it.
            directory = await RefreshTeamAsync(cancellationToken);
        }

        IReadOnlyList<SlackMessage> messages;
        try
        {
            messages = await slack.GetRepliesAsync(channelId, threadTs, includeAllMetadata: true, cancellationToken);
        }
        catch (SlackApiException ex) when (ex.Error == "thread_not_found")
        {
            return null;
        }

        return await IngestWithProfilesAsync(channelId, messages, directory, cancellationToken);
    }

    /// <summary><c>auth.test</c>: our bot's ids, so its posts count as the team and never open a thread.</summary>
    public async Task<TeamDirectory> RefreshTeamAsync(CancellationToken cancellationToken)
    {
        var auth = await slack.AuthTestAsync(cancellationToken);
        team.SetSlackBot(auth.UserId, auth.BotId);
        return await team.GetDirectoryAsync(cancellationToken);
    }

    private async Task<int> SyncChannelAsync(string channelId, TeamDirectory directory, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var state = await MarkStartedAsync(channelId, now, cancellationToken);
        var backfilling = state.BackfillCompletedAt is null;
        var windowStart = backfilling
            ? state.BackfillStartedAt!.Value.AddDays(-options.CurrentValue.BackfillDays)
            : WindowStart(state, backfilling, now, options.CurrentValue);
        var oldest = SlackTs.FromUtcDateTime(windowStart);

        // A resumed backfill reads below its checkpoint only; what lies above it is stored.
        var latest = backfilling ? state.BackfillCursorTs : null;
        var listedUpTo = latest is not null && SlackTs.TryToUtcDateTime(latest, out var cursorTime) && cursorTime < now ? cursorTime : now;
        var changed = 0;
        try
        {
            if (state.ChannelName is null || state.LastErrorCode is "not_in_channel" or "channel_not_found")
            {
                await EnsureMemberAsync(channelId, cancellationToken);
            }

            var batch = new List<SlackMessage>(BatchSize);
            var listed = new HashSet<string>(StringComparer.Ordinal);
            if (backfilling && latest is not null && state.BackfillStartedAt is { } backfillStart)
            {
                // A resumed backfill first reads what was posted since it began (the app may have been down), so
                // today's questions do not wait for the older part of the window.
                var since = SlackTs.FromUtcDateTime(backfillStart.Subtract(CatchUpMargin));
                await foreach (var message in slack.GetHistoryAsync(channelId, since, cancellationToken: cancellationToken))
                {
                    batch.Add(message);
                    if (batch.Count == BatchSize)
                    {
                        changed += await SyncBatchAsync(channelId, batch, directory, cancellationToken);
                        batch.Clear();
                    }
                }

                changed += await SyncBatchAsync(channelId, batch, directory, cancellationToken);
                batch.Clear();
            }

            if (backfilling)
            {
                // A backfill lists its window first (200 a call, cheap next to one replies call per thread), so the
                // progress bar knows the total; then it reads threads newest first, checkpointing after each batch.
                var pending = new List<SlackMessage>();
                await foreach (var message in slack.GetHistoryAsync(channelId, oldest, latest, cancellationToken: cancellationToken))
                {
                    listed.Add(message.Ts);
                    pending.Add(message);
                }

                await SetEstimateAsync(channelId, pending.Count, cancellationToken);
                foreach (var chunk in pending.Chunk(BatchSize))
                {
                    batch.AddRange(chunk);
                    changed += await SyncBatchAsync(channelId, batch, directory, cancellationToken);
                    await CheckpointAsync(channelId, batch, cancellationToken);
                    batch.Clear();
                }
            }
            else
            {
                await foreach (var message in slack.GetHistoryAsync(channelId, oldest, latest, cancellationToken: cancellationToken))
                {
                    listed.Add(message.Ts);
                    batch.Add(message);
                    if (batch.Count == BatchSize)
                    {
                        changed += await SyncBatchAsync(channelId, batch, directory, cancellationToken);
                        batch.Clear();
                    }
                }

                changed += await SyncBatchAsync(channelId, batch, directory, cancellationToken);
            }

            changed += await MarkVanishedAsync(channelId, listed, windowStart, listedUpTo, directory, cancellationToken);
            await MarkCompletedAsync(channelId, backfilling, changed, cancellationToken);
            logger.LogDebug("Slack sync of {Channel}: {Listed} messages listed, {Changed} threads changed{Backfill}", channelId, listed.Count, changed, backfilling ? " (backfill completed)" : "");
            return changed;
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException)
        {
            await MarkFailedAsync(channelId, ex, CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// Learns the channel's name and makes sure the bot is in it: a public channel it is not in is joined
    /// (scope <c>channels:join</c>); a private one answers <c>channel_not_found</c> until someone invites the bot.
    /// </summary>
    private async Task EnsureMemberAsync(string channelId, CancellationToken cancellationToken)
    {
        var info = await slack.GetConversationInfoAsync(channelId, cancellationToken);
        if (!info.IsMember)
        {
            info = info.IsPrivate
                ? throw new SlackApiException("conversations.info", "channel_not_found", $"The bot is not in the private channel {channelId}.")
                : await slack.JoinConversationAsync(channelId, cancellationToken);
            logger.LogInformation("Joined Slack channel #{Name} ({Channel})", info.Name, channelId);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var state = await db.Set<SlackChannelSyncState>().FindAsync([channelId], cancellationToken);
        if (state is not null && info.Name is not null)
        {
            state.ChannelName = info.Name;
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>The backfill's total: what earlier runs read plus what this run listed below the checkpoint.</summary>
    private async Task SetEstimateAsync(string channelId, int listed, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var state = await db.Set<SlackChannelSyncState>().FindAsync([channelId], cancellationToken);
        if (state is not null)
        {
            state.BackfillEstimatedTotal = state.BackfillThreadsRead + listed;
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Everything in the batch is stored: the backfill resumes below its oldest message.</summary>
    private async Task CheckpointAsync(string channelId, List<SlackMessage> batch, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var state = await db.Set<SlackChannelSyncState>().FindAsync([channelId], cancellationToken);
        if (state is null)
        {
            return;
        }

        state.BackfillCursorTs = batch[^1].Ts;
        state.BackfillThreadsRead += batch.Count;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// How far back this run reads: the backfill window until one backfill completed; then the recheck window, reaching
    /// back to the last completed run when the app was stopped for longer than that (never further than a backfill).
    /// </summary>
    private static DateTime WindowStart(SlackChannelSyncState state, bool backfilling, DateTime now, SlackOptions options)
    {
        var backfillStart = now.AddDays(-options.BackfillDays);
        if (backfilling)
        {
            return backfillStart;
        }

        var recheckStart = now.AddDays(-options.RecheckDays);
        if (state.LastSyncCompletedAt is { } lastCompleted && lastCompleted.Subtract(CatchUpMargin) < recheckStart)
        {
            var catchUpStart = lastCompleted.Subtract(CatchUpMargin);
            return catchUpStart > backfillStart ? catchUpStart : backfillStart;
        }

        return recheckStart;
    }

    private async Task<int> SyncBatchAsync(string channelId, List<SlackMessage> batch, TeamDirectory directory, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        var tsList = batch.Select(m => m.Ts).ToList();
        Dictionary<string, (int ReplyCount, string? LatestReply, string? Reactions, string Text)> known;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            known = await db.Set<SupportThread>().AsNoTracking()
                .Where(t => t.ChannelId == channelId && tsList.Contains(t.Ts))
                .Select(t => new { t.Ts, t.ReplyCount, t.LatestReply, t.ReactionsSignature, t.Text })
                .ToDictionaryAsync(t => t.Ts, t => (t.ReplyCount, t.LatestReply, t.ReactionsSignature, t.Text), StringComparer.Ordinal, cancellationToken);
        }

        var changed = 0;
        foreach (var message in batch)
        {
            if (known.TryGetValue(message.Ts, out var stored))
            {
                // The question's text changes when it is edited, and when it is deleted while it has replies (a tombstone).
                var unchanged = stored.ReplyCount == (message.ReplyCount ?? 0)
                    && stored.LatestReply == message.LatestReply
                    && stored.Reactions == SlackMessageKinds.ReactionsSignature(message)
                    && (message.Text is null || message.Text == stored.Text);
                if (unchanged)
                {
                    continue;
                }
            }
            else if (!SlackMessageKinds.OpensThread(message, directory))
            {
                continue;
            }

            // Replies (and their reactions) only come from conversations.replies; a thread without replies is complete as is.
            var messages = (message.ReplyCount ?? 0) > 0
                ? await slack.GetRepliesAsync(channelId, message.Ts, includeAllMetadata: true, cancellationToken)
                : [message];
            if (await IngestWithProfilesAsync(channelId, messages, directory, cancellationToken) is { Changed: true })
            {
                changed++;
            }
        }

        return changed;
    }

    /// <summary>
    /// A question deleted without replies leaves history altogether: a tracked thread inside the window just read
    /// that history no longer lists has lost its question. Threads posted after the run started are left for the next
    /// run (history was read newest first, so it may have missed them, not they it).
    /// </summary>
    private async Task<int> MarkVanishedAsync(
        string channelId, HashSet<string> listed, DateTime windowStart, DateTime runStartedAt, TeamDirectory directory, CancellationToken cancellationToken)
    {
        var from = windowStart.Add(VanishedMargin);
        var to = runStartedAt.Subtract(VanishedMargin);
        List<string> candidates;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var tracked = await db.Set<ThreadMessage>().AsNoTracking()
                .Where(m => m.ChannelId == channelId && !m.IsDeleted && m.Thread!.Ts == m.Ts && m.SentAt > from && m.SentAt < to)
                .Select(m => m.Ts)
                .ToListAsync(cancellationToken);
            candidates = tracked.Where(ts => !listed.Contains(ts)).ToList();
        }

        foreach (var ts in candidates)
        {
            await ingest.MarkDeletedAsync(channelId, ts, directory, cancellationToken);
        }

        return candidates.Count;
    }

    private async Task<ThreadIngestResult?> IngestWithProfilesAsync(
        string channelId, IReadOnlyList<SlackMessage> messages, TeamDirectory directory, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return null;
        }

        // The asker's profile first: the thread copies their time zone when it is created.
        await profiles.EnsureAsync(messages.Select(m => m.User).OfType<string>(), cancellationToken);
        return await ingest.IngestAsync(channelId, messages, directory, cancellationToken);
    }

    private async Task<SlackChannelSyncState> MarkStartedAsync(string channelId, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var state = await db.Set<SlackChannelSyncState>().FindAsync([channelId], cancellationToken);
        if (state is null)
        {
            state = new SlackChannelSyncState { ChannelId = channelId };
            db.Add(state);
        }

        state.LastSyncStartedAt = now;
        if (state.BackfillCompletedAt is null)
        {
            state.BackfillStartedAt ??= now;
        }

        await db.SaveChangesAsync(cancellationToken);
        return state;
    }

    private async Task MarkCompletedAsync(string channelId, bool backfilled, int changed, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var state = await db.Set<SlackChannelSyncState>().FindAsync([channelId], cancellationToken);
        if (state is null)
        {
            return;
        }

        // The backfill "cursor" moves only now that everything in its window is committed.
        if (backfilled)
        {
            state.BackfillCompletedAt = now;
            state.BackfillCursorTs = null;
            state.BackfillEstimatedTotal = state.BackfillThreadsRead;
        }

        state.LastSyncCompletedAt = now;
        state.LastSyncThreadsChanged = changed;
        state.LastError = null;
        state.LastErrorAt = null;
        state.LastErrorCode = null;
        state.LastErrorScope = null;
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task MarkFailedAsync(string channelId, Exception ex, CancellationToken cancellationToken)
    {
        var error = ex.Message;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var state = await db.Set<SlackChannelSyncState>().FindAsync([channelId], cancellationToken);
        if (state is null)
        {
            return;
        }

        state.LastError = error.Length > 2000 ? error[..2000] : error;
        state.LastErrorCode = ex switch
        {
            SlackRateLimitedException => "ratelimited",
            SlackApiException api => api.Error.Length > 100 ? api.Error[..100] : api.Error,
            _ => "request_failed",
        };
        state.LastErrorScope = (ex as SlackApiException)?.NeededScope;
        state.LastErrorAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Per support channel: how far its first backfill got (threads read of an estimated total, the time left at the
    /// paced rate of <c>conversations.replies</c>) and its last error in words with the fix.
    /// </summary>
    public async Task<IReadOnlyList<SlackBackfillProgress>> GetBackfillProgressAsync(CancellationToken cancellationToken)
    {
        var states = (await GetChannelStatesAsync(cancellationToken)).ToDictionary(s => s.ChannelId, StringComparer.Ordinal);
        var botName = SlackSetupAdvice.DefaultBotName;
        return [.. options.CurrentValue.SupportChannels.Select(id =>
        {
            var state = states.GetValueOrDefault(id);
            var label = new SlackChannelLabel(id, state?.ChannelName);
            if (state is null)
            {
                return new SlackBackfillProgress(label, false, false, 0, null, null, null);
            }

            var done = state.BackfillCompletedAt is not null;
            var remaining = state.BackfillEstimatedTotal is { } total ? Math.Max(0, total - state.BackfillThreadsRead) : (int?)null;
            var problem = state.LastErrorCode is { } code ? SlackSetupAdvice.Describe(code, state.LastErrorScope, label, botName) : null;
            return new SlackBackfillProgress(
                label,
                Started: state.BackfillStartedAt is not null,
                done,
                state.BackfillThreadsRead,
                done ? state.BackfillThreadsRead : state.BackfillEstimatedTotal,
                done ? TimeSpan.Zero : remaining is { } left ? budget.TimeFor("conversations.replies", left) : null,
                problem);
        })];
    }

    /// <summary>Per-channel health for the settings page.</summary>
    public async Task<IReadOnlyList<SlackChannelSyncState>> GetChannelStatesAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<SlackChannelSyncState>().AsNoTracking().OrderBy(s => s.ChannelId).ToListAsync(cancellationToken);
    }
}
