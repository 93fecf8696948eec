using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CommunitySuccess.Tests.TestSupport;

/// <summary>
/// Core services on a real, migrated SQLite file in a temporary folder, with a fake clock; the test adds what it needs.
/// Deletes the folder when disposed.
/// </summary>
public sealed class CoreTestServices : IAsyncDisposable
{
    private readonly string _directory;

    private CoreTestServices(ServiceProvider services, FakeTimeProvider time, string directory)
    {
        Services = services;
        Time = time;
        _directory = directory;
    }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Time { get; }

    public static async Task<CoreTestServices> StartAsync(DateTimeOffset now, Action<IServiceCollection>? configure = null)
    {
        var directory = Directory.CreateTempSubdirectory("cs-core-").FullName;
        var time = new FakeTimeProvider(now);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Critical));
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<ChangeNotifier>();
        services.AddAppDatabase($"Data Source={Path.Combine(directory, "app.db")}");
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync(TestContext.Current.CancellationToken);
        return new CoreTestServices(provider, time, directory);
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
