using System.Globalization;
using System.Text;
using CommunitySuccess.Core.OnCall;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Core.Shared;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Web.Endpoints;

/// <summary>
/// "Who is on call" outside the pages: Slack's <c>/oncall</c> slash command (<c>POST /slack/commands</c>, signed like
/// events), the subscribable calendar (<c>GET /oncall/calendar.ics?token=…</c>), <c>GET /api/oncall</c> (signed in
/// or a calendar token) and <c>POST /api/oncall/substitutions</c> (signed in; the service checks the role).
/// </summary>
public static class OnCallEndpoints
{
    private const int MaxCommandBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapOnCallEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/slack/commands", HandleCommandAsync).AllowAnonymous().DisableAntiforgery();
        endpoints.MapGet("/oncall/calendar.ics", CalendarAsync).AllowAnonymous();
        // Anonymous at the routing level so that a calendar token works and a missing sign-in gets 401, not a login redirect.
        endpoints.MapGet("/api/oncall", StatusAsync).AllowAnonymous();
        endpoints.MapPost("/api/oncall/substitutions", CreateSubstitutionAsync).AllowAnonymous();
        return endpoints;
    }

    private static async Task<IResult> HandleCommandAsync(
        HttpRequest request,
        SlackSignatureVerifier verifier,
        OnCallService onCall,
        IOptionsMonitor<SlackOptions> options,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var (body, refusal) = await SlackSignedRequest.ReadAsync(
            request, verifier, options.CurrentValue.SigningSecret, MaxCommandBytes, loggers.CreateLogger("SlackCommands"), cancellationToken);
        if (body is null)
        {
            return refusal!;
        }

        if (!TryParseCommand(Encoding.UTF8.GetString(body), out var command))
        {
            return Results.Problem("The body is not a Slack slash command (form fields with a 'command').", statusCode: StatusCodes.Status400BadRequest);
        }

        if (!string.Equals(command, "/oncall", StringComparison.OrdinalIgnoreCase))
        {
            return Ephemeral($"CommunitySuccess answers /oncall only, not {command}.");
        }

        return Ephemeral(OnCallText.SlashCommandAnswer(await onCall.GetStatusAsync(cancellationToken)));
    }

    private static async Task<IResult> CalendarAsync(
        HttpContext context,
        OnCallCalendarFeed feed,
        string? token,
        string? mine,
        CancellationToken cancellationToken)
    {
        var owner = await feed.FindMemberByTokenAsync(token, cancellationToken);
        if (owner is null)
        {
            // Nothing about the schedule, not even whether the token once existed.
            return Results.Problem("This calendar link is unknown or was revoked.", statusCode: StatusCodes.Status404NotFound);
        }

        var onlyMine = mine is "1" or "true";
        var text = await feed.BuildAsync(onlyMine ? owner.Id : null, cancellationToken);
        context.Response.Headers.CacheControl = "private, max-age=300";
        context.Response.Headers.ContentDisposition = $"inline; filename=\"{(onlyMine ? "my-on-call" : "on-call")}.ics\"";
        return Results.Text(text, "text/calendar; charset=utf-8", Encoding.UTF8);
    }

    private static async Task<IResult> StatusAsync(
        HttpContext context,
        OnCallService onCall,
        OnCallCalendarFeed feed,
        string? token,
        CancellationToken cancellationToken)
    {
        if (context.User.Identity?.IsAuthenticated != true && await feed.FindMemberByTokenAsync(token, cancellationToken) is null)
        {
            return Results.Problem("Sign in, or pass your calendar token as ?token=.", statusCode: StatusCodes.Status401Unauthorized);
        }

        var snapshot = await onCall.GetSnapshotAsync(cancellationToken);
        var status = await onCall.GetStatusAsync(cancellationToken);
        return Results.Json(OnCallApiStatus.From(snapshot, status));
    }

    private static async Task<IResult> CreateSubstitutionAsync(
        HttpContext context,
        OnCallService onCall,
        CurrentUserResolver currentUser,
        SubstitutionRequest request,
        CancellationToken cancellationToken)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return Results.Problem("Sign in first.", statusCode: StatusCodes.Status401Unauthorized);
        }

        if (!Enum.TryParse<SubstitutionReason>(request.Reason, ignoreCase: true, out var reason) || !Enum.IsDefined(reason))
        {
            return Results.Problem($"reason must be one of {string.Join(", ", Enum.GetNames<SubstitutionReason>())}.", statusCode: StatusCodes.Status400BadRequest);
        }

        var result = await onCall.CreateSubstitutionAsync(
            new SubstitutionInput(request.StartDate, request.EndDate, request.SubstituteMemberId, request.ReplacedMemberId, reason, request.Note),
            (await currentUser.ResolveAsync(context.User, cancellationToken)).TeamActor,
            cancellationToken);
        if (result.IsForbidden)
        {
            return Results.Problem(result.Error, statusCode: StatusCodes.Status403Forbidden);
        }

        if (!result.Succeeded)
        {
            return Results.Problem(result.Error, statusCode: StatusCodes.Status400BadRequest);
        }

        var snapshot = await onCall.GetSnapshotAsync(cancellationToken);
        var status = snapshot.Substitutions.FirstOrDefault(s => s.Id == result.Id)?.Status;
        return Results.Created($"/api/oncall/substitutions/{result.Id}", new { id = result.Id, status = status?.ToString() });
    }

    private static bool TryParseCommand(string body, out string command)
    {
        command = "";
        Dictionary<string, Microsoft.Extensions.Primitives.StringValues> fields;
        try
        {
            fields = QueryHelpers.ParseQuery(body);
        }
        catch (InvalidDataException)
        {
            return false;
        }

        if (!fields.TryGetValue("command", out var value) || value.Count != 1 || !value[0]!.StartsWith('/'))
        {
            return false;
        }

        command = value[0]!.Trim();
        return true;
    }

    private static IResult Ephemeral(string text) => Results.Json(new { response_type = "ephemeral", text });

    /// <summary>The raw bytes: the signature covers the body exactly as sent.</summary>
}

/// <summary>The body of <c>POST /api/oncall/substitutions</c>.</summary>
public sealed record SubstitutionRequest(DateOnly StartDate, DateOnly EndDate, int SubstituteMemberId, int? ReplacedMemberId, string Reason, string? Note);

/// <summary>The answer of <c>GET /api/oncall</c>.</summary>
public sealed record OnCallApiStatus(string TimeZone, string HandoffTime, OnCallApiShift Today, OnCallApiShift? Next)
{
    public static OnCallApiStatus From(OnCallSnapshot snapshot, OnCallStatus status)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(status);
        var moment = status.Moment;
        var today = new OnCallApiShift(
            moment.Current?.Day.Date ?? moment.LocalDate,
            moment.IsDayOff,
            status.CurrentLabel,
            OnCallApiPerson.From(status.Current, moment.Current?.Day),
            moment.Current?.StartsAt,
            moment.Current?.HandsOffAt);
        var next = moment.Next is { } shift
            ? new OnCallApiShift(shift.Day.Date, false, status.NextLabel, OnCallApiPerson.From(status.Next, shift.Day), shift.StartsAt, shift.HandsOffAt)
            : null;
        return new OnCallApiStatus(
            snapshot.TimeZoneId,
            snapshot.Schedule.Clock.HandoffTime.ToString("HH:mm", CultureInfo.InvariantCulture),
            today,
            next);
    }
}

/// <summary>One shift in <see cref="OnCallApiStatus"/>: <see cref="Label"/> says "nobody (day off)" when nobody is on call.</summary>
public sealed record OnCallApiShift(DateOnly Date, bool DayOff, string Label, OnCallApiPerson? OnCall, DateTimeOffset? StartsAt, DateTimeOffset? HandsOffAt);

/// <summary>The person on call in <see cref="OnCallApiStatus"/>.</summary>
public sealed record OnCallApiPerson(int Id, string Name, string? SlackUserId, bool IsSubstitute)
{
    public static OnCallApiPerson? From(OnCallPerson? person, ScheduledDay? day) =>
        person is null ? null : new OnCallApiPerson(person.Id, person.Name, person.SlackUserId, day?.IsSubstituted == true);
}
