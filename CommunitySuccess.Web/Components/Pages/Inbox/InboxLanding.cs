namespace CommunitySuccess.Web.Components.Pages.Inbox;

/// <summary>
/// "/" leads an engineer to the inbox when they arrive, once per connection: the Home link in the navigation
/// still shows the home page afterwards.
/// </summary>
public sealed class InboxLanding
{
    private bool _led;

    /// <summary>True the first time it is asked in this connection.</summary>
    public bool TryLead()
    {
        if (_led)
        {
            return false;
        }

        _led = true;
        return true;
    }
}

public static class InboxPagesServiceCollectionExtensions
{
    /// <summary>Per-connection state of the inbox pages.</summary>
    public static IServiceCollection AddInboxPages(this IServiceCollection services) => services.AddScoped<InboxLanding>();
}
