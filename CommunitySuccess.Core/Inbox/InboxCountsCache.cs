using System.Collections.Concurrent;

namespace CommunitySuccess.Core.Inbox;

/// <summary>
/// The inbox's counts, kept while no inbox row changes: <see cref="InboxItemProjection.Changes"/> moves on every save
/// through EF in this process, so a count read while it stood still is still true, and a count read across a change
/// is used once and not kept. With several instances, every instance's inbox writes move it too
/// (<see cref="Notifications.PostgresChangeRelay"/>), a moment after their commit.
/// </summary>
internal sealed class InboxCountsCache
{
    private readonly ConcurrentDictionary<InboxSourceFilter, (long Generation, InboxCounts Counts)> _cached = new();

    public async Task<InboxCounts> GetAsync(
        InboxSourceFilter source, Func<CancellationToken, Task<InboxCounts>> count, CancellationToken cancellationToken)
    {
        var generation = InboxItemProjection.Changes;
        if (_cached.TryGetValue(source, out var cached) && cached.Generation == generation)
        {
            return cached.Counts;
        }

        var counts = await count(cancellationToken);
        if (InboxItemProjection.Changes == generation)
        {
            _cached[source] = (generation, counts);
        }

        return counts;
    }
}
