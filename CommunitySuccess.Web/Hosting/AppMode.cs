using CommunitySuccess.Core.Data;
using CommunitySuccess.Web.DemoMode;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Web.Hosting;

/// <summary>What kind of run this is, decided once from configuration before services are built.</summary>
public sealed record AppMode(bool IsDemo, DatabaseSettings Database)
{
    public string ConnectionString => Database.ConnectionString;

    /// <summary>Throws <see cref="OptionsValidationException"/> naming the key when the database settings are wrong.</summary>
    public static AppMode From(IConfiguration configuration, string contentRoot)
    {
        var tokensMissing = string.IsNullOrEmpty(configuration["Slack:BotToken"]) && string.IsNullOrEmpty(configuration["GitHub:Token"]);
        var isDemo = ReadEnabled(configuration) ?? tokensMissing;
        var rawProvider = configuration[$"{DatabaseOptions.SectionName}:Provider"];
        var provider = DatabaseSettings.ParseProvider(rawProvider) ?? throw Invalid(DatabaseSettings.UnknownProviderError(rawProvider));
        // Demo mode keeps its data in a database of its own, so trying the demo never touches real data.
        var key = isDemo ? "Demo" : "Default";
        var configured = configuration.GetConnectionString(key);
        if (provider == DatabaseProvider.Postgres)
        {
            return string.IsNullOrWhiteSpace(configured)
                ? throw Invalid($"ConnectionStrings:{key} must be set to a PostgreSQL connection string when Database:Provider is Postgres.")
                : new AppMode(isDemo, new DatabaseSettings(provider, configured));
        }

        var connectionString = configured ?? (isDemo ? SandboxOptions.DemoConnectionString : DatabaseOptions.DefaultConnectionString);
        return new AppMode(isDemo, new DatabaseSettings(provider, SqliteDatabase.PrepareConnectionString(connectionString, contentRoot)));
    }

    private static OptionsValidationException Invalid(string message) =>
        new(DatabaseOptions.SectionName, typeof(DatabaseOptions), [message]);

    private static bool? ReadEnabled(IConfiguration configuration)
    {
        var raw = configuration["Sandbox:Enabled"];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        return bool.TryParse(raw, out var enabled)
            ? enabled
            : throw new InvalidOperationException($"Sandbox:Enabled must be true or false, not '{raw}'.");
    }
}
