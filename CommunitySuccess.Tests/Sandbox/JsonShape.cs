using System.Text.Json;

namespace CommunitySuccess.Tests.Sandbox;

/// <summary>Compares JSON shapes (field names and value kinds), not values, against Slack's published samples.</summary>
internal static class JsonShape
{
    /// <summary>Every field of <paramref name="expected"/> is in <paramref name="actual"/> with the same kind (null in the sample matches anything).</summary>
    public static void AssertHasShapeOf(JsonElement expected, JsonElement actual, params string[] ignoredPaths)
    {
        var problems = new List<string>();
        Covers(expected, actual, "$", [.. ignoredPaths], problems);
        Assert.True(problems.Count == 0, "Shape differs from the Slack sample:\n" + string.Join('\n', problems) + "\nactual: " + actual);
    }

    /// <summary>Every field of <paramref name="actual"/> is known to <paramref name="union"/> (a union-of-all-fields sample) with the same kind.</summary>
    public static void AssertFieldsKnownTo(JsonElement union, JsonElement actual, params string[] ignoredPaths)
    {
        var problems = new List<string>();
        Covers(actual, union, "$", [.. ignoredPaths], problems, reverse: true);
        Assert.True(problems.Count == 0, "Fields Slack does not send:\n" + string.Join('\n', problems) + "\nactual: " + actual);
    }

    private static void Covers(JsonElement expected, JsonElement actual, string path, HashSet<string> ignored, List<string> problems, bool reverse = false)
    {
        if (ignored.Contains(path) || expected.ValueKind == JsonValueKind.Null || (reverse && actual.ValueKind == JsonValueKind.Null))
        {
            return;
        }

        if (Kind(expected) != Kind(actual))
        {
            problems.Add($"{path}: {(reverse ? "sample" : "expected")} {Kind(reverse ? actual : expected)}, {(reverse ? "sent" : "got")} {Kind(reverse ? expected : actual)}");
            return;
        }

        if (expected.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in expected.EnumerateObject())
            {
                var childPath = $"{path}.{property.Name}";
                if (ignored.Contains(childPath))
                {
                    continue;
                }

                if (!actual.TryGetProperty(property.Name, out var child))
                {
                    problems.Add($"{childPath}: {(reverse ? "not in the sample" : "missing")}");
                    continue;
                }

                Covers(property.Value, child, childPath, ignored, problems, reverse);
            }
        }
        else if (expected.ValueKind == JsonValueKind.Array)
        {
            var expectedItems = expected.EnumerateArray().ToList();
            var actualItems = actual.EnumerateArray().ToList();
            if (reverse)
            {
                // Each sent element must fit the sample's element shape.
                foreach (var item in expectedItems.Where(_ => actualItems.Count > 0))
                {
                    Covers(item, actualItems[0], path + "[]", ignored, problems, reverse);
                }
            }
            else
            {
                for (var i = 0; i < actualItems.Count && expectedItems.Count > 0; i++)
                {
                    Covers(expectedItems[Math.Min(i, expectedItems.Count - 1)], actualItems[i], path + "[]", ignored, problems, reverse);
                }
            }
        }
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        var kind => kind.ToString().ToLowerInvariant(),
    };
}
