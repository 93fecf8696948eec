using System.Text.Json.Nodes;

namespace CommunitySuccess.Tests.Sandbox.GitHub;

/// <summary>The shape comparer the wire-format tests rely on does find what differs.</summary>
public sealed class JsonShapeTests
{
    private static JsonNode Parse(string json) => JsonNode.Parse(json)!;

    [Fact]
    public void Differences_MissingNestedField_IsReportedWithItsPath()
    {
        var problems = JsonShape.Differences(Parse("""{"user":{"login":"a","id":1}}"""), Parse("""{"user":{"login":"b"}}"""));

        Assert.Equal(["$.user.id: missing"], problems);
    }

    [Fact]
    public void Differences_OtherKindInAnArrayItem_IsReported()
    {
        var problems = JsonShape.Differences(Parse("""{"labels":[{"id":1}]}"""), Parse("""{"labels":[{"id":"1"}]}"""));

        Assert.Equal(["$.labels[0].id: GitHub has number, we have string"], problems);
    }

    [Fact]
    public void Differences_NullOnEitherSideExtraFieldsAndIgnoredPaths_AreAccepted()
    {
        var sample = Parse("""{"body":null,"closed_at":"2022-07-19T04:39:16Z","installation":{"id":1}}""");
        var ours = Parse("""{"body":"text","closed_at":null,"extra":true}""");

        Assert.Empty(JsonShape.Differences(sample, ours, new HashSet<string> { "$.installation" }));
    }
}
