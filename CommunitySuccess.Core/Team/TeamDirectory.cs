namespace CommunitySuccess.Core.Team;

/// <summary>
/// Who counts as "the team" right now: active members' Slack ids and GitHub logins, plus our own Slack bot
/// (recognised through <c>auth.test</c>, not by the <c>bot_message</c> subtype). An immutable snapshot.
/// </summary>
public sealed class TeamDirectory(IEnumerable<TeamMember> members, string? botUserId, string? botId)
{
    private readonly HashSet<string> _slackIds = members.Where(m => m.IsActive && !string.IsNullOrEmpty(m.SlackUserId))
        .Select(m => m.SlackUserId!).ToHashSet(StringComparer.Ordinal);

    private readonly HashSet<string> _gitHubLogins = members.Where(m => m.IsActive && !string.IsNullOrEmpty(m.GitHubLogin))
        .Select(m => m.GitHubLogin!).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public static readonly TeamDirectory Empty = new([], null, null);

    public string? BotUserId { get; } = botUserId;

    public string? BotId { get; } = botId;

    public IReadOnlySet<string> SlackUserIds => _slackIds;

    /// <summary>A message or reaction by this Slack user (or our bot) counts as the team's.</summary>
    public bool IsTeamSlackUser(string? userId, string? botId = null) =>
        (userId is not null && (_slackIds.Contains(userId) || userId == BotUserId))
        || (botId is not null && botId == BotId);

    /// <summary>Our own bot: its posts count as the team but never open a thread.</summary>
    public bool IsOurBot(string? userId, string? botId) =>
        (userId is not null && userId == BotUserId) || (botId is not null && botId == BotId);

    public bool IsTeamGitHubLogin(string? login) => login is not null && _gitHubLogins.Contains(login);

    public TeamDirectory WithBot(string? botUserId, string? botId) => new(Members, botUserId, botId);

    private IEnumerable<TeamMember> Members { get; } = members.ToList();
}
