using System.Net;
using CommunitySuccess.Core.Configuration;
using CommunitySuccess.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.GitHub;

/// <summary>One thing wrong with the GitHub setup, and what to do about it.</summary>
public sealed record GitHubSetupProblem(string Subject, string Problem, string Fix);

/// <summary>The outcome of <see cref="GitHubSetupCheck.RunAsync"/>: the problems (empty when all is well) and what passed.</summary>
public sealed record GitHubSetupReport(IReadOnlyList<GitHubSetupProblem> Problems, IReadOnlyList<string> Passed);

/// <summary>
/// Checks what a first GitHub installation gets wrong, for <c>/settings</c>: the token, each repository's access,
/// the permission every desk write needs ("Issues: Read and write", checked without creating anything), and whether
/// webhook deliveries arrive. Each problem comes with its fix.
/// </summary>
public sealed class GitHubSetupCheck(
    IGitHubGateway gateway,
    IDbContextFactory<AppDbContext> dbFactory,
    IOptionsMonitor<GitHubOptions> options,
    IOptionsMonitor<AppOptions> app)
{
    private const string IssuesWrite = "Issues: Read and write";

    /// <summary>Runs every check; GitHub errors become problems, never exceptions (cancellation aside).</summary>
    public async Task<GitHubSetupReport> RunAsync(CancellationToken cancellationToken)
    {
        var current = options.CurrentValue;
        var problems = new List<GitHubSetupProblem>();
        var passed = new List<string>();
        if (string.IsNullOrEmpty(current.Token))
        {
            problems.Add(new("GitHub:Token", "No GitHub token is set.", "Create a fine-grained token with \"Issues: Read and write\" and \"Pull requests: Read-only\" on your repositories and set GitHub__Token."));
            return new GitHubSetupReport(problems, passed);
        }

        try
        {
            var user = await gateway.GetCurrentUserAsync(cancellationToken);
            passed.Add($"The token signs in as {user.Login}.");
        }
        catch (GitHubGatewayException ex)
        {
            problems.Add(ex.StatusCode == HttpStatusCode.Unauthorized
                ? new("GitHub:Token", "GitHub refuses the token (401): it is wrong, expired or revoked.", "Create a new token and set GitHub__Token.")
                : new("GitHub", $"GitHub could not be reached: {ex.Message}", "Check GitHub:ApiBaseUrl and the network, then check again."));
            return new GitHubSetupReport(problems, passed);
        }

        if (current.Repositories.Count == 0)
        {
            problems.Add(new("GitHub:Repositories", "No repository is configured.", "Add each repository as owner/name to GitHub:Repositories."));
        }

        foreach (var repository in current.Repositories)
        {
            await CheckRepositoryAsync(repository, problems, passed, cancellationToken);
        }

        await CheckWebhooksAsync(current, problems, passed, cancellationToken);
        return new GitHubSetupReport(problems, passed);
    }

    private async Task CheckRepositoryAsync(string repository, List<GitHubSetupProblem> problems, List<string> passed, CancellationToken cancellationToken)
    {
        var (owner, name) = GitHubSyncService.Split(repository);
        try
        {
            await gateway.ListLabelsAsync(owner, name, cancellationToken);
        }
        catch (GitHubGatewayException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden && !ex.IsRateLimited)
        {
            problems.Add(new(
                repository,
                $"The token cannot see {repository} ({(int)ex.StatusCode!}{(ex.GitHubMessage is null ? "" : ": " + ex.GitHubMessage)}).",
                $"Fine-grained token: add {repository} under \"Repository access\" (the token's owner must be {owner} or have access to it). Classic token: the repo scope, and SSO authorisation if {owner} uses SAML. Or correct the name in GitHub:Repositories."));
            return;
        }
        catch (GitHubGatewayException ex)
        {
            problems.Add(new(repository, $"Checking {repository} failed: {ex.Message}", "Check again in a few minutes."));
            return;
        }

        try
        {
            if (await gateway.FindMissingIssuesWriteAsync(owner, name, cancellationToken) is { } missing)
            {
                problems.Add(new(
                    repository,
                    $"The token may read {repository} but not write to its issues: replies, labels and closing fail (missing \"{missing}\").",
                    $"Grant the token \"{(missing.StartsWith("the permission", StringComparison.Ordinal) ? IssuesWrite : missing)}\" on {repository} (fine-grained token → Permissions → Repository permissions), then check again."));
                return;
            }
        }
        catch (GitHubGatewayException ex)
        {
            problems.Add(new(repository, $"Checking write access to {repository} failed: {ex.Message}", "Check again in a few minutes."));
            return;
        }

        passed.Add($"{repository}: the token can read it and write to its issues.");
    }

    private async Task CheckWebhooksAsync(GitHubOptions current, List<GitHubSetupProblem> problems, List<string> passed, CancellationToken cancellationToken)
    {
        var hookUrl = string.IsNullOrEmpty(app.CurrentValue.PublicUrl)
            ? "<App:PublicUrl>/github/webhooks"
            : new Uri(new Uri(app.CurrentValue.PublicUrl), "github/webhooks").ToString();
        if (string.IsNullOrEmpty(current.WebhookSecret))
        {
            problems.Add(new(
                "GitHub:WebhookSecret",
                "Webhooks are off: GitHub changes show only after the next poll (Sync:GitHubCron).",
                $"Set GitHub__WebhookSecret and add a webhook in each repository (Settings → Webhooks): {hookUrl}, content type application/json, that secret, events Issues, Issue comments, Pull requests, Pull request reviews, Releases."));
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var last = await db.Set<ProcessedGitHubDelivery>().OrderByDescending(d => d.ReceivedAt).Select(d => (DateTime?)d.ReceivedAt).FirstOrDefaultAsync(cancellationToken);
        if (last is null)
        {
            problems.Add(new(
                "Webhooks",
                "No webhook delivery has arrived yet.",
                $"In each repository's Settings → Webhooks, add {hookUrl} (content type application/json, secret = GitHub:WebhookSecret) and look at \"Recent Deliveries\" for errors. GitHub must be able to reach App:PublicUrl."));
            return;
        }

        passed.Add($"Webhook deliveries arrive (last at {last:yyyy-MM-dd HH:mm} UTC).");
    }
}
