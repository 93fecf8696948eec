namespace CommunitySuccess.Tests.TestSupport;

/// <summary>
/// The one wait-for-a-condition helper: reads until the value satisfies the condition, polling briefly, and fails
/// with what it last saw after a generous limit (a busy 2-core machine is slow, never wrong). Never a fixed sleep.
/// </summary>
public static class Wait
{
    /// <summary>The default limit: webhooks, outbox sends and page loads arrive in well under this.</summary>
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(30);

    /// <param name="dispatch">Work to drive between reads (e.g. the outbox dispatcher), for code no background service runs in tests.</param>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what, TimeSpan? limit = null, Func<Task>? dispatch = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(condition);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(limit ?? DefaultLimit);
        T last = default!;
        try
        {
            while (true)
            {
                if (dispatch is not null)
                {
                    await dispatch();
                }

                last = await read();
                if (condition(last))
                {
                    return last;
                }

                await Task.Delay(50, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new Xunit.Sdk.XunitException($"Waited {(limit ?? DefaultLimit).TotalSeconds:0} s for {what}; last seen: {last}.");
        }
    }
}
