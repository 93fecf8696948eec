using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace CommunitySuccess.Sandbox.Slack;

/// <summary>Initials on a coloured square, so that demo avatars show without internet access.</summary>
internal static class SlackAvatars
{
    private static readonly string[] Colors = ["#4a154b", "#1264a3", "#2bac76", "#e01e5a", "#ecb22e", "#36c5f0", "#7c3085", "#c7581d"];

    public static Task WriteAsync(HttpContext context, SlackWorkspace workspace)
    {
        var file = (string)context.Request.RouteValues["file"]!;
        var userId = file.Split('_', '.')[0];
        var user = workspace.FindUser(userId);
        if (user is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        var initials = string.Concat(user.RealName.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2).Select(part => char.ToUpperInvariant(part[0])));
        var color = Colors[SHA256.HashData(Encoding.UTF8.GetBytes(userId))[0] % Colors.Length];
        var svg = string.Create(CultureInfo.InvariantCulture, $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="72" height="72" viewBox="0 0 72 72"><rect width="72" height="72" rx="8" fill="{color}"/><text x="36" y="45" font-family="Helvetica, Arial, sans-serif" font-size="28" font-weight="700" fill="#fff" text-anchor="middle">{WebUtility.HtmlEncode(initials)}</text></svg>
            """);
        context.Response.ContentType = "image/svg+xml";
        context.Response.Headers.CacheControl = "public, max-age=86400";
        return context.Response.WriteAsync(svg, context.RequestAborted);
    }
}
