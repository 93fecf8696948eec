using CommunitySuccess.Core.Slack;

namespace CommunitySuccess.Web.Endpoints;

/// <summary>
/// Reads a request Slack signed (Events API, slash commands): the raw body, bounded, checked against the signing
/// secret. Either the body comes back, or the answer to give instead (413 too large, 401 bad signature).
/// </summary>
public static class SlackSignedRequest
{
    public static async Task<(byte[]? Body, IResult? Refusal)> ReadAsync(
        HttpRequest request, SlackSignatureVerifier verifier, string signingSecret, int maxBytes, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(verifier);
        var body = await BoundedRequestBody.ReadAsync(request, maxBytes, cancellationToken);
        if (body is null)
        {
            return (null, Results.Problem($"The request body is larger than {maxBytes / 1024} KB.", statusCode: StatusCodes.Status413PayloadTooLarge));
        }

        // The signature covers the body exactly as sent.
        var signature = verifier.Verify(
            signingSecret,
            request.Headers[SlackSignatureVerifier.TimestampHeader].ToString(),
            request.Headers[SlackSignatureVerifier.SignatureHeader].ToString(),
            body.AsSpan());
        if (!signature.IsValid)
        {
            logger.LogWarning("Refused a Slack request to {Path}: {Reason}", request.Path, signature.Reason);
            return (null, Results.Problem(signature.Reason, statusCode: StatusCodes.Status401Unauthorized));
        }

        return (body, null);
    }
}
