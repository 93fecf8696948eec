using CommunitySuccess.Core.Outbox;

namespace CommunitySuccess.Tests.TestSupport;

/// <summary>
/// An outbox sender for two test kinds: <see cref="Works"/> is sent, <see cref="Throws"/> throws an exception that
/// is not an <see cref="OutboxSendException"/> (a bug in a sender, a payload of an unexpected shape).
/// </summary>
public sealed class ScriptedOutboxSender : IOutboxSender
{
    public const string Works = "test.works";
    public const string Throws = "test.throws";

    public List<long> Sent { get; } = [];

    public bool Handles(string kind) => kind is Works or Throws;

    public Task<string?> FindEarlierSendAsync(OutboxMessage message, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    public Task<string?> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Kind == Throws)
        {
            throw new InvalidOperationException("The payload has a shape this sender does not know.");
        }

        Sent.Add(message.Id);
        return Task.FromResult<string?>($"ref-{message.Id}");
    }
}
