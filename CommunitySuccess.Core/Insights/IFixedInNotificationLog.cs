namespace CommunitySuccess.Core.Insights;

/// <summary>
/// When "fixed in" release notifications were sent to Slack threads. Offered by the GitHub feature (which owns the
/// thread–issue links); register an implementation with <c>AddSingleton&lt;IFixedInNotificationLog, …&gt;()</c>.
/// Without one, the chart shows none.
/// </summary>
public interface IFixedInNotificationLog
{
    /// <summary>The instants (UTC) of notifications sent in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    Task<IReadOnlyList<DateTime>> SentBetweenAsync(DateTime from, DateTime to, CancellationToken cancellationToken);
}

/// <summary>Used when no feature offers the log: nothing was sent.</summary>
internal sealed class NoFixedInNotificationLog : IFixedInNotificationLog
{
    public Task<IReadOnlyList<DateTime>> SentBetweenAsync(DateTime from, DateTime to, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DateTime>>([]);
}
