using CommunitySuccess.Core.Slack.SocketMode;

namespace CommunitySuccess.Core.OnCall;

/// <summary><c>/oncall</c> over Socket Mode: the same answer <c>POST /slack/commands</c> gives.</summary>
public sealed class OnCallSlashCommand(OnCallService onCall) : ISlackSlashCommandHandler
{
    public string Command => "/oncall";

    public async Task<string> AnswerAsync(string text, CancellationToken cancellationToken) =>
        OnCallText.SlashCommandAnswer(await onCall.GetStatusAsync(cancellationToken));
}
