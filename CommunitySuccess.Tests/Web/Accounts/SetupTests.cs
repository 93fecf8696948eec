using System.Net;
using System.Text.RegularExpressions;
using CommunitySuccess.Core.Accounts;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySuccess.Tests.Web.Accounts;

public sealed partial class SetupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Setup_NoUserAndNoAdminConfigured_CreatesFirstAdminThenCloses()
    {
        await using var app = new AppFactory(s => { s["Admin:Email"] = ""; s["Admin:Password"] = ""; });
        using var client = app.CreateBrowserClient();
        Assert.Contains("Create the first admin account", await client.GetStringAsync("/Account/Login", Ct), StringComparison.Ordinal);

        using var created = await PostSetupAsync(client, "first@example.test", "first-password");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var accounts = await app.Services.GetRequiredService<AccountService>().ListAsync(Ct);
        var admin = Assert.Single(accounts);
        Assert.Contains(Roles.Admin, admin.Roles);
        Assert.Contains("Setup is closed", await client.GetStringAsync("/setup", Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await AppFactory.PostLoginAsync(client, "first@example.test", "first-password")).StatusCode);
    }

    [Fact]
    public async Task Setup_AfterAUserExists_RefusesToCreateAnother()
    {
        await using var app = new AppFactory();
        using var client = app.CreateBrowserClient();

        var page = await client.GetStringAsync("/setup", Ct);

        Assert.Contains("Setup is closed", page, StringComparison.Ordinal);
        var result = await app.Services.GetRequiredService<AccountService>()
            .CreateFirstAdminAsync("intruder@example.test", "Intruder", "intruder-password", Ct);
        Assert.False(result.Succeeded);
        Assert.DoesNotContain(await app.Services.GetRequiredService<AccountService>().ListAsync(Ct), a => a.Email == "intruder@example.test");
    }

    [Fact]
    public async Task Setup_ShortPassword_IsRefusedWithMessage()
    {
        await using var app = new AppFactory(s => { s["Admin:Email"] = ""; s["Admin:Password"] = ""; });
        using var client = app.CreateBrowserClient();

        using var response = await PostSetupAsync(client, "first@example.test", "short");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Use at least 8 characters.", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.False(await app.Services.GetRequiredService<AccountService>().AnyUserExistsAsync(Ct));
    }

    [Fact]
    public async Task Setup_ConcurrentFirstAdminPosts_OnlyOneAccountIsCreated()
    {
        await using var app = new AppFactory(s => { s["Admin:Email"] = ""; s["Admin:Password"] = ""; });
        var clients = Enumerable.Range(0, 6).Select(_ => app.CreateBrowserClient()).ToList();
        // Every form is loaded while setup is still open, then all are posted at once.
        var forms = new List<FormUrlEncodedContent>();
        for (var i = 0; i < clients.Count; i++)
        {
            forms.Add(await SetupFormAsync(clients[i], $"admin{i}@example.test", "first-password"));
        }

        var responses = await Task.WhenAll(clients.Select((c, i) => c.PostAsync("/setup", forms[i], Ct)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        Assert.Single(await app.Services.GetRequiredService<AccountService>().ListAsync(Ct));
        foreach (var response in responses.Where(r => r.StatusCode != HttpStatusCode.Redirect))
        {
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(body.Contains("Setup is closed", StringComparison.Ordinal),
                $"A losing post answered {(int)response.StatusCode} {response.StatusCode} with: {(body.Length == 0 ? "(no body)" : body[..Math.Min(300, body.Length)])}");
        }

        foreach (var disposable in responses.Cast<IDisposable>().Concat(forms).Concat(clients))
        {
            disposable.Dispose();
        }
    }

    private static async Task<HttpResponseMessage> PostSetupAsync(HttpClient client, string email, string password)
    {
        using var content = await SetupFormAsync(client, email, password);
        return await client.PostAsync("/setup", content, Ct);
    }

    private static async Task<FormUrlEncodedContent> SetupFormAsync(HttpClient client, string email, string password)
    {
        var form = await client.GetStringAsync("/setup", Ct);
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        return new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "setup",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.Name"] = "First Admin",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
