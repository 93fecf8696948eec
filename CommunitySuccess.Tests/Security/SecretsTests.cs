using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Tests.GitHub.Integration;
using CommunitySuccess.Tests.TestSupport;

namespace CommunitySuccess.Tests.Security;

/// <summary>Secrets never appear in a log line or a page, after a full Slack and GitHub sync and an outbox cycle.</summary>
public sealed class SecretsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SyncAndOutboxCycle_WithEveryLogLevelOn_NoSecretInLogsOrPages()
    {
        await using var desk = await GitHubDeskHarness.StartAsync(s =>
        {
            s["Logging:LogLevel:Default"] = "Trace";
            s["Logging:LogLevel:Microsoft"] = "Trace";
        });
        var secrets = new[]
        {
            desk.Slack.BotToken,
            desk.Slack.SigningSecret,
            desk.GitHub.Token,
            GitHubDeskHarness.WebhookSecret,
            AppFactory.AdminPassword,
        };

        var thread = await desk.AskInSlackAsync("Export fails with a 500 on large projects");
        await desk.SyncGitHubAsync();
        var reply = await desk.Get<InboxActionsService>().ReplyAsync(thread, "Looking into it now.", new AppActor("Ana Lima", AppFactory.AdminEmail), Ct);
        Assert.True(reply.Succeeded, reply.Error);
        await desk.WaitForOutboxSentAsync();
        using var client = await desk.App.SignedInClientAsync();
        var pages = new List<string>();
        foreach (var path in new[] { "/", "/settings", "/inbox", $"/inbox/{thread}", "/github", "/oncall", "/admin/users", "/admin/team", "/hangfire" })
        {
            pages.Add(await client.GetStringAsync(path, Ct));
        }

        var logs = desk.App.Logs.Lines.ToList();
        Assert.Contains(logs, l => l.Contains("Outbox", StringComparison.Ordinal));
        foreach (var secret in secrets)
        {
            Assert.False(string.IsNullOrEmpty(secret));
            Assert.DoesNotContain(logs, l => l.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(pages, p => p.Contains(secret, StringComparison.Ordinal));
        }
    }
}
