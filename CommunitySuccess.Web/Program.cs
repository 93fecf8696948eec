using CommunitySuccess.Core.Data;
using CommunitySuccess.Core.GitHub;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Insights;
using CommunitySuccess.Core.OnCall;
using CommunitySuccess.Core.Outbox;
using CommunitySuccess.Core.Review;
using CommunitySuccess.Core.Search;
using CommunitySuccess.Core.Shared;
using CommunitySuccess.Core.Slack;
using CommunitySuccess.Core.Team;
using CommunitySuccess.Web.DemoMode;
using CommunitySuccess.Web.Accounts;
using CommunitySuccess.Web.Components;
using CommunitySuccess.Web.Components.Pages.Inbox;
using CommunitySuccess.Web.Endpoints;
using CommunitySuccess.Web.Hosting;
using CommunitySuccess.Web.Jobs;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(AppCommands.HostArguments(args));

// Configuration: the repository-root appsettings.json, then environment variables and user secrets.
RootAppSettings.Use(builder.Configuration, builder.Environment.ContentRootPath);
if (builder.Environment.IsDevelopment())
{
    builder.Logging.AddSimpleConsole(options => { options.SingleLine = true; options.TimestampFormat = "HH:mm:ss "; });
}
else
{
    builder.Logging.ClearProviders().AddJsonConsole();
}

builder.Logging.KeepHttpClientLoggingQuiet(builder.Configuration);

AppMode mode;
try
{
    mode = AppMode.From(builder.Configuration, builder.Environment.ContentRootPath);
}
catch (OptionsValidationException ex)
{
    await ConfigurationErrors.ReportAsync(ex);
    return;
}

if (AppCommands.IsRequested(args))
{
    Environment.ExitCode = await AppCommands.RunAsync(args, mode, builder.Configuration);
    return;
}

builder.Services.AddSingleton(mode);
if (mode.IsDemo)
{
    // Demo mode: the sandbox stands in for Slack and GitHub, and the options point at it.
    builder.Services.AddSingleton(await DemoSandbox.StartAsync(builder.Configuration, mode.ConnectionString));
    builder.Services.AddHostedService<DemoModeSeeder>();
}

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddAppOptions(builder.Configuration);

// Data, accounts, jobs
builder.Services.AddAppDatabase(mode.Database);
builder.Services.AddAccounts();
builder.Services.AddNetworkSecurity(builder.Configuration);
builder.Services.AddSecurityHeaders();
builder.Services.AddJobs(builder.Configuration, mode.Database);
builder.Services.AddAppHealthChecks();
// First of the hosted services: migrations and seeding finish before any worker touches the database.
builder.Services.AddHostedService<StartupInitializer>();

// Features
builder.Services.AddShared();
builder.Services.AddTeam();
builder.Services.AddInbox();
builder.Services.AddInboxWorkspace();
builder.Services.AddOutbox(runWorker: true);
builder.Services.AddSlackSync();
builder.Services.AddGitHubSync();
builder.Services.AddSearch();
builder.Services.AddReviewAndBacklog();
builder.Services.AddOnCall();
builder.Services.AddInsights();

// UI
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddInboxPages();
builder.Services.AddSingleton<ConfigurationOverview>();

var app = builder.Build();
app.UseNetworkSecurity();
app.UseSecurityHeaders();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}

app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets().AllowAnonymous();
app.MapAppHealthChecks();
app.MapAccountEndpoints();
app.MapSlackEndpoints();
app.MapGitHubEndpoints();
app.MapOnCallEndpoints();
app.MapInsightsEndpoints();
app.MapJobsDashboard(Policies.Admin);
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

try
{
    await app.RunAsync();
}
catch (OptionsValidationException ex)
{
    await ConfigurationErrors.ReportAsync(ex);
}

/// <summary>Entry point; public so the test host can start the app.</summary>
public partial class Program;
