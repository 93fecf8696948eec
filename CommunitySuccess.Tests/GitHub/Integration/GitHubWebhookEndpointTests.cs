using System.Net;
using System.Text;
using System.Text.Json;
using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Sandbox.GitHub;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySuccess.Tests.GitHub.Integration;

/// <summary><c>POST /github/webhooks</c> on the real app: signatures, bad bodies, unknown events, redeliveries, every recorded payload.</summary>
public abstract class GitHubWebhookEndpointTests(TestProvider provider)
{
    private const string Secret = "webhook-endpoint-secret";

    // The repositories the recorded payloads belong to.
    private static readonly string[] FixtureRepositories = ["Codertocat/Hello-World", "Pritesh-30/test-repo", "Octocoders/Hello-World"];

    public static TheoryData<string> WebhookFixtures => [.. Fixtures.Files("github/webhooks").Select(Path.GetFileName).OfType<string>()];

    [Theory]
    [MemberData(nameof(WebhookFixtures))]
    public async Task Post_EveryRecordedPayloadOfAConfiguredRepository_IsAccepted(string file)
    {
        await using var app = NewApp();
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var body = Fixtures.Read($"github/webhooks/{file}");
        var eventName = file.Split('.')[0];

        using var response = await PostAsync(client, eventName, body, Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // ping and label change nothing we store; the rest feed the upserts.
        Assert.Equal(eventName is "ping" or "label" ? "ignored" : "applied", await OutcomeAsync(response));
    }

    [Fact]
    public async Task Post_RecordedPayloads_LandInTheSameTablesAsTheSync()
    {
        await using var app = NewApp();
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        foreach (var file in new[] { "issues.opened.json", "issue_comment.created.json", "pull_request.opened.json", "release.published.json" })
        {
            using var response = await PostAsync(client, file.Split('.')[0], Fixtures.Read($"github/webhooks/{file}"), Guid.NewGuid().ToString());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var issues = await db.Set<GitHubIssue>().Where(i => i.Repository == "Codertocat/Hello-World").ToListAsync(TestContext.Current.CancellationToken);
        Assert.Contains(issues, i => !i.IsPullRequest);
        Assert.Contains(issues, i => i.IsPullRequest);
        Assert.True(await db.Set<GitHubComment>().AnyAsync(c => c.Repository == "Codertocat/Hello-World", TestContext.Current.CancellationToken));
        Assert.True(await db.Set<GitHubRelease>().AnyAsync(r => r.Repository == "Codertocat/Hello-World", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Post_WrongSignature_Is401AndStoresNothing()
    {
        await using var app = NewApp();
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var body = Fixtures.Read("github/webhooks/issues.opened.json");

        using var wrong = await PostAsync(client, "issues", body, Guid.NewGuid().ToString(), signature: GitHubWebhookSender.Sign("another-secret", Encoding.UTF8.GetBytes(body)));
        using var missing = await PostAsync(client, "issues", body, Guid.NewGuid().ToString(), signature: "");

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, await db.Set<GitHubIssue>().CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Post_MalformedJson_Is400WithTheReason()
    {
        await using var app = NewApp();
        using var client = new HttpClient { BaseAddress = app.BaseAddress };

        using var broken = await PostAsync(client, "issues", "{\"action\": \"opened\", \"issue\": ", Guid.NewGuid().ToString());
        using var notAnObject = await PostAsync(client, "issues", "[1, 2, 3]", Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Contains("not valid JSON", await broken.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notAnObject.StatusCode);
    }

    [Fact]
    public async Task Post_UnknownEvent_IsAcknowledgedAndIgnored()
    {
        await using var app = NewApp();
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var body = """{"action":"created","repository":{"full_name":"Codertocat/Hello-World"},"sender":{"login":"Codertocat"},"starred_at":"2019-05-15T15:20:40Z"}""";

        using var response = await PostAsync(client, "star", body, Guid.NewGuid().ToString());

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal("ignored", await OutcomeAsync(response));
    }

    [Fact]
    public async Task Post_SameDeliveryTwice_IsAppliedOnce()
    {
        await using var app = NewApp();
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var body = Fixtures.Read("github/webhooks/issue_comment.created.json");
        var delivery = Guid.NewGuid().ToString();

        using var first = await PostAsync(client, "issue_comment", body, delivery);
        using var second = await PostAsync(client, "issue_comment", body, delivery);

        Assert.Equal("applied", await OutcomeAsync(first));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("duplicate", await OutcomeAsync(second));
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, await db.Set<ProcessedGitHubDelivery>().CountAsync(d => d.DeliveryId == delivery, TestContext.Current.CancellationToken));
        Assert.Equal(1, await db.Set<GitHubComment>().CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Post_SameBodyTwiceWithoutDeliveryId_IsAppliedOnce()
    {
        await using var app = NewApp();
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var body = Fixtures.Read("github/webhooks/issue_comment.created.json");

        // A replay of a captured, correctly signed body, without GitHub's delivery header.
        using var first = await PostAsync(client, "issue_comment", body, delivery: "");
        using var replay = await PostAsync(client, "issue_comment", body, delivery: "");

        Assert.Equal("applied", await OutcomeAsync(first));
        Assert.Equal("duplicate", await OutcomeAsync(replay));
    }

    [Fact]
    public async Task Post_RepositoryNotConfigured_IsAcknowledgedAndStoresNothing()
    {
        await using var app = new AppFactory(s =>
        {
            s["GitHub:WebhookSecret"] = Secret;
            s["GitHub:Repositories:0"] = "acme/other";
        }, provider);
        using var client = new HttpClient { BaseAddress = app.BaseAddress };

        using var response = await PostAsync(client, "issues", Fixtures.Read("github/webhooks/issues.opened.json"), Guid.NewGuid().ToString());

        Assert.Equal("ignored", await OutcomeAsync(response));
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, await db.Set<GitHubIssue>().CountAsync(TestContext.Current.CancellationToken));
    }

    private AppFactory NewApp() => new(s =>
    {
        s["GitHub:WebhookSecret"] = Secret;
        for (var i = 0; i < FixtureRepositories.Length; i++)
        {
            s[$"GitHub:Repositories:{i}"] = FixtureRepositories[i];
        }
    }, provider);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string eventName, string body, string delivery, string? signature = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/github/webhooks") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", eventName);
        if (delivery.Length > 0)
        {
            request.Headers.Add("X-GitHub-Delivery", delivery);
        }

        request.Headers.Add("User-Agent", "GitHub-Hookshot/044aadd");
        var sig = signature ?? GitHubWebhookSender.Sign(Secret, bytes);
        if (sig.Length > 0)
        {
            request.Headers.Add("X-Hub-Signature-256", sig);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task<string?> OutcomeAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return json.RootElement.GetProperty("outcome").GetString();
    }
}

public sealed class GitHubWebhookEndpointOnSqliteTests() : GitHubWebhookEndpointTests(TestProvider.Sqlite);

public sealed class GitHubWebhookEndpointOnPostgresTests() : GitHubWebhookEndpointTests(TestProvider.Postgres);
