using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Notifications;
using CommunitySuccess.Core.Shared;
using CommunitySuccess.Web.Components.Actions;
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

    /// <summary>Runs the component's writes one at a time, as whoever is signed in when each runs.</summary>
    [Inject]
    protected ActionGate Gate { get; set; } = default!;

    /// <summary>What the last action said: its success text, or why it was refused.</summary>
    protected string? ResultMessage { get; set; }

    /// <summary>Whether <see cref="ResultMessage"/> is a refusal.</summary>
    protected bool ResultIsError { get; set; }

    /// <summary>Cancelled when the component goes away.</summary>
    protected CancellationToken Stopping => _stopping.Token;

    /// <summary>Whether a change concerns what this component shows.</summary>
    protected abstract bool Wants(Change change);

    /// <summary>Re-reads the data after a wanted change.</summary>
    protected abstract Task RefreshAsync();

    protected override void OnInitialized() => Notifier.Changed += OnChanged;

    /// <summary>Shows an outcome (or a message of the component's own) in the result line.</summary>
    protected void ShowResult(bool succeeded, string? message)
    {
        ResultIsError = !succeeded;
        ResultMessage = message;
    }

    /// <summary>
    /// Runs a write through <see cref="Gate"/>, shows what it did (or why not) and re-reads the data. Answers null when the
    /// write was dropped because another one runs.
    /// </summary>
    protected async Task<ActionOutcome?> RunActionAsync(Func<AppActor, Task<ActionOutcome>> action, Func<ActionOutcome, string> success)
    {
        ArgumentNullException.ThrowIfNull(success);
        if (await Gate.RunAsync(action, Stopping) is not { } result)
        {
            return null;
        }

        ShowResult(result.Succeeded, result.Succeeded ? success(result) : result.Error);
        await RefreshAsync();
        return result;
    }

    /// <inheritdoc cref="RunActionAsync(Func{AppActor, Task{ActionOutcome}}, Func{ActionOutcome, string})"/>
    protected Task<ActionOutcome?> RunActionAsync(Func<AppActor, Task<ActionOutcome>> action, string success) => RunActionAsync(action, _ => success);

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
