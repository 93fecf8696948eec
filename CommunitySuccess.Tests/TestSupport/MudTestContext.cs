using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace CommunitySuccess.Tests.TestSupport;

/// <summary>
/// The one bUnit context for MudBlazor components: MudBlazor's services, and JS interop in loose mode (MudBlazor
/// and our pages call the browser for focus, scrolling and the keyboard, which a test does not need to answer).
/// Derive a test class from it, or create one per test.
/// </summary>
public class MudTestContext : BunitContext
{
    public MudTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    /// <summary>
    /// "Me" for pages, as the app resolves it: the signed-in claims bUnit's authorization sets, turned into a current
    /// user by the Core services of <paramref name="core"/> (its team list decides the member).
    /// </summary>
    protected void AddCurrentUser(IServiceProvider core)
    {
        Services.AddSingleton(core.GetRequiredService<CommunitySuccess.Core.Shared.CurrentUserResolver>());
        Services.AddScoped<CommunitySuccess.Web.Accounts.CurrentUserAccessor>();
        Services.AddTransient<CommunitySuccess.Web.Components.Actions.ActionGate>();
    }

    /// <summary>Where menus, selects and tooltips render, once <see cref="RenderMudProviders"/> ran.</summary>
    public IRenderedComponent<MudPopoverProvider>? Popovers { get; private set; }

    /// <summary>Renders the providers pages expect from the layout; dialogs appear inside the returned provider.</summary>
    public IRenderedComponent<MudDialogProvider> RenderMudProviders()
    {
        Popovers = Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        return Render<MudDialogProvider>();
    }
}
