using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Core.Team;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySuccess.Tests.Search;

/// <summary>Puts questions into the app the way syncs do: Slack threads through the thread ingest, issues through the GitHub ingest.</summary>
public sealed class SimilarItemsSeed(AppFactory app)
{
    public const string Channel = "C0SIMILAR1";
    public const string Repository = "acme/widgets";
    public const string TeamUser = "U0TEAM0001";
    public const string TeamLogin = "ana-lima";

    private static readonly TeamDirectory Team = new(
        [new TeamMember { Name = "Ana Lima", Email = "ana@acme.example", SlackUserId = TeamUser, GitHubLogin = TeamLogin }], null, null);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static DateTime At(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime;

    /// <summary>A user's question at <paramref name="unixSeconds"/>, the team's answer a minute later if given, closed with ✅ if asked.</summary>
    public async Task<long> ThreadAsync(long unixSeconds, string question, string? answer = null, bool closed = false, string user = "U0ASKER001")
    {
        var ts = $"{unixSeconds}.000100";
        var parent = new SlackMessage
        {
            Type = "message", Ts = ts, ThreadTs = answer is null ? null : ts, User = user, Text = question,
            Reactions = closed ? [new SlackReaction { Name = "white_check_mark", Users = [TeamUser], Count = 1 }] : [],
        };
        List<SlackMessage> messages = [parent];
        if (answer is not null)
        {
            messages.Add(new SlackMessage { Type = "message", Ts = $"{unixSeconds + 60}.000200", ThreadTs = ts, User = TeamUser, Text = answer });
        }

        var result = await app.Services.GetRequiredService<ThreadIngestService>().IngestAsync(Channel, messages, Team, Ct);
        return Assert.IsType<ThreadIngestResult>(result).ThreadId;
    }

    /// <summary>An issue opened at <paramref name="unixSeconds"/>: open with the Triage label, or closed with the team's closing comment.</summary>
    public async Task IssueAsync(int number, long unixSeconds, string text, string? closingComment = null)
    {
        var created = At(unixSeconds);
        var closed = closingComment is not null;
        var title = SupportThread.FirstLineOf(text, maxLength: 200).Trim('`');
        var record = new GitHubIssueRecord(6_000_000_000 + number, number, title, text, closed ? "closed" : "open", closed ? "completed" : null, "someone",
            false, closed ? [] : ["Triage 👀"], [], closed ? 1 : 0, 0, 0, created, created.AddHours(2), closed ? created.AddHours(2) : null,
            $"https://github.com/{Repository}/issues/{number}", "NONE");
        var ingest = app.Services.GetRequiredService<GitHubIngestService>();
        await ingest.UpsertIssuesAsync(Repository, [record], Ct);
        if (closingComment is not null)
        {
            await ingest.UpsertCommentsAsync(Repository,
                [new GitHubCommentRecord(7_000_000_000 + number, number, TeamLogin, closingComment, created.AddHours(1), created.AddHours(1),
                    $"https://github.com/{Repository}/issues/{number}#issuecomment-{7_000_000_000 + number}")], Ct);
        }
    }

    /// <summary>The inbox item of a thread or an issue.</summary>
    public async Task<long> ItemOfAsync(long? threadId, int? issueNumber)
    {
        var ids = await app.Services.GetRequiredService<InboxItemLookup>().FindAsync(
            threadId is { } t ? [t] : [], issueNumber is { } n ? [$"{Repository}#{n}"] : [], Ct);
        return Assert.IsType<long>(ids.Of(threadId, issueNumber is { } number ? $"{Repository}#{number}" : null));
    }
}
