using System.Diagnostics;
using System.Net;
using static CommunitySuccess.Tests.Sandbox.SandboxTestHost;

namespace CommunitySuccess.Tests.Sandbox;

/// <summary>Injected rate limits, server errors and slow answers, and the request log tests count with.</summary>
public sealed class SlackFaultTests
{
    [Fact]
    public async Task RateLimitNext_OnOneMethod_Answers429WithRetryAfterThenRecovers()
    {
        await using var host = await StartAsync();
        host.Slack.Faults.RateLimitNext(2, retryAfterSeconds: 7, method: "chat.postMessage");

        var first = await PostAsync(host, "chat.postMessage", ("channel", SupportChannel), ("text", "one"));
        var history = await host.PostFormAsync("conversations.history", ("channel", SupportChannel));
        var second = await PostAsync(host, "chat.postMessage", ("channel", SupportChannel), ("text", "two"));
        var third = await host.PostFormAsync("chat.postMessage", ("channel", SupportChannel), ("text", "three"));

        foreach (var limited in new[] { first, second })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(7), limited.Headers.RetryAfter?.Delta);
            Assert.Equal("""{"ok":false,"error":"ratelimited"}""", await limited.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            limited.Dispose();
        }

        AssertOk(history);
        AssertOk(third);
        Assert.Equal(["three"], host.Slack.GetHistory(SupportChannel).Select(m => m.Text));
        Assert.Equal(["http_429", "http_429", "ok"], host.Slack.RequestsTo("chat.postMessage").Select(c => c.Outcome));
    }

    [Fact]
    public async Task FailNext_AnyMethod_Answers500AndWritesNothing()
    {
        await using var host = await StartAsync();
        host.Slack.Faults.FailNext(1);

        using var failed = await PostAsync(host, "chat.postMessage", ("channel", SupportChannel), ("text", "lost"));
        var retried = await host.PostFormAsync("chat.postMessage", ("channel", SupportChannel), ("text", "kept"));

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        AssertOk(retried);
        Assert.Equal(["kept"], host.Slack.GetHistory(SupportChannel).Select(m => m.Text));
    }

    [Fact]
    public async Task DelayNext_SlowsTheAnswerByTheDelay()
    {
        await using var host = await StartAsync();
        host.Slack.Faults.DelayNext(1, TimeSpan.FromMilliseconds(600), "auth.test");

        var watch = Stopwatch.StartNew();
        AssertOk(await host.PostFormAsync("auth.test"));
        var slow = watch.Elapsed;
        watch.Restart();
        AssertOk(await host.PostFormAsync("auth.test"));

        Assert.True(slow >= TimeSpan.FromMilliseconds(550), $"the delayed call took {slow}");
        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(550), $"the next call took {watch.Elapsed}");
    }

    [Fact]
    public async Task DelayAnswerNext_ClientTimesOut_ButThePostHappened()
    {
        await using var host = await StartAsync();
        host.Slack.Faults.DelayAnswerNext(1, TimeSpan.FromSeconds(10), "chat.postMessage");
        using var impatient = new HttpClient { BaseAddress = host.Server.SlackApiBaseUrl, Timeout = TimeSpan.FromMilliseconds(400) };
        impatient.DefaultRequestHeaders.Authorization = host.Http.DefaultRequestHeaders.Authorization;

        await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.PostAsync("chat.postMessage", new FormUrlEncodedContent([KeyValuePair.Create("channel", SupportChannel), KeyValuePair.Create("text", "did it post?")]), TestContext.Current.CancellationToken));

        Assert.Equal(["did it post?"], host.Slack.GetHistory(SupportChannel).Select(m => m.Text));
    }

    [Fact]
    public async Task DropConnectionNext_ClosesTheSocketAndPostsNothing()
    {
        await using var host = await StartAsync();
        host.Slack.Faults.DropConnectionNext(1, "chat.postMessage");

        await Assert.ThrowsAsync<HttpRequestException>(() => PostAsync(host, "chat.postMessage", ("channel", SupportChannel), ("text", "lost")));
        AssertOk(await host.PostFormAsync("chat.postMessage", ("channel", SupportChannel), ("text", "kept")));

        Assert.Equal(["kept"], host.Slack.GetHistory(SupportChannel).Select(m => m.Text));
        Assert.Equal(["dropped", "ok"], host.Slack.RequestsTo("chat.postMessage").Select(c => c.Outcome));
    }

    [Fact]
    public async Task TruncateNext_PostHappens_AnswerIsHalfItsJson()
    {
        await using var host = await StartAsync();
        host.Slack.Faults.TruncateNext(1, "chat.postMessage");

        using var response = await PostAsync(host, "chat.postMessage", ("channel", SupportChannel), ("text", "did it post?"));
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("{\"ok\":true", text, StringComparison.Ordinal);
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => System.Text.Json.JsonDocument.Parse(text));
        Assert.Equal(["did it post?"], host.Slack.GetHistory(SupportChannel).Select(m => m.Text));
    }

    [Fact]
    public async Task RequestLog_CountsPostsInAThreadWithTheirParameters()
    {
        await using var host = await StartAsync();
        var parent = host.Slack.PostAsUser(SupportChannel, Asker, "question");

        await host.PostFormAsync("chat.postMessage", ("channel", SupportChannel), ("thread_ts", parent), ("text", "first"));
        await host.PostJsonAsync("chat.postMessage", $$"""{"channel":"{{SupportChannel}}","thread_ts":"{{parent}}","text":"second"}""");
        await host.PostFormAsync("chat.postMessage", ("channel", SupportChannel), ("text", "elsewhere"));

        var inThread = host.Slack.RequestsTo("chat.postMessage").Where(c => c["thread_ts"] == parent).ToList();
        Assert.Equal(2, inThread.Count);
        Assert.All(inThread, c => Assert.Equal(Start, c.At));
        Assert.Equal(["first", "second"], inThread.Select(c => c["text"]));
    }

    private static Task<HttpResponseMessage> PostAsync(SandboxTestHost host, string method, params (string Name, string Value)[] args) =>
        host.Http.PostAsync(method, new FormUrlEncodedContent(args.Select(a => KeyValuePair.Create(a.Name, a.Value))), TestContext.Current.CancellationToken);
}
