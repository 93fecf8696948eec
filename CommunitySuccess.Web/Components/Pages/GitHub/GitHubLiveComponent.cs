using CommunitySuccess.Core.Notifications;
using Microsoft.AspNetCore.Components;

namespace CommunitySuccess.Web.Components.Pages.GitHub;

/// <summary>
/// A GitHub-desk component that re-reads its data when the change notifier reports something it shows (a sync, a
/// webhook, an outbox write sent), re-rendering through <c>InvokeAsync</c>; a burst of changes costs one refresh more
/// at most. Unsubscribes on dispose.
/// </summary>
public abstract class GitHubLiveComponent : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private bool _refreshing;
    private bool _again;

    [Inject]
    protected ChangeNotifier Notifier { get; set; } = default!;

    /// <summary>Cancelled when the component goes away.</summary>
    protected CancellationToken Stopping => _stopping.Token;

    /// <summary>Whether a change concerns what this component shows.</summary>
    protected abstract bool Wants(Change change);

    /// <summary>Re-reads the data after a wanted change.</summary>
    protected abstract Task RefreshAsync();

    protected override void OnInitialized() => Notifier.Changed += OnChanged;

    private void OnChanged(Change change)
    {
        if (_stopping.IsCancellationRequested || !Wants(change))
        {
            return;
        }

        _ = InvokeAsync(RefreshFromChangeAsync);
    }

    private async Task RefreshFromChangeAsync()
    {
        if (_refreshing)
        {
            _again = true;
            return;
        }

        _refreshing = true;
        try
        {
            do
            {
                _again = false;
                if (_stopping.IsCancellationRequested)
                {
                    return;
                }

                await RefreshAsync();
                StateHasChanged();
            }
            while (_again);
        }
        catch (OperationCanceledException)
        {
            // The page closed mid-refresh.
        }
        catch (ObjectDisposedException)
        {
            // The circuit went away mid-refresh.
        }
        finally
        {
            _refreshing = false;
        }
    }

    public void Dispose()
    {
        Notifier.Changed -= OnChanged;
        _stopping.Cancel();
        _stopping.Dispose();
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
