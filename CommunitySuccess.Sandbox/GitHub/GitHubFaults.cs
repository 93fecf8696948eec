namespace CommunitySuccess.Sandbox.GitHub;

/// <summary>
/// Fault switches for the REST emulator: the next N requests (optionally only those whose path, relative to
/// <c>/api/v3</c>, starts with a prefix such as <c>/repos/acme/widgets/issues</c>, and optionally only one HTTP
/// method such as <c>POST</c>) fail the way GitHub fails.
/// Faults queue in the order they were added; each request takes at most one.
/// </summary>
public sealed class GitHubFaults
{
    private readonly Lock _gate = new();
    private readonly List<Fault> _faults = [];

    /// <summary>Primary rate limit: 403, <c>X-RateLimit-Remaining: 0</c>, a reset time, "API rate limit exceeded for …".</summary>
    public void PrimaryRateLimit(int count = 1, string? pathPrefix = null) =>
        Add(new Fault(GitHubFaultKind.PrimaryRateLimit, count, pathPrefix, TimeSpan.Zero, 403));

    /// <summary>
    /// Secondary rate limit with GitHub's secondary-limit message: 429 or 403 (<paramref name="statusCode"/>; GitHub
    /// sends both), with <c>Retry-After</c> seconds, or without it when <paramref name="retryAfterSeconds"/> is null
    /// (GitHub often names no wait).
    /// </summary>
    public void SecondaryRateLimit(int count = 1, int? retryAfterSeconds = 60, string? pathPrefix = null, int statusCode = 429, string? httpMethod = null)
    {
        if (statusCode is not (403 or 429))
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "GitHub answers a secondary rate limit with 403 or 429.");
        }

        Add(new Fault(GitHubFaultKind.SecondaryRateLimit, count, pathPrefix, TimeSpan.FromSeconds(retryAfterSeconds ?? -1), statusCode, httpMethod));
    }

    /// <summary>A server error (500 by default; 502 and 503 also happen on GitHub).</summary>
    public void ServerError(int count = 1, string? pathPrefix = null, int statusCode = 500, string? httpMethod = null) =>
        Add(new Fault(GitHubFaultKind.ServerError, count, pathPrefix, TimeSpan.Zero, statusCode, httpMethod));

    /// <summary>Waits <paramref name="delay"/> (on the state's clock) before answering normally.</summary>
    public void Slow(TimeSpan delay, int count = 1, string? pathPrefix = null) =>
        Add(new Fault(GitHubFaultKind.Slow, count, pathPrefix, delay, 200));

    /// <summary>The connection closes before GitHub reads the request: no answer, nothing changes.</summary>
    public void DropConnection(int count = 1, string? pathPrefix = null, string? httpMethod = null) =>
        Add(new Fault(GitHubFaultKind.DropConnection, count, pathPrefix, TimeSpan.Zero, 0, httpMethod));

    /// <summary>
    /// The request is processed, then answered with only the first half of its JSON body (cut short on the way): a
    /// write did happen, but the client cannot read that it did.
    /// </summary>
    public void TruncateBody(int count = 1, string? pathPrefix = null, string? httpMethod = null) =>
        Add(new Fault(GitHubFaultKind.TruncateBody, count, pathPrefix, TimeSpan.Zero, 200, httpMethod));

    /// <summary>How many faulty answers are still queued.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _faults.Sum(f => f.Remaining);
            }
        }
    }

    /// <summary>Drops every queued fault.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _faults.Clear();
        }
    }

    internal GitHubFaultDecision? Take(string httpMethod, string apiPath)
    {
        lock (_gate)
        {
            var fault = _faults.FirstOrDefault(f => f.Remaining > 0 && f.Matches(httpMethod, apiPath));
            if (fault is null)
            {
                return null;
            }

            fault.Remaining--;
            _faults.RemoveAll(f => f.Remaining <= 0);
            return new GitHubFaultDecision(fault.Kind, fault.Duration, fault.StatusCode);
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

    private sealed class Fault(GitHubFaultKind kind, int count, string? pathPrefix, TimeSpan duration, int statusCode, string? httpMethod = null)
    {
        private readonly string? _prefix = Normalize(pathPrefix);

        public GitHubFaultKind Kind { get; } = kind;

        public int Remaining { get; set; } = count;

        public TimeSpan Duration { get; } = duration;

        public int StatusCode { get; } = statusCode;

        public bool Matches(string method, string apiPath) =>
            (httpMethod is null || string.Equals(httpMethod, method, StringComparison.OrdinalIgnoreCase))
            && (_prefix is null || apiPath.StartsWith(_prefix, StringComparison.OrdinalIgnoreCase));

        // Accept "/api/v3/repos/…", "repos/…" or "/repos/…" alike.
        private static string? Normalize(string? prefix)
        {
            if (string.IsNullOrEmpty(prefix))
            {
                return null;
            }

            var p = prefix.StartsWith('/') ? prefix : "/" + prefix;
            return p.StartsWith(GitHubApi.Prefix + "/", StringComparison.OrdinalIgnoreCase) ? p[GitHubApi.Prefix.Length..] : p;
        }
    }
}

internal enum GitHubFaultKind
{
    PrimaryRateLimit,
    SecondaryRateLimit,
    ServerError,
    Slow,
    DropConnection,
    TruncateBody,
}

internal sealed record GitHubFaultDecision(GitHubFaultKind Kind, TimeSpan Duration, int StatusCode)
{
    /// <summary>The fault replaces GitHub's answer (a limit or an error); the others disturb the transport only.</summary>
    public bool ReplacesAnswer => Kind is GitHubFaultKind.PrimaryRateLimit or GitHubFaultKind.SecondaryRateLimit or GitHubFaultKind.ServerError;
}
