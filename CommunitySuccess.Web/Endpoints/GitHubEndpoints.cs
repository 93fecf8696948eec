using System.Text;
using CommunitySuccess.Core.GitHub;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Web.Endpoints;

/// <summary><c>POST /github/webhooks</c>: GitHub's webhook deliveries, signed with <c>GitHub:WebhookSecret</c>.</summary>
public static class GitHubEndpoints
{
    private const int MaxBodyBytes = 25 * 1024 * 1024; // GitHub caps payloads at 25 MB

    public static IEndpointRouteBuilder MapGitHubEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/github/webhooks", HandleAsync).AllowAnonymous().DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(
        HttpRequest request,
        GitHubWebhookProcessor processor,
        IOptionsMonitor<GitHubOptions> options,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        // Bounded before the signature check: an anonymous sender must not make us buffer more than GitHub would send.
        var body = await BoundedRequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Results.Problem("The payload is larger than GitHub sends.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var signature = GitHubWebhookVerifier.Verify(options.CurrentValue.WebhookSecret, request.Headers["X-Hub-Signature-256"].ToString(), body);
        if (!signature.IsValid)
        {
            loggers.CreateLogger("GitHubWebhooks").LogWarning("Refused a GitHub delivery: {Reason}", signature.Reason);
            return Results.Problem(signature.Reason, statusCode: StatusCodes.Status401Unauthorized);
        }

        var eventName = request.Headers["X-GitHub-Event"].ToString();
        if (string.IsNullOrEmpty(eventName))
        {
            return Results.Problem("The X-GitHub-Event header is missing.", statusCode: StatusCodes.Status400BadRequest);
        }

        GitHubWebhookEvent webhook;
        try
        {
            webhook = GitHubWebhooks.Parse(eventName, Encoding.UTF8.GetString(body));
        }
        catch (GitHubPayloadException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }

        var outcome = await processor.ApplyAsync(request.Headers["X-GitHub-Delivery"].ToString(), webhook, body, cancellationToken);
        return Results.Ok(new { outcome = outcome.ToString().ToLowerInvariant() });
    }
}
