using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Slack;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CommunitySuccess.Core.Slack;

/// <summary>
/// Slack users' names, avatars and time zones, fetched with <c>users.info</c> the first time an id is seen and
/// refreshed weekly. The inbox shows names and sorts by the asker's working hours from these rows.
/// </summary>
public sealed class SlackUserProfileService(
    ISlackApi slack,
    IDbContextFactory<AppDbContext> dbFactory,
    TimeProvider time,
    ILogger<SlackUserProfileService> logger)
{
    private static readonly TimeSpan RefreshAfter = TimeSpan.FromDays(7);

    /// <summary>Makes sure a profile row exists for each id; a user Slack cannot find is stored by id alone.</summary>
    public async Task EnsureAsync(IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var known = await db.Set<SlackUserProfile>().Where(p => ids.Contains(p.SlackUserId)).ToDictionaryAsync(p => p.SlackUserId, cancellationToken);
        foreach (var id in ids)
        {
            if (known.TryGetValue(id, out var profile) && now - profile.RefreshedAt < RefreshAfter)
            {
                continue;
            }

            SlackUserInfo? info;
            try
            {
                info = await slack.GetUserInfoAsync(id, cancellationToken);
            }
            catch (SlackApiException ex) when (ex.Error is "user_not_found" or "user_not_visible")
            {
                info = null;
            }

            if (profile is null)
            {
                profile = new SlackUserProfile { SlackUserId = id };
                db.Add(profile);
            }

            profile.RefreshedAt = now;
            if (info is null)
            {
                continue;
            }

            profile.Name = info.Name ?? "";
            profile.DisplayName = info.DisplayName ?? "";
            profile.RealName = info.RealName ?? "";
            profile.AvatarUrl = info.Image72 ?? info.Image48;
            profile.TimeZone = info.TimeZone is { } tz && TimeZoneInfo.TryFindSystemTimeZoneById(tz, out _) ? tz : null;
            profile.IsBot = info.IsBot;
            profile.IsDeleted = info.Deleted;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // An event and a sync met the same new user at once: the other writer stored the profile, which is all we need.
            logger.LogDebug(ex, "Slack profiles were stored concurrently");
        }

        logger.LogDebug("Slack profiles ensured for {Count} users", ids.Count);
    }

    public async Task<IReadOnlyDictionary<string, SlackUserProfile>> GetAsync(IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<SlackUserProfile>().AsNoTracking().Where(p => ids.Contains(p.SlackUserId))
            .ToDictionaryAsync(p => p.SlackUserId, StringComparer.Ordinal, cancellationToken);
    }
}
