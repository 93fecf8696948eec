using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using CommunitySuccess.Sandbox.GitHub;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace CommunitySuccess.Tests.Sandbox.GitHub;

/// <summary>Signed webhook deliveries shaped like GitHub's published payloads.</summary>
public sealed class GitHubWebhookTests
{
    private const string Secret = "sandbox-webhook-secret";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> WebhookFixtures => [.. Fixtures.Files("github/webhooks").Select(Path.GetFileNameWithoutExtension).OfType<string>()];

    // What makes GitHub send each fixture's event, done to the demo repository.
    private static readonly Dictionary<string, Action<GitHubState>> Triggers = new(StringComparer.Ordinal)
    {
        ["issue_comment.created"] = s => s.Comment("acme", "widgets", 1, "kenji-w", "Any update?"),
        ["issues.closed"] = s => s.Close("acme", "widgets", AnOpenIssue(s), "ana-lima"),
        ["issues.edited"] = s => s.EditIssue("acme", "widgets", AnOpenIssue(s), "ana-lima", title: "A clearer title"),
        ["issues.labeled"] = s => s.AddLabel("acme", "widgets", AnOpenIssue(s), "ana-lima", "Product review"),
        ["issues.opened"] = s => s.OpenIssue("acme", "widgets", "liam-walsh", "Crash on start", "Body", ["Triage 👀"]),
        ["issues.reopened"] = s =>
        {
            var number = AnOpenIssue(s);
            s.Close("acme", "widgets", number, "ana-lima");
            s.Reopen("acme", "widgets", number, "liam-walsh");
        },
        ["issues.unlabeled"] = s =>
        {
            var number = AnOpenIssue(s);
            s.AddLabel("acme", "widgets", number, "ana-lima", "bug");
            s.RemoveLabel("acme", "widgets", number, "ana-lima", "bug");
        },
        ["label.created"] = s => s.CreateLabel("acme", "widgets", ":bug: Bugfix", "cb1f00", "Fixes a bug"),
        ["ping"] = s => s.Ping("acme", "widgets"),
        ["pull_request.closed"] = s => s.Close("acme", "widgets", s.OpenPullRequest("acme", "widgets", "yuki-sato", "Fix it", "Body"), "ana-lima"),
        ["pull_request.opened"] = s => s.OpenPullRequest("acme", "widgets", "yuki-sato", "Fix it", "Body"),
        ["release.published"] = s => s.PublishRelease("acme", "widgets", "v1.5.0", "v1.5.0", "Notes"),
    };

    private static int AnOpenIssue(GitHubState state) =>
        state.GetIssues("acme", "widgets").First(i => i.State == "open" && !i.IsPullRequest && !i.Labels.Contains("bug")).Number;

    private sealed class Receiver : IAsyncDisposable
    {
        private Receiver(LoopbackServer server, GitHubWebhookSender sender)
        {
            Server = server;
            Sender = sender;
        }

        public LoopbackServer Server { get; }

        public GitHubWebhookSender Sender { get; }

        public static async Task<Receiver> StartAsync()
        {
            var server = await LoopbackServer.StartAsync(context =>
            {
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return Task.CompletedTask;
            });
            return new Receiver(server, new GitHubWebhookSender(new Uri(server.BaseAddress, "github/webhooks"), Secret));
        }

        public async ValueTask DisposeAsync()
        {
            Sender.Dispose();
            await Server.DisposeAsync();
        }
    }

    [Fact]
    public void Sign_GitHubsDocumentedExample_GivesTheirSignature()
    {
        var signature = GitHubWebhookSender.Sign("It's a Secret to Everybody", "Hello, World!"u8);

        Assert.Equal("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", signature);
    }

    [Theory]
    [MemberData(nameof(WebhookFixtures))]
    public async Task Delivery_ForEachPublishedPayload_HasItsShape(string fixture)
    {
        Assert.True(Triggers.ContainsKey(fixture), $"No trigger for webhook fixture {fixture}.");
        await using var host = await GitHubSandboxHost.StartDemoAsync();
        await using var receiver = await Receiver.StartAsync();
        host.State.WebhookTarget = receiver.Sender;
        var eventName = fixture.Split('.')[0];
        var action = fixture.Contains('.', StringComparison.Ordinal) ? fixture.Split('.')[1] : null;

        Triggers[fixture](host.State);
        await receiver.Sender.WaitForDeliveriesAsync(Ct);

        var request = receiver.Server.Requests.Last(r => r.Header("X-GitHub-Event") == eventName && (action is null || r.Json!["action"]!.GetValue<string>() == action));
        // installation is only in GitHub App deliveries; octokit's examples give issues a "draft" field GitHub does not send.
        JsonShape.AssertCovers(JsonNode.Parse(Fixtures.Read($"github/webhooks/{fixture}.json")), request.Json, "$.installation", "$.issue.draft");
        Assert.Empty(receiver.Server.HandlerErrors);
    }

    [Fact]
    public async Task Mutators_WithATarget_DeliverSignedEventsInOrder()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();
        await using var receiver = await Receiver.StartAsync();
        host.State.WebhookTarget = receiver.Sender;

        var number = host.State.OpenIssue("acme", "widgets", "liam-walsh", "Crash on start", "```\npanic\n```", ["Triage 👀"]);
        host.State.Comment("acme", "widgets", number, "ana-lima", "Which version?");
        host.State.RemoveLabel("acme", "widgets", number, "ana-lima", "Triage 👀");
        host.State.Close("acme", "widgets", number, "ana-lima", "not_planned");
        await receiver.Sender.WaitForDeliveriesAsync(Ct);

        var requests = receiver.Server.Requests;
        Assert.Equal(
            ["issues/opened", "issues/labeled", "issue_comment/created", "issues/unlabeled", "issues/closed"],
            requests.Select(r => $"{r.Header("X-GitHub-Event")}/{r.Json!["action"]}"));
        foreach (var request in requests)
        {
            Assert.Equal("POST", request.Method);
            Assert.Equal("/github/webhooks", request.Path);
            Assert.True(Guid.TryParse(request.Header("X-GitHub-Delivery"), out _));
            Assert.Equal(receiver.Sender.HookId.ToString(System.Globalization.CultureInfo.InvariantCulture), request.Header("X-GitHub-Hook-ID"));
            Assert.StartsWith("GitHub-Hookshot/", request.Header("User-Agent"), StringComparison.Ordinal);
            Assert.Equal("application/json", request.ContentType);
            Assert.Equal(GitHubWebhookSender.Sign(Secret, Encoding.UTF8.GetBytes(request.Body)), request.Header("X-Hub-Signature-256"));
        }

        Assert.Equal("Triage 👀", requests[1].Json!["label"]!["name"]!.GetValue<string>());
        Assert.Equal("not_planned", requests[4].Json!["issue"]!["state_reason"]!.GetValue<string>());
        Assert.Equal("ana-lima", requests[4].Json!["sender"]!["login"]!.GetValue<string>());
        Assert.All(receiver.Sender.Deliveries, d => Assert.True(d.Succeeded));
    }

    [Fact]
    public async Task ApiWrite_CommentThroughRest_DeliversIssueCommentFromTheTokensAccount()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();
        await using var receiver = await Receiver.StartAsync();
        host.State.WebhookTarget = receiver.Sender;

        await host.SendJsonAsync(HttpMethod.Post, "repos/acme/widgets/issues/3/comments", """{"body":"Looking into it <!-- cs:42 -->"}""", Ct);
        await receiver.Sender.WaitForDeliveriesAsync(Ct);

        var delivery = Assert.Single(receiver.Server.Requests);
        Assert.Equal("issue_comment", delivery.Header("X-GitHub-Event"));
        Assert.Equal(GitHubState.BotLogin, delivery.Json!["sender"]!["login"]!.GetValue<string>());
        Assert.Equal("Looking into it <!-- cs:42 -->", delivery.Json["comment"]!["body"]!.GetValue<string>());
        Assert.Equal(3, delivery.Json["issue"]!["number"]!.GetValue<int>());
    }

    [Fact]
    public async Task Review_Submitted_DeliversLowerCaseStateWithThePullRequest()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();
        await using var receiver = await Receiver.StartAsync();
        host.State.WebhookTarget = receiver.Sender;
        var number = host.State.OpenPullRequest("acme", "widgets", "yuki-sato", "Fix it", "Body");

        host.State.Review("acme", "widgets", number, "chloe-dubois", "APPROVED", "Thanks!");
        await receiver.Sender.WaitForDeliveriesAsync(Ct);

        var review = receiver.Server.Requests.Single(r => r.Header("X-GitHub-Event") == "pull_request_review").Json!;
        Assert.Equal("submitted", review["action"]!.GetValue<string>());
        Assert.Equal("approved", review["review"]!["state"]!.GetValue<string>());
        Assert.Equal("chloe-dubois", review["review"]!["user"]!["login"]!.GetValue<string>());
        Assert.Equal(number, review["pull_request"]!["number"]!.GetValue<int>());
        Assert.NotNull(review["repository"]);
        Assert.Equal("APPROVED", host.State.GetIssue("acme", "widgets", number)!.Reviews.Single().State);
    }

    [Fact]
    public async Task Redeliver_SendsTheSameDeliveryIdAndBodyAgain()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();
        await using var receiver = await Receiver.StartAsync();
        host.State.WebhookTarget = receiver.Sender;
        host.State.Comment("acme", "widgets", 1, "kenji-w", "Any update?");
        await receiver.Sender.WaitForDeliveriesAsync(Ct);
        var original = Assert.Single(receiver.Sender.Deliveries);

        var again = await receiver.Sender.RedeliverAsync(original.Id, Ct);

        Assert.True(again.Redelivery);
        Assert.True(again.Succeeded);
        var requests = receiver.Server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests[0].Header("X-GitHub-Delivery"), requests[1].Header("X-GitHub-Delivery"));
        Assert.Equal(requests[0].Body, requests[1].Body);
        Assert.Equal(requests[0].Header("X-Hub-Signature-256"), requests[1].Header("X-Hub-Signature-256"));
    }

    [Fact]
    public async Task Delivery_ToAnUnreachableUrl_IsRecordedAsFailedAndNothingThrows()
    {
        await using var host = await GitHubSandboxHost.StartDemoAsync();
        using var sender = new GitHubWebhookSender(new Uri($"http://127.0.0.1:{ClosedPort()}/github/webhooks"), Secret);
        host.State.WebhookTarget = sender;

        var number = host.State.OpenIssue("acme", "widgets", "liam-walsh", "Crash on start");
        await sender.WaitForDeliveriesAsync(Ct);

        var delivery = Assert.Single(sender.Deliveries);
        Assert.False(delivery.Succeeded);
        Assert.Null(delivery.StatusCode);
        Assert.False(string.IsNullOrEmpty(delivery.Error));
        Assert.Equal("issues", delivery.Event);
        Assert.Equal("opened", delivery.Action);
        Assert.NotNull(host.State.GetIssue("acme", "widgets", number));
    }

    [Fact]
    public async Task SeedDemo_WithATargetAlreadySet_SendsNoWebhooks()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var host = await GitHubSandboxHost.StartAsync(s =>
        {
            s.WebhookTarget = receiver.Sender;
            s.SeedDemo();
        });

        await receiver.Sender.WaitForDeliveriesAsync(Ct);

        Assert.Empty(receiver.Sender.Deliveries);
        Assert.NotEmpty(host.State.GetIssues("acme", "widgets"));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
