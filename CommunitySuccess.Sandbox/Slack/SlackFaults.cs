namespace CommunitySuccess.Sandbox.Slack;

/// <summary>
/// Test switches that make the next Web API calls fail or slow down, as Slack sometimes does.
/// Each switch counts down per matching call; the first armed switch that matches a call wins.
/// </summary>
public sealed class SlackFaults
{
    private readonly Lock _gate = new();
    private readonly List<Fault> _faults = [];
    private int _lostAcks;

    /// <summary>The next <paramref name="count"/> calls (of <paramref name="method"/>, or any) answer HTTP 429 with <c>Retry-After</c> and <c>{"ok":false,"error":"ratelimited"}</c>.</summary>
    public void RateLimitNext(int count, int retryAfterSeconds = 1, string? method = null) =>
        Add(new Fault(SlackFaultKind.RateLimit, count, method, TimeSpan.FromSeconds(retryAfterSeconds), 429));

    /// <summary>The next <paramref name="count"/> calls answer an HTTP 5xx without touching any state.</summary>
    public void FailNext(int count, string? method = null, int statusCode = 500) =>
        Add(new Fault(SlackFaultKind.ServerError, count, method, TimeSpan.Zero, statusCode));

    /// <summary>The next <paramref name="count"/> calls wait <paramref name="delay"/> before they are processed (a client that gives up first changed nothing).</summary>
    public void DelayNext(int count, TimeSpan delay, string? method = null) =>
        Add(new Fault(SlackFaultKind.DelayBefore, count, method, delay, 200));

    /// <summary>The next <paramref name="count"/> calls are processed at once, then the answer waits <paramref name="delay"/>: a client that times out misses a write that did happen.</summary>
    public void DelayAnswerNext(int count, TimeSpan delay, string? method = null) =>
        Add(new Fault(SlackFaultKind.DelayAfter, count, method, delay, 200));

    /// <summary>
    /// The next <paramref name="count"/> calls lose their connection before Slack reads them: the socket closes with
    /// no answer and nothing changes (a reset by a proxy or a load balancer).
    /// </summary>
    public void DropConnectionNext(int count, string? method = null) =>
        Add(new Fault(SlackFaultKind.DropConnection, count, method, TimeSpan.Zero, 0));

    /// <summary>
    /// The next <paramref name="count"/> calls are processed, then answered 200 with only the first half of their JSON
    /// (a body cut short on the way): a write did happen, but the client cannot read that it did.
    /// </summary>
    public void TruncateNext(int count, string? method = null) =>
        Add(new Fault(SlackFaultKind.TruncateBody, count, method, TimeSpan.Zero, 200));

    /// <summary>
    /// The app's next <paramref name="count"/> Events API acknowledgements are lost on the way back (a proxy, a slow
    /// network): Slack counts each as an <c>http_timeout</c> and retries the delivery, as it does after 3 seconds.
    /// </summary>
    public void LoseEventAcknowledgements(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        Interlocked.Add(ref _lostAcks, count);
    }

    internal bool TakeLostAcknowledgement()
    {
        while (true)
        {
            var current = Volatile.Read(ref _lostAcks);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _lostAcks, current - 1, current) == current)
            {
                return true;
            }
        }
    }

    /// <summary>Disarms every switch.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _faults.Clear();
        }

        Volatile.Write(ref _lostAcks, 0);
    }

    internal SlackFaultDecision? Take(string method)
    {
        lock (_gate)
        {
            var fault = _faults.FirstOrDefault(f => f.Method is null || string.Equals(f.Method, method, StringComparison.Ordinal));
            if (fault is null)
            {
                return null;
            }

            fault.Remaining--;
            if (fault.Remaining <= 0)
            {
                _faults.Remove(fault);
            }

            return new SlackFaultDecision(fault.Kind, fault.Duration, fault.StatusCode);
        }
    }

    private void Add(Fault fault)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fault.Remaining);
        lock (_gate)
        {
            _faults.Add(fault);
        }
    }

    private sealed class Fault(SlackFaultKind kind, int count, string? method, TimeSpan duration, int statusCode)
    {
        public SlackFaultKind Kind { get; } = kind;
        public int Remaining { get; set; } = count;
        public string? Method { get; } = method;
        public TimeSpan Duration { get; } = duration;
        public int StatusCode { get; } = statusCode;
    }
}

internal enum SlackFaultKind
{
    RateLimit,
    ServerError,
    DelayBefore,
    DelayAfter,
    DropConnection,
    TruncateBody,
}

internal sealed record SlackFaultDecision(SlackFaultKind Kind, TimeSpan Duration, int StatusCode);
