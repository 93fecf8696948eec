using System.Net;
using System.Text.Json.Nodes;
using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using static CommunitySuccess.Tests.GitHub.GitHubGatewayHarness;

namespace CommunitySuccess.Tests.GitHub;

/// <summary>What the gateway's writes put on the wire, and how it reads GitHub's answers to them.</summary>
public sealed class OctokitGitHubGatewayWriteTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Triage 👀", "Triage%20%F0%9F%91%80")]
    [InlineData("Product review", "Product%20review")]
    [InlineData("needs/info 100%", "needs%2Finfo%20100%25")]
    [InlineData("C# #1?", "C%23%20%231%3F")]
    public async Task RemoveLabelAsync_NameWithSpacesEmojiOrReservedCharacters_IsOneEncodedPathSegment(string label, string encoded)
    {
        await using var harness = await AnsweringAsync("[]");

        await harness.Gateway.RemoveLabelAsync(Owner, Repo, 7, label, Ct);

        var request = Assert.Single(harness.Requests);
        Assert.Equal("DELETE", request.Method);
        Assert.Equal($"{RepoPath}/issues/7/labels/{encoded}", Assert.Single(harness.RawTargets));
        Assert.Equal($"{RepoPath}/issues/7/labels/{Uri.UnescapeDataString(encoded)}", Uri.UnescapeDataString(request.Path));
    }

    [Fact]
    public async Task RemoveLabelAsync_GitHubSaysLabelDoesNotExist_CountsAsRemoved()
    {
        await using var harness = await AnsweringAsync(
            """{"message":"Label does not exist","documentation_url":"https://docs.github.com/rest/issues/labels#remove-a-label-from-an-issue","status":"404"}""",
            StatusCodes.Status404NotFound);

        await harness.Gateway.RemoveLabelAsync(Owner, Repo, 7, "Triage 👀", Ct);

        Assert.Single(harness.Requests);
    }

    [Fact]
    public async Task RemoveLabelAsync_RepositoryNotFound_ThrowsNotRetryable()
    {
        await using var harness = await AnsweringAsync("""{"message":"Not Found","documentation_url":"https://docs.github.com/rest"}""", StatusCodes.Status404NotFound);

        var ex = await Assert.ThrowsAsync<GitHubGatewayException>(() => harness.Gateway.RemoveLabelAsync(Owner, Repo, 7, "Triage 👀", Ct));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Equal("Not Found", ex.GitHubMessage);
        Assert.False(ex.IsRetryable);
        Assert.Equal($"RemoveLabel {Owner}/{Repo}#7", ex.Operation);
    }

    [Theory]
    [InlineData(GitHubCloseReason.Completed, "completed")]
    [InlineData(GitHubCloseReason.NotPlanned, "not_planned")]
    public async Task CloseIssueAsync_Reason_PatchesStateAndReasonOnly(GitHubCloseReason reason, string stateReason)
    {
        var closed = JsonNode.Parse(Fixtures.Read("github/rest/issue.get.json"))!;
        closed["state"] = "closed";
        closed["state_reason"] = stateReason;
        closed["closed_at"] = "2024-05-01T12:00:00Z";
        await using var harness = await AnsweringAsync(closed.ToJsonString());

        var issue = await harness.Gateway.CloseIssueAsync(Owner, Repo, 1347, reason, Ct);

        var request = Assert.Single(harness.Requests);
        Assert.Equal("PATCH", request.Method);
        Assert.Equal($"{RepoPath}/issues/1347", request.Path);

        // Octokit's IssueUpdate would also send "milestone": null and clear the issue's milestone.
        Assert.Equal(new JsonObject { ["state"] = "closed", ["state_reason"] = stateReason }.ToJsonString(), request.Json!.ToJsonString());
        Assert.Equal("closed", issue.State);
        Assert.Equal(stateReason, issue.StateReason);
        Assert.Equal(new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc), issue.ClosedAt);
    }

    [Fact]
    public async Task CreateIssueAsync_TitleBodyLabels_PostsThemAndReadsTheRecordedAnswer()
    {
        await using var harness = await AnsweringAsync(Fixtures.Read("github/rest/issue.create.json"), StatusCodes.Status201Created);

        var issue = await harness.Gateway.CreateIssueAsync(Owner, Repo, "Crash on start", "Steps…\n<!-- cs:42 -->", ["Triage 👀", "bug"], Ct);

        var request = Assert.Single(harness.Requests);
        Assert.Equal("POST", request.Method);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        Assert.Equal("Crash on start", request.Json!["title"]!.GetValue<string>());
        Assert.Equal("Steps…\n<!-- cs:42 -->", request.Json!["body"]!.GetValue<string>());
        Assert.Equal(["Triage 👀", "bug"], request.Json!["labels"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.Null(request.Json!["assignees"]);
        Assert.Equal(1308967529, issue.Id);
        Assert.Equal(1, issue.Number);
        Assert.Null(issue.Body);
        Assert.Equal("MEMBER", issue.AuthorAssociation);
    }

    [Fact]
    public async Task CreateCommentAsync_Body_PostsItAndReadsTheComment()
    {
        await using var harness = await AnsweringAsync(Fixtures.Read("github/rest/issue_comment.create.json"), StatusCodes.Status201Created);

        var comment = await harness.Gateway.CreateCommentAsync(Owner, Repo, 1347, "Me too <!-- cs:7 -->", Ct);

        var request = Assert.Single(harness.Requests);
        Assert.Equal(new JsonObject { ["body"] = "Me too <!-- cs:7 -->" }.ToJsonString(), request.Json!.ToJsonString());
        Assert.Equal(1347, comment.IssueNumber);
        Assert.Equal("octocat", comment.AuthorLogin);
    }

    [Fact]
    public async Task AddLabelsAsync_Labels_PostsThemAndReturnsEveryLabelOnTheIssue()
    {
        await using var harness = await AnsweringAsync(Fixtures.Read("github/rest/issue_labels.add.json"));

        var labels = await harness.Gateway.AddLabelsAsync(Owner, Repo, 1, ["Foo", "bAr", "baZ"], Ct);

        Assert.Equal(["Foo", "bAr", "baZ"], labels);
        var body = Assert.Single(harness.Requests).Json!;
        var sent = body is JsonArray array ? array : body["labels"]!.AsArray();
        Assert.Equal(["Foo", "bAr", "baZ"], sent.Select(l => l!.GetValue<string>()));
    }

    [Fact]
    public async Task AssignAsync_Login_PostsAssigneesAndReturnsTheIssue()
    {
        await using var harness = await AnsweringAsync(Fixtures.Read("github/rest/issue.get.json"), StatusCodes.Status201Created);

        var issue = await harness.Gateway.AssignAsync(Owner, Repo, 1347, "octocat", Ct);

        var request = Assert.Single(harness.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"{RepoPath}/issues/1347/assignees", request.Path);
        Assert.Equal(["octocat"], request.Json!["assignees"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Contains("octocat", issue.Assignees);
    }

    [Fact]
    public async Task FindCommentWithTagAsync_TaggedCommentOnSecondPage_ReturnsIt()
    {
        GitHubGatewayHarness? self = null;
        await using var harness = self = await StartAsync((context, _) =>
        {
            var comment = JsonNode.Parse(Fixtures.Read("github/rest/issue_comments.list.json"))!.AsArray()[0]!;
            if (context.Request.Query["page"] == "2")
            {
                comment["id"] = 9_000_000_002L;
                comment["body"] = "Thanks for the report!\n\n<!-- cs:123 -->";
                return WriteJsonAsync(context, new JsonArray(comment.DeepClone()).ToJsonString());
            }

            comment["body"] = "An earlier comment mentioning cs:1234 in plain text <!-- cs:1234 -->";
            return WriteJsonAsync(context, new JsonArray(comment.DeepClone()).ToJsonString(), headers: new Dictionary<string, string>
            {
                ["Link"] = $"<{self!.ApiRoot}repositories/1296269/issues/1347/comments?page=2>; rel=\"next\"",
            });
        });

        var found = await harness.Gateway.FindCommentWithTagAsync(Owner, Repo, 1347, "<!-- cs:123 -->", Ct);

        Assert.NotNull(found);
        Assert.Equal(9_000_000_002L, found.Id);
        Assert.Equal(1347, found.IssueNumber);
        Assert.Equal($"{RepoPath}/issues/1347/comments", harness.Requests[0].Path);
        Assert.Equal(2, harness.Requests.Count);
    }

    [Fact]
    public async Task FindCommentWithTagAsync_NoCommentCarriesTheTag_ReturnsNull()
    {
        await using var harness = await AnsweringAsync(Fixtures.Read("github/rest/issue_comments.list.json"));

        Assert.Null(await harness.Gateway.FindCommentWithTagAsync(Owner, Repo, 1347, "<!-- cs:123 -->", Ct));
    }
}
