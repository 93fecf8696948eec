using System.Net;
using CommunitySuccess.Core.Accounts;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySuccess.Tests.Web.Accounts;

public sealed class SignInTests
{
    private const string EngineerEmail = "eng@example.test";
    private const string EngineerPassword = "engineer-password";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/")]
    [InlineData("/settings")]
    [InlineData("/admin/users")]
    public async Task Get_SignedOut_RedirectsToSignIn(string path)
    {
        await using var app = new AppFactory();
        using var client = app.CreateBrowserClient();

        using var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hangfire_SignedOut_IsNotShown()
    {
        await using var app = new AppFactory();
        using var client = app.CreateBrowserClient();

        using var response = await client.GetAsync("/hangfire", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_BootstrapAdmin_SeesShellSettingsAndJobs()
    {
        await using var app = new AppFactory();
        using var client = await app.SignedInClientAsync();

        var home = await client.GetStringAsync("/", Ct);
        var settings = await client.GetStringAsync("/settings", Ct);
        using var jobs = await client.GetAsync("/hangfire", Ct);

        Assert.Contains(AppFactory.AdminEmail, home, StringComparison.Ordinal);
        Assert.Contains("Sign out", home, StringComparison.Ordinal);
        Assert.Contains("Slack:BackfillDays", settings, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, jobs.StatusCode);
        Assert.Contains("CommunitySuccess jobs", await jobs.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/settings")]
    [InlineData("/admin/users")]
    [InlineData("/hangfire")]
    [InlineData("/hangfire/jobs/enqueued")]
    public async Task Get_AsEngineer_AdminPageIsRefusedByTheServer(string path)
    {
        await using var app = new AppFactory();
        await CreateEngineerAsync(app);
        using var client = await app.SignedInClientAsync(EngineerEmail, EngineerPassword);

        using var response = await client.GetAsync(path, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{path} answered {(int)response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.Equal("/Account/AccessDenied", response.Headers.Location!.AbsolutePath);
        }

        Assert.DoesNotContain("Slack:BackfillDays", body, StringComparison.Ordinal);
        Assert.DoesNotContain("CommunitySuccess jobs", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Create a user", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsErrorAndLocksOutAfterLimit()
    {
        await using var app = new AppFactory();
        using var client = app.CreateBrowserClient();

        for (var attempt = 1; attempt < AccountRules.MaxFailedAccessAttempts; attempt++)
        {
            using var wrong = await AppFactory.PostLoginAsync(client, AppFactory.AdminEmail, "wrong-password");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("Wrong email or password.", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        using var last = await AppFactory.PostLoginAsync(client, AppFactory.AdminEmail, "wrong-password");
        Assert.Contains("this account is locked", await last.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // Locked out: even the right password is refused now.
        using var right = await AppFactory.PostLoginAsync(client, AppFactory.AdminEmail, AppFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("this account is locked", await right.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_EmptyFields_ShowsValidationAndSignsNobodyIn()
    {
        await using var app = new AppFactory();
        using var client = app.CreateBrowserClient();

        using var response = await AppFactory.PostLoginAsync(client, "", "");
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter your email.", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/", Ct)).StatusCode);
    }

    [Fact]
    public async Task SignIn_ReturnUrlToAnotherSite_GoesHomeInstead()
    {
        await using var app = new AppFactory();
        using var client = app.CreateBrowserClient();
        var form = await client.GetStringAsync("/Account/Login", Ct);
        Assert.Contains("Password", form, StringComparison.Ordinal);

        Assert.Equal("/", CommunitySuccess.Web.Accounts.ReturnUrls.LocalOrHome("https://evil.example/"));
        Assert.Equal("/", CommunitySuccess.Web.Accounts.ReturnUrls.LocalOrHome("//evil.example/"));
        Assert.Equal("/settings", CommunitySuccess.Web.Accounts.ReturnUrls.LocalOrHome("settings"));
    }

    [Fact]
    public async Task Disable_SignedInEngineer_SessionEndsAtNextRequest()
    {
        await using var app = new AppFactory();
        var engineerId = await CreateEngineerAsync(app);
        using var client = await app.SignedInClientAsync(EngineerEmail, EngineerPassword);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/", Ct)).StatusCode);
        var accounts = app.Services.GetRequiredService<AccountService>();
        var adminId = (await accounts.ListAsync(Ct)).Single(a => a.Email == AppFactory.AdminEmail).Id;

        var result = await accounts.SetDisabledAsync(engineerId, disabled: true, adminId);

        Assert.True(result.Succeeded);
        using var after = await client.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        using var again = await AppFactory.PostLoginAsync(app.CreateBrowserClient(), EngineerEmail, EngineerPassword);
        Assert.Contains("This account is disabled.", await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_DisabledAccountWithWrongPassword_AnswersAsForAnUnknownEmail()
    {
        await using var app = new AppFactory();
        var engineerId = await CreateEngineerAsync(app);
        var accounts = app.Services.GetRequiredService<AccountService>();
        var adminId = (await accounts.ListAsync(Ct)).Single(a => a.Email == AppFactory.AdminEmail).Id;
        Assert.True((await accounts.SetDisabledAsync(engineerId, disabled: true, adminId)).Succeeded);

        using var disabled = await AppFactory.PostLoginAsync(app.CreateBrowserClient(), EngineerEmail, "not-the-password");
        using var unknown = await AppFactory.PostLoginAsync(app.CreateBrowserClient(), "nobody@example.test", "not-the-password");

        var disabledPage = await disabled.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("disabled", disabledPage, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("locked", disabledPage, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Wrong email or password.", disabledPage, StringComparison.Ordinal);
        Assert.Contains("Wrong email or password.", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_PostWithoutAntiforgeryToken_IsRefusedAndSessionStays()
    {
        await using var app = new AppFactory();
        using var client = await app.SignedInClientAsync();

        using var forged = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent([]), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var after = await client.GetAsync("/settings", Ct);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Logout_PostFromTheLayoutsForm_SignsOut()
    {
        await using var app = new AppFactory();
        using var client = await app.SignedInClientAsync();
        var token = AppFactory.AntiforgeryTokenIn(await client.GetStringAsync("/settings", Ct));

        using var signedOut = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["__RequestVerificationToken"] = token }), Ct);

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        using var after = await client.GetAsync("/settings", Ct);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    private static async Task<string> CreateEngineerAsync(AppFactory app)
    {
        app.StartServer();
        var accounts = app.Services.GetRequiredService<AccountService>();
        var created = await accounts.CreateUserAsync(EngineerEmail, "Eng", EngineerPassword, [Roles.Engineer]);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors));
        return (await accounts.ListAsync(Ct)).Single(a => a.Email == EngineerEmail).Id;
    }
}
