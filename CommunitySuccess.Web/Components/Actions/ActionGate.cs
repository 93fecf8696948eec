using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Shared;
using CommunitySuccess.Web.Accounts;

namespace CommunitySuccess.Web.Components.Actions;

/// <summary>
/// How a pane runs the writes a person asks for: one at a time, and as whoever is signed in when the write runs.
/// A second click, or a key held down, while one write runs is dropped rather than queued — queued, it would send the
/// same reply twice — and the user is read from the circuit at that moment, so an account disabled or a role removed
/// since the page loaded acts with what it has now. One per component: a busy thread pane does not block the list.
/// </summary>
public sealed class ActionGate(CurrentUserAccessor me)
{
    /// <summary>A write is running: buttons show disabled.</summary>
    public bool IsBusy { get; private set; }

    /// <summary>Runs <paramref name="action"/> unless another runs; answers null when it was dropped.</summary>
    public async Task<ActionOutcome?> RunAsync(Func<AppActor, Task<ActionOutcome>> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        return await RunAsync(async () => await action((await me.GetAsync(cancellationToken)).Actor));
    }

    /// <summary>Runs work that needs no actor (loading a draft, retrying a write) under the same one-at-a-time rule.</summary>
    public async Task<T?> RunAsync<T>(Func<Task<T>> work)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(work);
        if (IsBusy)
        {
            return null;
        }

        IsBusy = true;
        try
        {
            return await work();
        }
        finally
        {
            IsBusy = false;
        }
    }
}
