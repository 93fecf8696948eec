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

        SlackEnvelopeResult result;
        try
        {
            // Acknowledged now (Slack wants an answer within 3 s; a retry carries X-Slack-Retry-Num and the same
            // event_id, which the processor answers as a duplicate); the event is applied in the background.
            result = await processor.HandleEnvelopeAsync(Encoding.UTF8.GetString(body), cancellationToken);
        }
        catch (SlackPayloadException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }

        return result.Outcome == SlackEnvelopeOutcome.Challenge ? Results.Json(new { challenge = result.Challenge }) : Results.Ok();
    }
}
