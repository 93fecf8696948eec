using System.Text.Json;
using System.Text.Json.Nodes;
using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Tests.TestSupport;

namespace CommunitySuccess.Tests.GitHub;

public sealed class GitHubWebhooksTests
{
    public static TheoryData<string> WebhookFixtures => [.. Fixtures.Files("github/webhooks").Select(Path.GetFileName).OfType<string>()];

    private static readonly Dictionary<string, Type> EventTypes = new(StringComparer.Ordinal)
    {
        ["ping"] = typeof(GitHubPingEvent),
        ["issues"] = typeof(GitHubIssuesEvent),
        ["issue_comment"] = typeof(GitHubIssueCommentEvent),
        ["pull_request"] = typeof(GitHubPullRequestEvent),
        ["pull_request_review"] = typeof(GitHubPullRequestReviewEvent),
        ["release"] = typeof(GitHubReleaseEvent),
        ["label"] = typeof(GitHubLabelEvent),
    };

    [Theory]
    [MemberData(nameof(WebhookFixtures))]
    public void Parse_EveryWebhookFixture_IsItsTypedEventWithActionAndRepository(string file)
    {
        // Files are named <event>.<action>.json (ping.json has no action).
        var parts = file[..^".json".Length].Split('.');
        var json = Fixtures.Read($"github/webhooks/{file}");
        var node = JsonNode.Parse(json)!;

        var parsed = GitHubWebhooks.Parse(parts[0], json);

        Assert.IsType(EventTypes[parts[0]], parsed);
        Assert.Equal(parts[0], parsed.EventName);
        Assert.Equal(parts.Length > 1 ? parts[1] : "", parsed.Action);
        Assert.Equal(node["repository"]!["full_name"]!.GetValue<string>(), parsed.Repository);
        Assert.Equal(node["sender"]!["login"]!.GetValue<string>(), parsed.SenderLogin);
    }

    [Fact]
    public void Parse_IssuesClosedWith64BitId_KeepsIdReasonAndNullBody()
    {
        var parsed = Assert.IsType<GitHubIssuesEvent>(GitHubWebhooks.Parse("issues", Fixtures.Read("github/webhooks/issues.closed.json")));

        Assert.Equal(3878718400L, parsed.Issue.Id);
        Assert.Equal(8, parsed.Issue.Number);
        Assert.Equal("Bug related to the bot", parsed.Issue.Title);
        Assert.Null(parsed.Issue.Body);
        Assert.Equal("closed", parsed.Issue.State);
        Assert.Equal("completed", parsed.Issue.StateReason);
        Assert.Equal(new DateTime(2026, 1, 31, 8, 11, 37, DateTimeKind.Utc), parsed.Issue.ClosedAt);
        Assert.Equal("OWNER", parsed.Issue.AuthorAssociation);
        Assert.False(parsed.Issue.IsPullRequest);
        Assert.Null(parsed.Label);
    }

    [Fact]
    public void Parse_IssuesOpened_MapsTheWholeIssue()
    {
        var parsed = Assert.IsType<GitHubIssuesEvent>(GitHubWebhooks.Parse("issues", Fixtures.Read("github/webhooks/issues.opened.json")));

        var expected = new GitHubIssueRecord(
            444500041, 1, "Spelling error in the README file", "It looks like you accidently spelled 'commit' with two 't's.", "open", null,
            "Codertocat", false, parsed.Issue.Labels, parsed.Issue.Assignees, 0, 0, 0,
            new DateTime(2019, 5, 15, 15, 20, 18, DateTimeKind.Utc), new DateTime(2019, 5, 15, 15, 20, 18, DateTimeKind.Utc), null,
            "https://github.com/Codertocat/Hello-World/issues/1", "OWNER");
        Assert.Equal(expected, parsed.Issue);
        Assert.Equal(["Codertocat"], parsed.Issue.Assignees);
        Assert.Equal("Codertocat/Hello-World", parsed.Repository);
    }

    [Theory]
    [InlineData("issues.labeled.json", "labeled")]
    [InlineData("issues.unlabeled.json", "unlabeled")]
    public void Parse_IssuesLabeledOrUnlabeled_NamesTheLabel(string file, string action)
    {
        var parsed = Assert.IsType<GitHubIssuesEvent>(GitHubWebhooks.Parse("issues", Fixtures.Read($"github/webhooks/{file}")));

        Assert.Equal(action, parsed.Action);
        Assert.Equal("bug", parsed.Label);
    }

    [Fact]
    public void Parse_IssueCommentCreated_GivesCommentAndIssueNumber()
    {
        var parsed = Assert.IsType<GitHubIssueCommentEvent>(GitHubWebhooks.Parse("issue_comment", Fixtures.Read("github/webhooks/issue_comment.created.json")));

        Assert.Equal(1, parsed.IssueNumber);
        Assert.Equal(
            new GitHubCommentRecord(492700400, 1, "Codertocat", "You are totally right! I'll get this fixed right away.",
                new DateTime(2019, 5, 15, 15, 20, 21, DateTimeKind.Utc), new DateTime(2019, 5, 15, 15, 20, 21, DateTimeKind.Utc),
                "https://github.com/Codertocat/Hello-World/issues/1#issuecomment-492700400"),
            parsed.Comment);
        Assert.False(parsed.Issue.IsPullRequest);
    }

    [Theory]
    [InlineData("pull_request.opened.json", "open")]
    [InlineData("pull_request.closed.json", "closed")]
    public void Parse_PullRequest_IsAnIssueRecordMarkedPullRequest(string file, string state)
    {
        var parsed = Assert.IsType<GitHubPullRequestEvent>(GitHubWebhooks.Parse("pull_request", Fixtures.Read($"github/webhooks/{file}")));

        Assert.True(parsed.PullRequest.IsPullRequest);
        Assert.Equal(279147437, parsed.PullRequest.Id);
        Assert.Equal(2, parsed.PullRequest.Number);
        Assert.Equal("Update the README with new information.", parsed.PullRequest.Title);
        Assert.Equal(state, parsed.PullRequest.State);
        Assert.Equal("Codertocat", parsed.PullRequest.AuthorLogin);
        Assert.Equal("https://github.com/Codertocat/Hello-World/pull/2", parsed.PullRequest.HtmlUrl);
    }

    [Fact]
    public void Parse_ReleasePublished_EmptyNameBecomesNull()
    {
        var parsed = Assert.IsType<GitHubReleaseEvent>(GitHubWebhooks.Parse("release", Fixtures.Read("github/webhooks/release.published.json")));

        Assert.Equal(
            new GitHubReleaseRecord(17372790, "0.0.1", null, "https://github.com/Codertocat/Hello-World/releases/tag/0.0.1",
                new DateTime(2019, 5, 15, 15, 20, 53, DateTimeKind.Utc), false, false),
            parsed.Release);
    }

    [Fact]
    public void Parse_LabelCreated_GivesTheName()
    {
        var parsed = Assert.IsType<GitHubLabelEvent>(GitHubWebhooks.Parse("label", Fixtures.Read("github/webhooks/label.created.json")));

        Assert.Equal(":bug: Bugfix", parsed.Name);
        Assert.Null(parsed.PreviousName);
    }

    [Fact]
    public void Parse_LabelEditedRename_GivesThePreviousName()
    {
        var json = JsonNode.Parse(Fixtures.Read("github/webhooks/label.created.json"))!;
        json["action"] = "edited";
        json["label"]!["name"] = "Triage 👀";
        json["changes"] = new JsonObject { ["name"] = new JsonObject { ["from"] = "triage" } };

        var parsed = Assert.IsType<GitHubLabelEvent>(GitHubWebhooks.Parse("label", json.ToJsonString()));

        Assert.Equal("edited", parsed.Action);
        Assert.Equal("Triage 👀", parsed.Name);
        Assert.Equal("triage", parsed.PreviousName);
    }

    [Fact]
    public void Parse_Ping_GivesZenAndHookId()
    {
        var parsed = Assert.IsType<GitHubPingEvent>(GitHubWebhooks.Parse("ping", Fixtures.Read("github/webhooks/ping.json")));

        Assert.Equal(109948940, parsed.HookId);
        Assert.False(string.IsNullOrEmpty(parsed.Zen));
        Assert.Equal(JsonNode.Parse(Fixtures.Read("github/webhooks/ping.json"))!["zen"]!.GetValue<string>(), parsed.Zen);
    }

    [Fact]
    public void Parse_PullRequestReviewSubmitted_GivesNumberAndUpperCaseState()
    {
        // No published pull_request_review sample is in CommunitySuccess.Tests/Fixtures: this body follows GitHub's webhook
        // reference (review.state is lower-case there, upper-case in the REST API).
        const string json = """
            {
              "action": "submitted",
              "review": {
                "id": 2600000001,
                "user": { "login": "maintainer", "id": 2 },
                "body": "Looks good",
                "commit_id": "ecdd80bb57125d7ba9641ffaa4d7d2c19d3f3091",
                "submitted_at": "2024-05-02T10:11:12Z",
                "state": "approved",
                "html_url": "https://github.com/Codertocat/Hello-World/pull/2#pullrequestreview-2600000001",
                "author_association": "MEMBER"
              },
              "pull_request": { "id": 279147437, "number": 2, "title": "Update the README with new information.", "state": "open" },
              "repository": { "id": 186853002, "full_name": "Codertocat/Hello-World" },
              "sender": { "login": "maintainer", "id": 2 }
            }
            """;

        var parsed = Assert.IsType<GitHubPullRequestReviewEvent>(GitHubWebhooks.Parse("pull_request_review", json));

        Assert.Equal("submitted", parsed.Action);
        Assert.Equal(2, parsed.PullRequestNumber);
        Assert.Equal(new GitHubReviewRecord(2600000001, "maintainer", "APPROVED", new DateTime(2024, 5, 2, 10, 11, 12, DateTimeKind.Utc)), parsed.Review);
    }

    [Fact]
    public void Parse_UnknownEvent_IsAcknowledgedAsUnknown()
    {
        var json = """{"action":"started","repository":{"full_name":"Codertocat/Hello-World"},"sender":{"login":"Codertocat"}}""";

        var parsed = Assert.IsType<GitHubUnknownEvent>(GitHubWebhooks.Parse("watch", json));

        Assert.Equal("watch", parsed.EventName);
        Assert.Equal("started", parsed.Action);
        Assert.Equal("Codertocat/Hello-World", parsed.Repository);
    }

    [Theory]
    [InlineData("{\"action\": \"opened\", \"issue\": ")]
    [InlineData("<html>502 Bad Gateway</html>")]
    [InlineData("")]
    public void Parse_MalformedJson_ThrowsPayloadExceptionNamingTheEvent(string body)
    {
        var ex = Assert.Throws<GitHubPayloadException>(() => GitHubWebhooks.Parse("issues", body));

        Assert.Contains("'issues'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
        Assert.IsType<JsonException>(ex.InnerException, exactMatch: false);
    }

    [Fact]
    public void Parse_JsonArrayInsteadOfObject_ThrowsPayloadException()
    {
        var ex = Assert.Throws<GitHubPayloadException>(() => GitHubWebhooks.Parse("ping", "[1,2]"));

        Assert.Contains("not an object", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_IssuesEventWithoutIssue_ThrowsPayloadExceptionNamingTheField()
    {
        var ex = Assert.Throws<GitHubPayloadException>(() => GitHubWebhooks.Parse("issues", """{"action":"opened","repository":{"full_name":"a/b"}}"""));

        Assert.Contains("'issue'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_IssueNumberIsText_ThrowsPayloadExceptionNamingTheField()
    {
        var json = JsonNode.Parse(Fixtures.Read("github/webhooks/issues.opened.json"))!;
        json["issue"]!["number"] = "one";

        var ex = Assert.Throws<GitHubPayloadException>(() => GitHubWebhooks.Parse("issues", json.ToJsonString()));

        Assert.Contains("'number'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Parse_NoEventName_ThrowsPayloadExceptionNamingTheHeader(string eventName)
    {
        var ex = Assert.Throws<GitHubPayloadException>(() => GitHubWebhooks.Parse(eventName, Fixtures.Read("github/webhooks/ping.json")));

        Assert.Contains("X-GitHub-Event", ex.Message, StringComparison.Ordinal);
    }
}
