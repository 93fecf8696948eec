namespace CommunitySuccess.Web.Hosting;

/// <summary>
/// Keeps the HTTP client factory's per-request lines ("Sending HTTP request …", "Received HTTP response …") at
/// Warning, so a new user's terminal shows the syncs' own summaries rather than a line per Slack or GitHub call.
/// A level set for these categories in configuration (<c>Logging:LogLevel:System.Net.Http.HttpClient</c>) wins.
/// </summary>
public static class QuietHttpLogging
{
    /// <summary>The categories the HTTP client factory logs requests under (prefixes of the per-client categories).</summary>
    public static readonly IReadOnlyList<string> Categories = ["System.Net.Http.HttpClient", "Microsoft.Extensions.Http"];

    public static ILoggingBuilder KeepHttpClientLoggingQuiet(this ILoggingBuilder logging, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(logging);
        ArgumentNullException.ThrowIfNull(configuration);
        foreach (var category in Categories)
        {
            // A filter added in code would beat the configuration's rule for the same category: add it only when unset.
            if (string.IsNullOrEmpty(configuration[$"Logging:LogLevel:{category}"]))
            {
                logging.AddFilter(category, LogLevel.Warning);
            }
        }

        return logging;
    }
}
