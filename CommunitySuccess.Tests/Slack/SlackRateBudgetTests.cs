using CommunitySuccess.Core.Slack;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CommunitySuccess.Tests.Slack;

/// <summary>The pacing budget: Slack's published allowance per method, bursts, per-channel posts, and a 429's pause.</summary>
public sealed class SlackRateBudgetTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void WaitAsync_Tier3AfterItsBurst_WaitsOneFiftiethOfAMinutePerCall()
    {
        var time = new FakeTimeProvider(Start);
        var budget = Budget(time);

        var burst = Enumerable.Range(0, 50).Select(_ => budget.WaitAsync("conversations.replies", null, TestContext.Current.CancellationToken)).ToList();
        var next = budget.WaitAsync("conversations.replies", null, TestContext.Current.CancellationToken);
        var otherMethod = budget.WaitAsync("users.info", null, TestContext.Current.CancellationToken);

        Assert.All(burst, t => Assert.True(t.IsCompleted));
        Assert.True(otherMethod.IsCompleted);
        Assert.False(next.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1.1));
        Assert.False(next.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(next.IsCompleted);
    }

    [Fact]
    public void WaitAsync_PostsInOneChannel_PacedPerChannel()
    {
        var time = new FakeTimeProvider(Start);
        var budget = Budget(time);

        var posts = Enumerable.Range(0, 6).Select(_ => budget.WaitAsync("chat.postMessage", "C1", TestContext.Current.CancellationToken)).ToList();
        var elsewhere = budget.WaitAsync("chat.postMessage", "C2", TestContext.Current.CancellationToken);

        Assert.Equal(5, posts.Count(t => t.IsCompleted));
        Assert.True(elsewhere.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(posts[5].IsCompleted);
    }

    [Fact]
    public void Pause_After429_HoldsEveryCallerForRetryAfterThenLetsOneThrough()
    {
        var time = new FakeTimeProvider(Start);
        var budget = Budget(time);
        Assert.True(budget.WaitAsync("conversations.history", null, TestContext.Current.CancellationToken).IsCompleted);

        budget.Pause("conversations.history", null, TimeSpan.FromSeconds(30));
        var retry = budget.WaitAsync("conversations.history", null, TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(retry.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(retry.IsCompleted);
    }

    [Fact]
    public void WaitAsync_NonMarketplaceApp_HistoryOnceAMinute()
    {
        var time = new FakeTimeProvider(Start);
        var budget = Budget(time, new SlackOptions { NonMarketplaceApp = true });

        var first = budget.WaitAsync("conversations.history", null, TestContext.Current.CancellationToken);
        var second = budget.WaitAsync("conversations.history", null, TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromSeconds(59));

        Assert.True(first.IsCompleted);
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(second.IsCompleted);
        Assert.Equal(TimeSpan.FromMinutes(30), budget.TimeFor("conversations.replies", 30));
    }

    private static SlackRateBudget Budget(TimeProvider time, SlackOptions? options = null) =>
        new(new StaticOptionsMonitor(options ?? new SlackOptions()), time);

    private sealed class StaticOptionsMonitor(SlackOptions value) : IOptionsMonitor<SlackOptions>
    {
        public SlackOptions CurrentValue => value;

        public SlackOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<SlackOptions, string?> listener) => null;
    }
}
