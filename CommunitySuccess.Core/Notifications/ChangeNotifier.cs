namespace CommunitySuccess.Core.Notifications;

/// <summary>What changed, for open pages to decide whether to re-render.</summary>
public enum ChangeArea
{
    Thread,
    Outbox,
    Team,
    GitHub,
    Schedule,
}

/// <summary>A change an open page may want to show.</summary>
public sealed record Change(ChangeArea Area, long? Id = null);

/// <summary>
/// Tells open pages that data changed (a synced message, a status click, a sent reply) so they re-render without
/// a reload. Pages subscribe, re-render through <c>InvokeAsync</c> and unsubscribe on dispose.
/// </summary>
public sealed class ChangeNotifier
{
    public event Action<Change>? Changed;

    public void Notify(ChangeArea area, long? id = null) => Changed?.Invoke(new Change(area, id));
}
