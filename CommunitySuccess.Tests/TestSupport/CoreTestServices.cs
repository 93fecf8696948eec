using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CommunitySuccess.Tests.TestSupport;

/// <summary>
/// Core services on a real, migrated database (a SQLite file in a temporary folder, or a PostgreSQL database), with a fake clock; the test adds what it needs.
/// Deletes the folder when disposed.
/// </summary>
public sealed class CoreTestServices : IAsyncDisposable
{
    private readonly string _directory;

    private readonly TestDatabase _database;

    private CoreTestServices(ServiceProvider services, FakeTimeProvider time, string directory, TestDatabase database)
    {
        Services = services;
        Time = time;
        _directory = directory;
        _database = database;
    }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Time { get; }

    public static async Task<CoreTestServices> StartAsync(
        DateTimeOffset now, Action<IServiceCollection>? configure = null, TestProvider provider = TestProvider.Sqlite)
    {
        var directory = Directory.CreateTempSubdirectory("cs-core-").FullName;
        var database = TestDatabase.Create(provider, directory);
        var time = new FakeTimeProvider(now);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Critical));
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<ChangeNotifier>();
        services.AddAppDatabase(database.Settings);
        configure?.Invoke(services);
        var serviceProvider = services.BuildServiceProvider();
        await serviceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(TestContext.Current.CancellationToken);
        return new CoreTestServices(serviceProvider, time, directory, database);
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
