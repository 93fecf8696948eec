using System.Text;
using CommunitySuccess.Core.Slack;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Web.Endpoints;

/// <summary><c>POST /slack/events</c>: Slack's Events API, signed with the app's signing secret.</summary>
public static class SlackEndpoints
{
    private const int MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapSlackEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/slack/events", HandleEventAsync).AllowAnonymous().DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> HandleEventAsync(
        HttpRequest request,
        SlackSignatureVerifier verifier,
        SlackEventProcessor processor,
        IOptionsMonitor<SlackOptions> options,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var (body, refusal) = await SlackSignedRequest.ReadAsync(
            request, verifier, options.CurrentValue.SigningSecret, MaxBodyBytes, loggers.CreateLogger("SlackEvents"), cancellationToken);
        if (body is null)
        {
            return refusal!;
        }

        SlackEventEnvelope envelope;
        try
        {
            envelope = SlackEvents.Parse(Encoding.UTF8.GetString(body));
        }
        catch (SlackPayloadException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }

        switch (envelope)
        {
            case SlackUrlVerification verification:
                return Results.Json(new { challenge = verification.Challenge });
            case SlackEventCallback callback:
                // Acknowledge now (Slack wants an answer within 3 s); the processor applies it in the background.
                await processor.AcceptAsync(callback, cancellationToken);
                return Results.Ok();
            default:
                return Results.Ok();
        }
    }
}
