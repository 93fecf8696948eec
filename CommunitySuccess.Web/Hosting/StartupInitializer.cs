using CommunitySuccess.Core.Accounts;
using CommunitySuccess.Core.Data;

namespace CommunitySuccess.Web.Hosting;

/// <summary>
/// Runs before the server takes requests (hosted services start before Kestrel, after options validation):
/// migrations, then the roles and the configured first admin. Later features add their seeding and first sync here.
/// </summary>
public sealed class StartupInitializer(DatabaseInitializer database, AdminBootstrapper admin) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.InitializeAsync(cancellationToken);
        await admin.RunAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
