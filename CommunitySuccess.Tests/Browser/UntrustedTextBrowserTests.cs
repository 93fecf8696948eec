using CommunitySuccess.Core.Accounts;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Team;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySuccess.Tests.Browser;

/// <summary>Text people type (user names, team names, saved replies) is shown as text on every page that shows it.</summary>
public sealed class UntrustedTextBrowserTests(BrowserFixture browser)
{
    private const string Payload = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AdminPages_NamesAndSavedRepliesWithMarkup_ShowTheTextAndRunNothing()
    {
        await using var app = new AppFactory();
        app.StartServer();
        Assert.True((await app.Services.GetRequiredService<AccountService>()
            .CreateUserAsync("hostile@example.test", "User " + Payload, "hostile-password", [Roles.Engineer])).Succeeded);
        Assert.True((await app.Services.GetRequiredService<TeamService>()
            .SaveMemberAsync(new TeamMemberInput(null, "Member " + Payload, "member@example.test", null, null, null, Roles.Engineer), TeamActor.System, Ct)).Succeeded);
        Assert.True((await app.Services.GetRequiredService<SavedReplyService>()
            .SaveAsync(new SavedReplyInput(null, "Reply " + Payload, "Text " + Payload), new AppActor("admin"), Ct)).Succeeded);
        var page = await BrowserSession.NewPageAsync(browser, app);
        await BrowserSession.SignInAsync(page);

        foreach (var (path, shown) in new[] { ("/admin/users", "User "), ("/admin/team", "Member "), ("/admin/saved-replies", "Reply ") })
        {
            await page.GotoAsync(path);
            await BrowserSession.WaitForInteractiveAsync(page);

            Assert.True(await page.EvaluateAsync<bool>("t => document.body.innerText.includes(t)", shown + Payload), $"{path} does not show the text as typed");
            Assert.Equal(0, await page.EvaluateAsync<int>("() => document.querySelectorAll('img[src=\"x\"]').length"));
            Assert.True(await page.EvaluateAsync<bool>("() => typeof window.__xss === 'undefined'"));
        }
    }
}
