namespace CommunitySuccess.Tests.TestSupport;

/// <summary>
/// The published Slack and GitHub payloads in <c>../shared/fixtures</c> (beside the repository root).
/// Found by walking up from the test binaries, so it works in a worktree and in CI's fresh clone alike.
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
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "fixtures");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            $"shared/fixtures was not found above {AppContext.BaseDirectory}; the repository expects ../shared beside it.");
    }
}
