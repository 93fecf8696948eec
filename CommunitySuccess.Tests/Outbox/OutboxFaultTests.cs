using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Sandbox.GitHub;
using CommunitySuccess.Sandbox.Slack;
using CommunitySuccess.Tests.Slack.Integration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static CommunitySuccess.Tests.Slack.Integration.SlackAppHarness;

namespace CommunitySuccess.Tests.Outbox;

/// <summary>
/// The outbox's writes to Slack and to GitHub through every fault the sandboxes can inject: each reaches the sandbox
/// exactly once (the sandbox's own record of what it received and stored), and a write whose retries run out shows as
/// Failed with the last error, then goes out once when a person retries it. One fake clock: back-offs pass at once.
/// </summary>
public sealed class OutboxFaultTests
{
    private const string Owner = "acme";
    private const string Repo = "faults";
    private static readonly DateTimeOffset Start = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly AppActor Ana = new(HelperName, "ana@acme.example");

    public static TheoryData<string> Faults => ["429 burst", "500 twice", "dropped connection", "truncated answer", "time-out after the write"];

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task SlackReply_Fault_PostedExactlyOnce_RowSent(string fault)
    {
        var time = new FakeTimeProvider(Start);
        await using var h = await StartAsync(new SlackAppHarnessOptions { Time = time, SlackTimeout = TimeSpan.FromSeconds(1) });
        var (ts, threadId) = await h.OpenThreadAsync(time.GetUtcNow());
        const string Method = "chat.postMessage";
        switch (fault)
        {
            case "429 burst": h.Slack.Faults.RateLimitNext(3, retryAfterSeconds: 20, method: Method); break;
            case "500 twice": h.Slack.Faults.FailNext(2, method: Method); break;
            case "dropped connection": h.Slack.Faults.DropConnectionNext(1, Method); break;
            case "truncated answer": h.Slack.Faults.TruncateNext(1, Method); break;
            case "time-out after the write": h.Slack.Faults.DelayAnswerNext(1, TimeSpan.FromSeconds(4), Method); break;
        }

        var reply = await h.Actions.ReplyAsync(threadId, "Please try 1.4.2.", Ana, Ct);
        var row = await h.DispatchUntilSettledAsync(reply.OutboxId!.Value, time);

        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.Single(h.Slack.RequestsTo(Method), c => c.Outcome == "ok");
        var posted = Assert.Single(h.Slack.GetThread(SupportChannel, ts), m => m.Text == "Please try 1.4.2.");
        Assert.Equal(posted.Ts, row.ResultRef);
    }

    [Fact]
    public async Task SlackReply_FailsOnEveryAttempt_ShownFailedWithTheError_PersonRetries_PostedOnce()
    {
        var time = new FakeTimeProvider(Start);
        await using var h = await StartAsync(new SlackAppHarnessOptions { Time = time });
        var (ts, threadId) = await h.OpenThreadAsync(time.GetUtcNow());
        h.Slack.Faults.FailNext(OutboxDispatcher.MaxAttempts, method: "chat.postMessage");

        var reply = await h.Actions.ReplyAsync(threadId, "Please try 1.4.2.", Ana, Ct);
        var failed = await h.DispatchUntilSettledAsync(reply.OutboxId!.Value, time, maxRounds: OutboxDispatcher.MaxAttempts + 2);

        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.Equal(OutboxDispatcher.MaxAttempts, failed.Attempts);
        Assert.Contains("internal_error", failed.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(h.Slack.GetThread(SupportChannel, ts), m => m.Text == "Please try 1.4.2.");
        // The thread pane shows the reply as failed, with Slack's error, until someone retries it.
        var detail = await h.Services.GetRequiredService<InboxQueryService>().GetThreadAsync(threadId, Ct);
        var shown = Assert.Single(detail!.RepliesInFlight);
        Assert.Equal((OutboxStatus.Failed, "Please try 1.4.2."), (shown.Status, shown.Text));
        Assert.Contains("internal_error", shown.Error, StringComparison.Ordinal);

        Assert.True(await h.Services.GetRequiredService<OutboxService>().RetryAsync(failed.Id, Ct));
        var sent = await h.DispatchUntilSettledAsync(failed.Id, time);

        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Single(h.Slack.GetThread(SupportChannel, ts), m => m.Text == "Please try 1.4.2.");
    }

    public static TheoryData<string> GitHubFaults => ["429 burst", "500 then 502", "dropped connection", "truncated answer"];

    [Theory]
    [MemberData(nameof(GitHubFaults))]
    public async Task GitHubComment_Fault_CommentedExactlyOnce_RowSent(string fault)
    {
        var time = new FakeTimeProvider(Start);
        await using var h = await StartWithGitHubAsync(time);
        var number = h.Sandbox.GitHub.OpenIssue(Owner, Repo, "priya-raman", "Crash on start");
        const string Comments = $"/repos/{Owner}/{Repo}/issues/1/comments";
        var faults = h.Sandbox.GitHub.Faults;
        switch (fault)
        {
            case "429 burst": faults.SecondaryRateLimit(count: 3, retryAfterSeconds: 30, pathPrefix: Comments, httpMethod: "POST"); break;
            case "500 then 502": faults.ServerError(pathPrefix: Comments); faults.ServerError(pathPrefix: Comments, statusCode: 502); break;
            case "dropped connection": faults.DropConnection(pathPrefix: Comments); break;
            case "truncated answer": faults.TruncateBody(pathPrefix: Comments); break;
        }

        var id = await AddGitHubCommentAsync(h, number, "Could you share the logs?");
        var row = await h.DispatchUntilSettledAsync(id, time);

        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.Equal(0, faults.Pending);
        var comment = Assert.Single(h.Sandbox.GitHub.GetIssue(Owner, Repo, number)!.Comments);
        Assert.StartsWith("Could you share the logs?", comment.Body, StringComparison.Ordinal);
        Assert.Single(h.Sandbox.GitHub.Requests, r => r.Method == "POST" && r.StatusCode == 201);
    }

    [Fact]
    public async Task GitHubComment_FailsOnEveryAttempt_ShownFailed_PersonRetries_CommentedOnce()
    {
        var time = new FakeTimeProvider(Start);
        await using var h = await StartWithGitHubAsync(time);
        var number = h.Sandbox.GitHub.OpenIssue(Owner, Repo, "priya-raman", "Crash on start");
        h.Sandbox.GitHub.Faults.ServerError(count: OutboxDispatcher.MaxAttempts, pathPrefix: $"/repos/{Owner}/{Repo}/issues/{number}/comments");

        var id = await AddGitHubCommentAsync(h, number, "Could you share the logs?");
        var failed = await h.DispatchUntilSettledAsync(id, time, maxRounds: OutboxDispatcher.MaxAttempts + 2);

        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.NotNull(failed.LastError);
        Assert.Empty(h.Sandbox.GitHub.GetIssue(Owner, Repo, number)!.Comments);

        Assert.True(await h.Services.GetRequiredService<OutboxService>().RetryAsync(id, Ct));
        Assert.Equal(OutboxStatus.Sent, (await h.DispatchUntilSettledAsync(id, time)).Status);
        Assert.Single(h.Sandbox.GitHub.GetIssue(Owner, Repo, number)!.Comments);
    }

    private static async Task<SlackAppHarness> StartWithGitHubAsync(FakeTimeProvider time)
    {
        var harness = await StartAsync(new SlackAppHarnessOptions
        {
            Time = time,
            Settings = s =>
            {
                s["GitHub:Token"] = GitHubState.DefaultToken;
                s["GitHub:Repositories:0"] = $"{Owner}/{Repo}";
            },
        });
        harness.Sandbox.GitHub.CreateRepository(Owner, Repo);
        return harness;
    }

    private static async Task<long> AddGitHubCommentAsync(SlackAppHarness h, int number, string text)
    {
        await using var db = await h.DbAsync();
        var added = h.Services.GetRequiredService<OutboxService>().Add(db, GitHubOutboxKinds.Comment, new GitHubCommentPayload($"{Owner}/{Repo}", number, text), HelperName, issueKey: $"{Owner}/{Repo}#{number}");
        await db.SaveChangesAsync(Ct);
        return added.Id;
    }
}
