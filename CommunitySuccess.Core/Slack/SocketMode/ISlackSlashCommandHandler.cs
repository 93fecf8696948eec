namespace CommunitySuccess.Core.Slack.SocketMode;

/// <summary>Answers one slash command arriving over Socket Mode (the HTTP endpoint answers the same command itself).</summary>
public interface ISlackSlashCommandHandler
{
    /// <summary>The command, with its slash: <c>/oncall</c>.</summary>
    string Command { get; }

    /// <summary>The ephemeral reply text for <paramref name="text"/> (what the user typed after the command).</summary>
    Task<string> AnswerAsync(string text, CancellationToken cancellationToken);
}
