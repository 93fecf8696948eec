using CommunitySuccess.Tests.TestSupport;

namespace CommunitySuccess.Tests.Web.Hosting;

public sealed class SettingsPageTests
{
    [Fact]
    public async Task Settings_SecretsConfigured_ShowsOnlyThatTheyAreSet()
    {
        await using var app = new AppFactory(s =>
        {
            s["Slack:BotToken"] = "xoxb-very-secret-token";
            s["GitHub:WebhookSecret"] = "webhook-secret-value";
        });
        using var client = await app.SignedInClientAsync();

        var page = await client.GetStringAsync("/settings", TestContext.Current.CancellationToken);
        var home = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Contains("Slack:BotToken", page, StringComparison.Ordinal);
        Assert.Contains("set (hidden)", page, StringComparison.Ordinal);
        Assert.DoesNotContain("xoxb-very-secret-token", page + home, StringComparison.Ordinal);
        Assert.DoesNotContain("webhook-secret-value", page + home, StringComparison.Ordinal);
        Assert.DoesNotContain(AppFactory.AdminPassword, page + home, StringComparison.Ordinal);
    }
}
