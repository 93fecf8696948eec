using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace CommunitySuccess.Web.Hosting;

/// <summary>
/// The repository-root <c>appsettings.json</c> is the one file users edit. The build copies it next to the app
/// (run, test host and publish alike); this puts it where ASP.NET Core would read its own appsettings.json, so
/// environment variables (<c>A__B</c>), user secrets and the command line still override it.
/// </summary>
public static class RootAppSettings
{
    public const string FileName = "appsettings.json";

    public static void Use(ConfigurationManager configuration, string contentRoot)
    {
        var sources = configuration.Sources;
        var path = Path.Combine(AppContext.BaseDirectory, FileName);
        if (!File.Exists(path))
        {
            path = Path.Combine(contentRoot, FileName);
        }

        var firstJson = sources.Select((source, index) => (source, index)).FirstOrDefault(s => s.source is JsonConfigurationSource).index;
        var rootFile = new JsonConfigurationSource
        {
            Path = Path.GetFileName(path),
            Optional = true,
            ReloadOnChange = false,
            FileProvider = new PhysicalFileProvider(Path.GetDirectoryName(path)!),
        };
        sources.Insert(firstJson, rootFile);
    }
}
