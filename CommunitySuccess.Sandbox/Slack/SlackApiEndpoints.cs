using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CommunitySuccess.Sandbox.Slack;

/// <summary>HTTP front of the Slack emulator: <c>/slack/api/{method}</c> and generated avatars.</summary>
internal static class SlackApiEndpoints
{
    private const string JsonContentType = "application/json; charset=utf-8";

    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder routes, SlackWorkspace workspace)
    {
        var slack = routes.MapGroup("/slack");
        slack.MapMethods("/api/{method}", [HttpMethods.Get, HttpMethods.Post], (RequestDelegate)(context => HandleAsync(context, workspace)));
        slack.MapGet("/avatars/{file}", (RequestDelegate)(context => SlackAvatars.WriteAsync(context, workspace)));
        return routes;
    }

    private static async Task HandleAsync(HttpContext context, SlackWorkspace workspace)
    {
        var method = (string)context.Request.RouteValues["method"]!;
        var aborted = context.RequestAborted;
        if (!SlackWorkspace.IsKnownMethod(method))
        {
            await WriteAsync(context, StatusCodes.Status404NotFound, new JsonObject { ["ok"] = false, ["error"] = "unknown_method", ["req_method"] = method }).ConfigureAwait(false);
            return;
        }

        SlackApiParameters parameters;
        try
        {
            parameters = await SlackApiParameters.ReadAsync(context.Request, aborted).ConfigureAwait(false);
        }
        catch (SlackApiException ex)
        {
            await WriteAsync(context, StatusCodes.Status200OK, Error(ex)).ConfigureAwait(false);
            return;
        }

        var fault = workspace.Faults.Take(method);
        switch (fault?.Kind)
        {
            case SlackFaultKind.RateLimit:
                await RateLimitedAsync(context, workspace, method, parameters, (int)fault.Duration.TotalSeconds).ConfigureAwait(false);
                return;
            case SlackFaultKind.ServerError:
                workspace.RecordCall(method, parameters, $"http_{fault.StatusCode}");
                await WriteAsync(context, fault.StatusCode, new JsonObject { ["ok"] = false, ["error"] = "internal_error" }).ConfigureAwait(false);
                return;
            case SlackFaultKind.DelayBefore when !await DelayAsync(fault.Duration, aborted).ConfigureAwait(false):
                workspace.RecordCall(method, parameters, "aborted");
                return;
            case SlackFaultKind.DropConnection:
                workspace.RecordCall(method, parameters, "dropped");
                context.Abort();
                return;
        }

        JsonObject body;
        var token = BearerToken(context.Request) ?? parameters.BodyToken;
        if (string.IsNullOrEmpty(token))
        {
            body = new JsonObject { ["ok"] = false, ["error"] = "not_authed" };
        }
        else if (!string.Equals(token, workspace.BotToken, StringComparison.Ordinal))
        {
            body = new JsonObject { ["ok"] = false, ["error"] = "invalid_auth" };
        }
        else if (workspace.TakeRateLimit(method, parameters) is { } retryAfter)
        {
            await RateLimitedAsync(context, workspace, method, parameters, retryAfter).ConfigureAwait(false);
            return;
        }
        else
        {
            try
            {
                body = workspace.Invoke(method, parameters);
            }
            catch (SlackApiException ex)
            {
                body = Error(ex);
            }
        }

        workspace.RecordCall(method, parameters, body["ok"]!.GetValue<bool>() ? "ok" : (string)body["error"]!);
        if (body["error"] is null || (string?)body["error"] is not ("not_authed" or "invalid_auth"))
        {
            // Slack names the token's scopes on every answer to an authenticated call.
            context.Response.Headers["x-oauth-scopes"] = string.Join(',', workspace.BotScopes);
        }
        if (fault?.Kind == SlackFaultKind.DelayAfter && !await DelayAsync(fault.Duration, aborted).ConfigureAwait(false))
        {
            return;
        }

        if (fault?.Kind == SlackFaultKind.TruncateBody)
        {
            var json = body.ToJsonString(SlackWorkspace.WireOptions);
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = JsonContentType;
            await context.Response.WriteAsync(json[..(json.Length / 2)], aborted).ConfigureAwait(false);
            return;
        }

        await WriteAsync(context, StatusCodes.Status200OK, body).ConfigureAwait(false);
    }

    /// <summary>Slack's answer over a limit: HTTP 429, <c>Retry-After</c> in seconds, <c>{"ok":false,"error":"ratelimited"}</c>.</summary>
    private static Task RateLimitedAsync(HttpContext context, SlackWorkspace workspace, string method, SlackApiParameters parameters, int retryAfterSeconds)
    {
        workspace.RecordCall(method, parameters, "http_429");
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return WriteAsync(context, StatusCodes.Status429TooManyRequests, new JsonObject { ["ok"] = false, ["error"] = "ratelimited" });
    }

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    private static JsonObject Error(SlackApiException ex)
    {
        var json = new JsonObject { ["ok"] = false, ["error"] = ex.Error };
        if (ex.Needed is not null)
        {
            json["needed"] = ex.Needed;
            json["provided"] = ex.Provided ?? "";
        }

        if (ex.Detail is not null)
        {
            json["response_metadata"] = new JsonObject { ["messages"] = new JsonArray(ex.Detail) };
        }

        return json;
    }

    private static async Task<bool> DelayAsync(TimeSpan delay, CancellationToken aborted)
    {
        try
        {
            await Task.Delay(delay, aborted).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static Task WriteAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = JsonContentType;
        return context.Response.WriteAsync(body.ToJsonString(SlackWorkspace.WireOptions), context.RequestAborted);
    }
}
