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
/// a reload. Pages subscribe, re-render through <c>InvokeAsync</c> and unsubscribe on dispose. With several instances
/// (PostgreSQL) <see cref="PostgresChangeRelay"/> forwards this instance's changes to the others and theirs to here.
/// </summary>
public sealed class ChangeNotifier
{
    /// <summary>Any change, made here or in another instance.</summary>
    public event Action<Change>? Changed;

    /// <summary>Only the changes made in this process: what a relay sends to the other instances.</summary>
    public event Action<Change>? ChangedHere;

    public void Notify(ChangeArea area, long? id = null)
    {
        var change = new Change(area, id);
        Changed?.Invoke(change);
        ChangedHere?.Invoke(change);
    }

    /// <summary>A change another instance made: told to this instance's pages, not sent on again.</summary>
    public void NotifyFromOtherInstance(Change change) => Changed?.Invoke(change);
}
