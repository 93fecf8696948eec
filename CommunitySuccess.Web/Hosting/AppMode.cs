using CommunitySuccess.Core.Data;
using CommunitySuccess.Web.DemoMode;

namespace CommunitySuccess.Web.Hosting;

/// <summary>What kind of run this is, decided once from configuration before services are built.</summary>
public sealed record AppMode(bool IsDemo, string ConnectionString)
{
    public static AppMode From(IConfiguration configuration, string contentRoot)
    {
        var tokensMissing = string.IsNullOrEmpty(configuration["Slack:BotToken"]) && string.IsNullOrEmpty(configuration["GitHub:Token"]);
        var isDemo = ReadEnabled(configuration) ?? tokensMissing;
        // Demo mode keeps its data in a file of its own, so trying the demo never touches real data.
        var connectionString = isDemo
            ? configuration.GetConnectionString("Demo") ?? SandboxOptions.DemoConnectionString
            : configuration.GetConnectionString("Default") ?? DatabaseOptions.DefaultConnectionString;
        return new AppMode(isDemo, SqliteDatabase.PrepareConnectionString(connectionString, contentRoot));
    }

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
