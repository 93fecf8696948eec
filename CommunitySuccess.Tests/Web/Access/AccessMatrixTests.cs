using System.Globalization;
using System.Net;
using System.Text;
using CommunitySuccess.Core.Accounts;
using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.OnCall;
using CommunitySuccess.Core.Review;
using CommunitySuccess.Core.Shared;
using CommunitySuccess.Core.Team;
using CommunitySuccess.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CommunitySuccess.Tests.Web.Access;

/// <summary>
/// Who may do what, checked on the server: every page, endpoint, the Blazor hub and the role-checked service actions,
/// for a signed-out visitor, an Engineer, a Product member, an Admin and a disabled account (signed in before it was
/// disabled). The README's access table is this table. Outcomes: ok; sign-in (sent to the sign-in page); denied (the
/// access-denied page); refused (a service said no); otherwise the HTTP status.
/// </summary>
public sealed class AccessMatrixTests
{
    private const string Password = "matrix-password-1";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // request                                       signed out  Engineer   Product    Admin      disabled
    public static readonly string[][] Matrix =
    [
        ["GET /",                                     "sign-in", "ok",      "ok",      "ok",      "sign-in"],
        ["GET /inbox",                                "sign-in", "ok",      "ok",      "ok",      "sign-in"],
        ["GET /github",                               "sign-in", "ok",      "ok",      "ok",      "sign-in"],
        ["GET /review",                               "sign-in", "ok",      "ok",      "ok",      "sign-in"],
        ["GET /backlog",                              "sign-in", "ok",      "ok",      "ok",      "sign-in"],
        ["GET /oncall",                               "sign-in", "ok",      "ok",      "ok",      "sign-in"],
        ["GET /search?q=export",                      "sign-in", "ok",      "ok",      "ok",      "sign-in"],
        ["GET /insights",                             "sign-in", "ok",      "ok",      "ok",      "sign-in"],
        ["GET /insights/export.csv",                  "sign-in", "ok",      "ok",      "ok",      "sign-in"],
        ["GET /admin/users",                          "sign-in", "denied",  "denied",  "ok",      "sign-in"],
        ["GET /admin/team",                           "sign-in", "denied",  "denied",  "ok",      "sign-in"],
        ["GET /admin/saved-replies",                  "sign-in", "denied",  "denied",  "ok",      "sign-in"],
        ["GET /settings",                             "sign-in", "denied",  "denied",  "ok",      "sign-in"],
        ["GET /hangfire",                             "sign-in", "denied",  "denied",  "ok",      "sign-in"],
        ["GET /Account/Login",                        "ok",      "ok",      "ok",      "ok",      "ok"],
        ["GET /setup",                                "ok",      "ok",      "ok",      "ok",      "ok"],
        ["GET /health",                               "ok",      "ok",      "ok",      "ok",      "ok"],
        ["POST /_blazor/negotiate?negotiateVersion=1", "sign-in", "ok",    "ok",      "ok",      "sign-in"],
        ["GET /api/oncall",                           "401",     "ok",      "ok",      "ok",      "401"],
        ["POST /api/oncall/substitutions",            "401",     "400",     "400",     "400",     "401"],
        ["GET /oncall/calendar.ics",                  "404",     "404",     "404",     "404",     "404"],
        ["POST /Account/Logout (no antiforgery token)", "sign-in", "400",   "400",     "400",     "sign-in"],
        ["POST /slack/events (unsigned)",             "401",     "401",     "401",     "401",     "401"],
        ["POST /slack/commands (unsigned)",           "401",     "401",     "401",     "401",     "401"],
        ["POST /github/webhooks (unsigned)",          "401",     "401",     "401",     "401",     "401"],
        ["service: disable an account",               "refused", "refused", "refused", "ok",      "refused"],
        ["service: change the rotation",              "refused", "refused", "refused", "ok",      "refused"],
        ["service: decide a review item",             "refused", "refused", "ok",      "ok",      "refused"],
        ["service: reply in a thread",                "refused", "ok",      "ok",      "ok",      "refused"],
        ["service: close an inbox GitHub item",       "refused", "ok",      "ok",      "ok",      "refused"],
        ["service: comment on a GitHub issue",        "refused", "ok",      "ok",      "ok",      "refused"],
    ];

    private static readonly string[] Columns = ["signed out", "Engineer", "Product", "Admin", "disabled"];

    [Fact]
    public async Task EveryRequestAndAction_ForEachKindOfUser_IsAllowedOrRefusedAsDesigned()
    {
        await using var app = new AppFactory(s => s["GitHub:WebhookSecret"] = "matrix-webhook-secret");
        app.StartServer();
        var people = await PeopleAsync(app);
        var mismatches = new List<string>();

        foreach (var row in Matrix)
        {
            for (var column = 0; column < Columns.Length; column++)
            {
                var actual = await OutcomeAsync(app, row[0], people[column]);
                if (actual != row[column + 1])
                {
                    mismatches.Add($"{row[0]} as {Columns[column]}: expected {row[column + 1]}, got {actual}");
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
    }

    /// <summary>The matrix as the README's markdown table (kept equal to the README by this test).</summary>
    public static string MarkdownTable()
    {
        var table = new StringBuilder();
        table.Append("| request or action | ").AppendJoin(" | ", Columns).Append(" |\n");
        table.Append("|---|").Append(string.Concat(Enumerable.Repeat("---|", Columns.Length))).Append('\n');
        foreach (var row in Matrix)
        {
            table.Append("| `").Append(row[0]).Append("` | ").AppendJoin(" | ", row.Skip(1)).Append(" |\n");
        }

        return table.ToString();
    }

    [Fact]
    public void Readme_AccessTable_IsTheTestedMatrix()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")).ReplaceLineEndings("\n");

        Assert.Contains(MarkdownTable(), readme, StringComparison.Ordinal);
    }

    private sealed record Person(HttpClient Client, string? UserId, IReadOnlyList<string> Roles, string? Email);

    private static async Task<Person[]> PeopleAsync(AppFactory app)
    {
        var accounts = app.Services.GetRequiredService<AccountService>();
        var anonymous = new Person(app.CreateBrowserClient(), null, [], null);
        var engineer = await SignedInAsync(app, accounts, "engineer@example.test", [Roles.Engineer]);
        var product = await SignedInAsync(app, accounts, "product@example.test", [Roles.Product]);
        var admin = await SignedInAsync(app, accounts, "admin-only@example.test", [Roles.Admin]);
        var disabled = await SignedInAsync(app, accounts, "disabled@example.test", [Roles.Engineer]);
        var bootstrapAdmin = await IdOfAsync(accounts, AppFactory.AdminEmail);
        Assert.True((await accounts.SetDisabledAsync(disabled.UserId!, disabled: true, bootstrapAdmin)).Succeeded);
        return [anonymous, engineer, product, admin, disabled];
    }

    private static async Task<Person> SignedInAsync(AppFactory app, AccountService accounts, string email, string[] roles)
    {
        Assert.True((await accounts.CreateUserAsync(email, email, Password, roles)).Succeeded);
        return new Person(await app.SignedInClientAsync(email, Password), await IdOfAsync(accounts, email), roles, email);
    }

    private static async Task<string> IdOfAsync(AccountService accounts, string email) =>
        (await accounts.ListAsync(Ct)).Single(a => a.Email == email).Id;

    private static async Task<string> OutcomeAsync(AppFactory app, string request, Person person)
    {
        if (request.StartsWith("service: ", StringComparison.Ordinal))
        {
            return await ServiceOutcomeAsync(app, request, person) ? "ok" : "refused";
        }

        var parts = request.Split(' ');
        using var message = new HttpRequestMessage(new HttpMethod(parts[0]), parts[1]);
        if (parts[0] == "POST")
        {
            message.Content = new StringContent(parts[1].StartsWith("/api/", StringComparison.Ordinal) ? "{}" : "", Encoding.UTF8, "application/json");
            message.Headers.Add("X-GitHub-Event", "issues");
        }

        using var response = await person.Client.SendAsync(message, Ct);
        var location = response.Headers.Location?.OriginalString ?? "";
        return response.StatusCode switch
        {
            HttpStatusCode.OK => "ok",
            HttpStatusCode.Redirect when location.Contains("/Account/Login", StringComparison.Ordinal) => "sign-in",
            HttpStatusCode.Redirect when location.Contains("/Account/AccessDenied", StringComparison.Ordinal) => "denied",
            HttpStatusCode.Redirect => "redirect " + location,
            var status => ((int)status).ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>True when the service let the caller past its role check (it may still refuse the input itself).</summary>
    private static async Task<bool> ServiceOutcomeAsync(AppFactory app, string action, Person person)
    {
        var services = app.Services;
        var isDisabled = person.Email is not null && await services.GetRequiredService<AccountService>().IsDisabledAsync(person.Email, Ct);
        // What the one current-user accessor gives a service: the account as it is now (a disabled account has no roles).
        var roles = isDisabled ? [] : person.Roles;
        switch (action)
        {
            case "service: disable an account":
                var accounts = services.GetRequiredService<AccountService>();
                var target = await IdOfAsync(accounts, "engineer@example.test");
                var result = await accounts.SetDisabledAsync(target, disabled: true, person.UserId ?? "");
                if (result.Succeeded)
                {
                    Assert.True((await accounts.SetDisabledAsync(target, disabled: false, await IdOfAsync(accounts, AppFactory.AdminEmail))).Succeeded);
                }

                return result.Succeeded;
            case "service: change the rotation":
                var actor = new TeamActor(person.Email ?? "anonymous", person.Email, roles.Contains(Roles.Admin));
                var today = await services.GetRequiredService<OnCallService>().GetTodayAsync(Ct);
                var saved = await services.GetRequiredService<OnCallService>().SaveRotationAsync(
                    new RotationInput(today, [], [DayOfWeek.Monday]), actor, Ct);
                return !saved.IsForbidden;
            case "service: decide a review item":
                var decided = await services.GetRequiredService<ReviewService>().DecideAsync(
                    issueId: 0, new ReviewOutcome(false, false, false), null, false, new AppActor(person.Email ?? "anonymous", person.Email), roles, Ct);
                return decided.Error?.StartsWith("Only the product team", StringComparison.Ordinal) != true;
            case "service: reply in a thread":
                var replied = await services.GetRequiredService<InboxActionsService>().ReplyAsync(threadId: 0, "Hello", ActorOf(person), Ct);
                return PassedAccessCheck(replied.Error);
            case "service: close an inbox GitHub item":
                var closed = await services.GetRequiredService<IssueItemActionsService>().CloseAsync(itemId: 0, IssueCloseChoice.Answered, ActorOf(person), Ct);
                return PassedAccessCheck(closed.Error);
            case "service: comment on a GitHub issue":
                var commented = await services.GetRequiredService<GitHubIssueActionsService>().CommentAsync("acme/widgets", 1, "Hello", ActorOf(person), Ct);
                return PassedAccessCheck(commented.Error);
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, "No such action in the matrix.");
        }
    }

    /// <summary>The actor the current-user accessor gives a page for this person: their account id, or nobody.</summary>
    private static AppActor ActorOf(Person person) =>
        person.UserId is null ? AppActor.Nobody : new AppActor(person.Email!, person.Email) { UserId = person.UserId };

    // The service may still refuse the input (no such thread); only its access check matters here.
    private static bool PassedAccessCheck(string? error) => error?.StartsWith(AccountAccess.RefusalPrefix, StringComparison.Ordinal) != true;

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CommunitySuccess.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("CommunitySuccess.sln was not found above the test binaries.");
    }
}
