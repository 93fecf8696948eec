using System.Globalization;
using System.Security.Cryptography;
using CommunitySuccess.Core.Accounts;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Team;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;

namespace CommunitySuccess.Core.OnCall;

/// <summary>
/// The subscribable calendar (<c>/oncall/calendar.ics?token=…</c>): one all-day event per on-call day, the past
/// <see cref="PastDays"/> and the next <see cref="FutureDays"/>, for the whole team or one member's own days. Each
/// member has one secret token; regenerating replaces it and revoking deletes it, so an old link stops working.
/// </summary>
public sealed class OnCallCalendarFeed(IDbContextFactory<AppDbContext> dbFactory, OnCallService onCall, AccountService accounts, TimeProvider time)
{
    public const int PastDays = 30;
    public const int FutureDays = 90;

    /// <summary>The member's current token, or null when they have none.</summary>
    public async Task<OnCallCalendarToken?> GetTokenAsync(int memberId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<OnCallCalendarToken>().AsNoTracking().FirstOrDefaultAsync(t => t.MemberId == memberId, cancellationToken);
    }

    /// <summary>Gives the signed-in member a new secret (the old link stops working). Null when the account is no team member.</summary>
    public async Task<string?> RegenerateTokenAsync(TeamActor actor, CancellationToken cancellationToken)
    {
        var me = await onCall.FindMeAsync(actor, cancellationToken);
        if (me is null)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Set<OnCallCalendarToken>().Where(t => t.MemberId == me.Id).ExecuteDeleteAsync(cancellationToken);
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        db.Add(new OnCallCalendarToken { MemberId = me.Id, Token = token, CreatedAt = time.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <summary>Deletes the signed-in member's token: their feed links stop working.</summary>
    public async Task<bool> RevokeTokenAsync(TeamActor actor, CancellationToken cancellationToken)
    {
        var me = await onCall.FindMeAsync(actor, cancellationToken);
        if (me is null)
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<OnCallCalendarToken>().Where(t => t.MemberId == me.Id).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    /// <summary>
    /// The active member a token belongs to, or null for an unknown, revoked or malformed token, or when the member's
    /// sign-in account is disabled (disabling someone ends their calendar link with their sessions).
    /// </summary>
    public async Task<OnCallPerson?> FindMemberByTokenAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 64)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var memberId = await db.Set<OnCallCalendarToken>().Where(t => t.Token == token).Select(t => (int?)t.MemberId).FirstOrDefaultAsync(cancellationToken);
        if (memberId is null)
        {
            return null;
        }

        var snapshot = await onCall.GetSnapshotAsync(cancellationToken);
        if (snapshot.Person(memberId) is not { IsActive: true } person)
        {
            return null;
        }

        return await accounts.IsDisabledAsync(person.Email, cancellationToken) ? null : person;
    }

    /// <summary>The iCalendar text: everyone's on-call days, or only <paramref name="onlyMemberId"/>'s.</summary>
    public async Task<string> BuildAsync(int? onlyMemberId, CancellationToken cancellationToken)
    {
        var snapshot = await onCall.GetSnapshotAsync(cancellationToken);
        var schedule = snapshot.Schedule;
        var now = time.GetUtcNow();
        var today = schedule.LocalDate(now);
        var handoff = schedule.Clock.HandoffTime.ToString("HH:mm", CultureInfo.InvariantCulture);

        var calendar = new Ical.Net.Calendar { ProductId = "-//CommunitySuccess//On-call schedule//EN", Method = CalendarMethods.Publish };
        var name = onlyMemberId is { } id && snapshot.Person(id) is { } owner ? $"My on-call days ({owner.Name})" : "On-call schedule";
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddProperty("X-WR-TIMEZONE", snapshot.TimeZoneId);
        calendar.AddProperty("X-PUBLISHED-TTL", "PT1H");
        calendar.AddProperty("REFRESH-INTERVAL;VALUE=DURATION", "PT1H");

        foreach (var day in schedule.Days(today.AddDays(-PastDays), today.AddDays(FutureDays)))
        {
            if (day.MemberId is not { } memberId || (onlyMemberId is { } only && memberId != only))
            {
                continue;
            }

            var person = snapshot.Person(memberId);
            var replaced = day.IsSubstituted ? snapshot.Person(day.RotationMemberId) : null;
            var summary = $"On call: {person?.Name ?? "former member"}";
            if (day.Substitution is { } substitution)
            {
                summary += replaced is null
                    ? $" ({substitution.Reason.ToDisplayName().ToLowerInvariant()})"
                    : $" (for {replaced.Name}, {substitution.Reason.ToDisplayName().ToLowerInvariant()})";
            }

            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"oncall-{day.Date:yyyyMMdd}{(onlyMemberId is null ? "" : "-mine")}@communitysuccess",
                Summary = summary,
                Description = $"Takes over at the {handoff} hand-off ({snapshot.TimeZoneId}) and stays on call until the next working day's hand-off.",
                Start = new CalDateTime(day.Date.Year, day.Date.Month, day.Date.Day),
                End = new CalDateTime(day.Date.AddDays(1).Year, day.Date.AddDays(1).Month, day.Date.AddDays(1).Day),
                DtStamp = new CalDateTime(now.UtcDateTime),
                Transparency = TransparencyType.Transparent,
            });
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
