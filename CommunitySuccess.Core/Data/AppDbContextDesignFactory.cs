using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CommunitySuccess.Core.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the model without starting the web app. SQLite by default;
/// <c>-- --provider Postgres</c> builds PostgreSQL's (see the README for the full command).
/// </summary>
public sealed class AppDbContextDesignFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var postgres = args is not null && args.SkipWhile(a => a != "--provider").Skip(1).FirstOrDefault() is { } name
            && DatabaseSettings.ParseProvider(name) == DatabaseProvider.Postgres;
        var settings = postgres
            ? new DatabaseSettings(DatabaseProvider.Postgres, "Host=localhost;Database=design_time")
            : new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=design-time.db");
        var options = new DbContextOptionsBuilder<AppDbContext>();
        AppDatabaseOptions.Configure(options, settings);
        return new(options.Options);
    }
}
