namespace CommunitySuccess.Tests.TestSupport;

/// <summary>
/// The published Slack and GitHub payloads kept in the repository under <c>CommunitySuccess.Tests/Fixtures</c>
/// (provenance and licences in its README.md and LICENSES.md). The build copies them next to the test binaries,
/// so a clone alone runs its tests; nothing outside the repository is read.
/// </summary>
public static class Fixtures
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string RootDirectory => Root.Value;

    public static string PathOf(string relativePath) => Path.Combine(Root.Value, relativePath);

    public static string Read(string relativePath) => File.ReadAllText(PathOf(relativePath));

    public static IEnumerable<string> Files(string relativeDirectory) =>
        Directory.EnumerateFiles(PathOf(relativeDirectory), "*.json").Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "Fixtures");
        if (File.Exists(Path.Combine(copied, "README.md")))
        {
            return copied;
        }

        throw new DirectoryNotFoundException(
            $"The fixtures were not copied to {copied}; CommunitySuccess.Tests.csproj copies Fixtures/** to the output directory.");
    }
}
