namespace CommunitySuccess.Core.GitHub;

/// <summary>
/// What one gateway call carries down into the HTTP handlers, through Octokit (whose clients take no
/// <see cref="CancellationToken"/> and show no response headers): the caller's token, and a tally of the answers,
/// so the gateway can tell a listing that came entirely from <c>304 Not Modified</c>.
/// </summary>
internal sealed class GitHubCallScope
{
    private static readonly AsyncLocal<GitHubCallScope?> Ambient = new();

    private int _responses;
    private int _fromCache;

    private GitHubCallScope(CancellationToken cancellationToken) => CancellationToken = cancellationToken;

    /// <summary>The scope of the gateway call in progress on this async flow, if any.</summary>
    public static GitHubCallScope? Current => Ambient.Value;

    public CancellationToken CancellationToken { get; }

    public int Responses => Volatile.Read(ref _responses);

    public int FromCache => Volatile.Read(ref _fromCache);

    /// <summary>True when there were answers and all of them were cached copies confirmed by a 304.</summary>
    public bool AllFromCache => Responses > 0 && FromCache == Responses;

    /// <summary>
    /// Starts a scope for the rest of the calling async method. Call it inside an <c>async</c> method: the value is
    /// restored for the method's caller when the method returns.
    /// </summary>
    public static GitHubCallScope Begin(CancellationToken cancellationToken)
    {
        var scope = new GitHubCallScope(cancellationToken);
        Ambient.Value = scope;
        return scope;
    }

    public void RecordResponse(bool fromCache)
    {
        Interlocked.Increment(ref _responses);
        if (fromCache)
        {
            Interlocked.Increment(ref _fromCache);
        }
    }
}
