using System.Globalization;
using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Outbox;
using MudBlazor;

namespace CommunitySuccess.Web.Components.Pages.GitHub;

/// <summary>How the GitHub pages write times, queue names and states.</summary>
public static class GitHubFormat
{
    /// <summary>"just now", "12 min", "5 h", "3 d".</summary>
    public static string Age(DateTime utc, DateTime nowUtc)
    {
        var span = nowUtc - utc;
        return span.TotalMinutes < 1 ? "just now"
            : span.TotalHours < 1 ? $"{(int)span.TotalMinutes} min"
            : span.TotalDays < 1 ? $"{(int)span.TotalHours} h"
            : $"{(int)span.TotalDays} d";
    }

    /// <summary>"5 h ago".</summary>
    public static string Ago(DateTime utc, DateTime nowUtc) => Age(utc, nowUtc) is "just now" ? "just now" : Age(utc, nowUtc) + " ago";

    /// <summary>An exact UTC time for tooltips.</summary>
    public static string Exact(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>The queue's name in the address (<c>?queue=</c>).</summary>
    public static string Slug(GitHubQueue queue) => queue switch
    {
        GitHubQueue.Triage => "triage",
        GitHubQueue.AwaitingResponse => "awaiting",
        GitHubQueue.ContributorPullRequests => "prs",
        _ => "triage",
    };

    public static string Title(GitHubQueue queue) => queue switch
    {
        GitHubQueue.Triage => "Triage",
        GitHubQueue.AwaitingResponse => "Awaiting response",
        GitHubQueue.ContributorPullRequests => "Contributor PRs",
        _ => queue.ToString(),
    };

    /// <summary>What an outbox write does, in words.</summary>
    public static string Describe(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            return message.Kind switch
            {
                GitHubOutboxKinds.Comment => "Comment",
                GitHubOutboxKinds.AddLabels => "Add label " + string.Join(", ", OutboxService.Payload<GitHubLabelsPayload>(message).Labels.Select(l => $"'{l}'")),
                GitHubOutboxKinds.RemoveLabel => "Remove label " + string.Join(", ", OutboxService.Payload<GitHubLabelsPayload>(message).Labels.Select(l => $"'{l}'")),
                GitHubOutboxKinds.Close => OutboxService.Payload<GitHubClosePayload>(message).NotPlanned ? "Close as not planned" : "Close as completed",
                GitHubOutboxKinds.Assign => "Assign to " + OutboxService.Payload<GitHubAssignPayload>(message).Login,
                GitHubOutboxKinds.CreateIssue => "Create issue",
                GitHubOutboxKinds.EditComment => "Edit comment",
                GitHubOutboxKinds.DeleteComment => "Delete comment",
                GitHubOutboxKinds.AddReaction => "React " + OutboxService.Payload<GitHubReactionPayload>(message).Content switch { "eyes" => "👀", var other => other },
                OutboxKinds.SlackPostMessage => "Post in Slack thread",
                _ => message.Kind,
            };
        }
        catch (System.Text.Json.JsonException)
        {
            return message.Kind;
        }
    }

    public static Color StatusColor(OutboxStatus status) => status switch
    {
        OutboxStatus.Pending => Color.Warning,
        OutboxStatus.Sent => Color.Success,
        OutboxStatus.Failed => Color.Error,
        _ => Color.Default,
    };

    public static (string Text, Color Color, string Icon) LinkState(LinkedIssueState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.State switch
        {
            IssueLinkState.Creating => ("creating…", Color.Warning, Icons.Material.Filled.HourglassTop),
            IssueLinkState.CreateFailed => ("failed", Color.Error, Icons.Material.Filled.ErrorOutline),
            IssueLinkState.Open => ("open", Color.Success, Icons.Material.Outlined.RadioButtonChecked),
            IssueLinkState.Closed => ("closed", Color.Default, Icons.Material.Filled.CheckCircleOutline),
            IssueLinkState.Released => (state.ReleaseTag is null ? "released" : $"released in {state.ReleaseTag}", Color.Secondary, Icons.Material.Filled.RocketLaunch),
            _ => (state.State.ToString(), Color.Default, Icons.Material.Filled.Help),
        };
    }

    /// <summary><c>/github/owner/repo/number</c>.</summary>
    public static string IssueHref(string repository, int number, string? queue = null) =>
        $"/github/{repository}/{number.ToString(CultureInfo.InvariantCulture)}" + (queue is null ? "" : $"?queue={queue}");
}
