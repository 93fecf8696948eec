using System.Globalization;

namespace CommunitySuccess.Core.GitHub;

/// <summary>The <c>owner/repo#number</c> keys the desk tags issues and outbox writes with.</summary>
public static class GitHubIssueKeys
{
    /// <summary>Reads <c>owner/repo#number</c>; false for anything else (a thread's write has no key).</summary>
    public static bool TryParse(string? key, out string repository, out int number)
    {
        repository = "";
        number = 0;
        var hash = key?.LastIndexOf('#') ?? -1;
        if (key is null || hash <= 0 || !key[..hash].Contains('/', StringComparison.Ordinal)
            || !int.TryParse(key.AsSpan(hash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out number) || number <= 0)
        {
            return false;
        }

        repository = key[..hash];
        return true;
    }
}
