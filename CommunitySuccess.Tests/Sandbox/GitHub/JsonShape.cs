using System.Text.Json;
using System.Text.Json.Nodes;

namespace CommunitySuccess.Tests.Sandbox.GitHub;

/// <summary>
/// Compares the shape of our JSON with a published GitHub sample: every field of the sample must exist in ours, with
/// the same JSON kind wherever both are non-null (null stands for "nullable" on either side), recursively into
/// objects and into the first element of arrays that are non-empty on both sides.
/// </summary>
internal static class JsonShape
{
    /// <returns>Every difference as "path: problem"; empty when ours covers the sample.</returns>
    public static IReadOnlyList<string> Differences(JsonNode? sample, JsonNode? ours, IReadOnlySet<string>? ignoredPaths = null)
    {
        var problems = new List<string>();
        Compare(sample, ours, "$", ignoredPaths ?? new HashSet<string>(), problems);
        return problems;
    }

    public static void AssertCovers(JsonNode? sample, JsonNode? ours, params string[] ignoredPaths)
    {
        var problems = Differences(sample, ours, ignoredPaths.ToHashSet(StringComparer.Ordinal));
        Assert.True(problems.Count == 0, "Our JSON does not match GitHub's sample:\n" + string.Join('\n', problems));
    }

    private static void Compare(JsonNode? sample, JsonNode? ours, string path, IReadOnlySet<string> ignored, List<string> problems)
    {
        if (ignored.Contains(path) || sample is null || ours is null)
        {
            return;
        }

        switch (sample)
        {
            case JsonObject sampleObject when ours is JsonObject ourObject:
                foreach (var (key, value) in sampleObject)
                {
                    var childPath = $"{path}.{key}";
                    if (ignored.Contains(childPath))
                    {
                        continue;
                    }

                    if (!ourObject.TryGetPropertyValue(key, out var ourValue))
                    {
                        problems.Add($"{childPath}: missing");
                        continue;
                    }

                    Compare(value, ourValue, childPath, ignored, problems);
                }

                break;
            case JsonArray sampleArray when ours is JsonArray ourArray:
                if (sampleArray.Count > 0 && ourArray.Count > 0)
                {
                    Compare(sampleArray[0], ourArray[0], path + "[0]", ignored, problems);
                }

                break;
            case JsonValue when ours is JsonValue && Kind(sample) == Kind(ours):
                break;
            default:
                problems.Add($"{path}: GitHub has {Kind(sample)}, we have {Kind(ours)}");
                break;
        }
    }

    private static string Kind(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        var kind => kind.ToString().ToLowerInvariant(),
    };
}
