using System.Net;
using System.Text.Json.Nodes;
using CommunitySuccess.Tests.TestSupport;

namespace CommunitySuccess.Tests.Sandbox.GitHub;

/// <summary>Labels on issues, including names with spaces and emoji sent URL-encoded.</summary>
public sealed class GitHubApiLabelsTests
{
    private const string Triage = "Triage 👀";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(GitHubSandboxHost Host, int Number)> StartWithIssueAsync(params string[] labels)
    {
        var host = await GitHubSandboxHost.StartDemoAsync();
        var number = host.State.OpenIssue("acme", "widgets", "olivia-brown", "A label test", "Body", labels);
        return (host, number);
    }

    [Fact]
    public async Task RemoveLabel_EmojiNameUrlEncoded_RemovesItAndAnswersTheRest()
    {
        var (host, number) = await StartWithIssueAsync(Triage, "bug");
        await using var _ = host;

        var response = await host.Client.DeleteAsync($"repos/acme/widgets/issues/{number}/labels/{Uri.EscapeDataString(Triage)}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rest = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsArray();
        Assert.Equal(["bug"], rest.Select(l => l!["name"]!.GetValue<string>()));
        Assert.Equal(["bug"], host.State.GetIssue("acme", "widgets", number)!.Labels);
    }

    [Fact]
    public async Task RemoveLabel_NotOnTheIssue_Answers404LabelDoesNotExist()
    {
        var (host, number) = await StartWithIssueAsync("bug");
        await using var _ = host;

        var response = await host.Client.DeleteAsync($"repos/acme/widgets/issues/{number}/labels/{Uri.EscapeDataString(Triage)}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal("Label does not exist", body["message"]!.GetValue<string>());
        Assert.Equal("https://docs.github.com/rest/issues/labels#remove-a-label-from-an-issue", body["documentation_url"]!.GetValue<string>());
        Assert.Equal(["bug"], host.State.GetIssue("acme", "widgets", number)!.Labels);
    }

    [Fact]
    public async Task AddLabels_ObjectBody_AddsAndAnswersTheRecordedLabelList()
    {
        var (host, number) = await StartWithIssueAsync();
        await using var _ = host;

        var (response, json) = await host.SendJsonAsync(HttpMethod.Post, $"repos/acme/widgets/issues/{number}/labels", """{"labels":["Product review","Foo"]}""", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var labels = json!.AsArray();
        JsonShape.AssertCovers(JsonNode.Parse(Fixtures.Read("github/rest/issue_labels.add.json"))![0], labels[0]);
        Assert.Equal(["Product review", "Foo"], labels.Select(l => l!["name"]!.GetValue<string>()));
        var created = host.State.GetLabels("acme", "widgets").Single(l => l.Name == "Foo");
        Assert.Equal("ededed", created.Color);
    }

    [Fact]
    public async Task AddLabels_BareArrayBody_IsAcceptedLikeGitHub()
    {
        var (host, number) = await StartWithIssueAsync("bug");
        await using var _ = host;

        var (response, json) = await host.SendJsonAsync(HttpMethod.Post, $"repos/acme/widgets/issues/{number}/labels", """["Triage 👀"]""", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["bug", Triage], json!.AsArray().Select(l => l!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task SetLabels_Put_ReplacesTheSet()
    {
        var (host, number) = await StartWithIssueAsync(Triage, "bug");
        await using var _ = host;

        var (response, json) = await host.SendJsonAsync(HttpMethod.Put, $"repos/acme/widgets/issues/{number}/labels", """{"labels":["Community","Open to contribution"]}""", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["Community", "Open to contribution"], json!.AsArray().Select(l => l!["name"]!.GetValue<string>()));
        Assert.Equal(["Community", "Open to contribution"], host.State.GetIssue("acme", "widgets", number)!.Labels);
    }

    [Fact]
    public async Task RemoveAllLabels_Delete_Answers204AndClears()
    {
        var (host, number) = await StartWithIssueAsync(Triage, "bug");
        await using var _ = host;

        var response = await host.Client.DeleteAsync($"repos/acme/widgets/issues/{number}/labels", Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(host.State.GetIssue("acme", "widgets", number)!.Labels);
    }

    [Fact]
    public async Task UpdateIssue_LabelsAndStateReason_AppliesBoth()
    {
        var (host, number) = await StartWithIssueAsync(Triage);
        await using var _ = host;

        var (response, json) = await host.SendJsonAsync(
            HttpMethod.Patch,
            $"repos/acme/widgets/issues/{number}",
            """{"state":"closed","state_reason":"not_planned","labels":["wontfix"],"assignees":["ana-lima","nobody-at-all"]}""",
            Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("closed", json!["state"]!.GetValue<string>());
        Assert.Equal("not_planned", json["state_reason"]!.GetValue<string>());
        Assert.Equal("acme-community-bot", json["closed_by"]!["login"]!.GetValue<string>());
        var issue = host.State.GetIssue("acme", "widgets", number)!;
        Assert.Equal(["wontfix"], issue.Labels);
        Assert.Equal(["ana-lima"], issue.Assignees);
        Assert.NotNull(issue.ClosedAt);
    }

    [Fact]
    public async Task UpdateIssue_Reopen_SetsStateReasonReopened()
    {
        var (host, number) = await StartWithIssueAsync();
        await using var _ = host;
        host.State.Close("acme", "widgets", number, "ana-lima");

        var (_, json) = await host.SendJsonAsync(HttpMethod.Patch, $"repos/acme/widgets/issues/{number}", """{"state":"open"}""", Ct);

        Assert.Equal("open", json!["state"]!.GetValue<string>());
        Assert.Equal("reopened", json["state_reason"]!.GetValue<string>());
        Assert.Null(json["closed_at"]);
    }

    [Fact]
    public async Task GetLabel_EmojiName_FoundByEncodedName()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();

        var (response, json) = await host.GetAsync($"repos/acme/widgets/labels/{Uri.EscapeDataString(Triage)}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Triage, json!["name"]!.GetValue<string>());
    }
}
