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
        var body = await ReadBodyAsync(request, cancellationToken);
        if (body is null)
        {
            return Results.Problem("The request body is larger than 1 MB.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var signature = verifier.Verify(
            options.CurrentValue.SigningSecret,
            request.Headers[SlackSignatureVerifier.TimestampHeader].ToString(),
            request.Headers[SlackSignatureVerifier.SignatureHeader].ToString(),
            body.AsSpan());
        if (!signature.IsValid)
        {
            loggers.CreateLogger("SlackEvents").LogWarning("Refused a Slack request: {Reason}", signature.Reason);
            return Results.Problem(signature.Reason, statusCode: StatusCodes.Status401Unauthorized);
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

    /// <summary>The raw bytes: the signature covers the body exactly as sent.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
