using Microsoft.Extensions.Logging;

namespace CommunitySuccess.Core.GitHub;

/// <summary>
/// The account our GitHub token belongs to (<c>GET /user</c>): what the desk posts (comments, new issues) appears under
/// its login, so it counts as the team — as our Slack bot does — even when it is a machine account that is not on the
/// team list. Learned once per process by the sync; unknown (null) until then.
/// </summary>
public sealed class GitHubTokenIdentity(ILogger<GitHubTokenIdentity> logger)
{
    private volatile string? _login;

    /// <summary>The token's login, or null while unknown.</summary>
    public string? Login => _login;

    /// <summary>True for the token's own login.</summary>
    public bool IsToken(string? login) => login is not null && _login is { } own && string.Equals(own, login, StringComparison.OrdinalIgnoreCase);

    /// <summary>Asks GitHub once; a failure leaves it unknown and is retried by the next call.</summary>
    public async Task EnsureKnownAsync(IGitHubGateway gateway, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        if (_login is not null)
        {
            return;
        }

        try
        {
            _login = (await gateway.GetCurrentUserAsync(cancellationToken)).Login;
        }
        catch (GitHubGatewayException ex)
        {
            logger.LogWarning("Could not learn the GitHub token's login: {Error}", ex.Message);
        }
    }

    /// <summary>Sets the login directly (tests, and a settings page test that already asked).</summary>
    public void Remember(string login) => _login = string.IsNullOrWhiteSpace(login) ? null : login;
}
