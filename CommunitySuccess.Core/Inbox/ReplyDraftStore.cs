using System.Collections.Concurrent;

namespace CommunitySuccess.Core.Inbox;

/// <summary>
/// Reply drafts kept on the server by person and thread, so a draft survives a dropped connection, a reload or
/// a switch to another thread. In memory: a restart loses drafts, which is acceptable for text being typed.
/// </summary>
public sealed class ReplyDraftStore(TimeProvider time)
{
    /// <summary>Drafts kept at most; the oldest go first beyond it.</summary>
    public const int Capacity = 5000;

    private readonly ConcurrentDictionary<(string Owner, long ThreadId), (string Text, DateTime SavedAt)> _drafts = new();

    public string Get(string owner, long threadId) =>
        _drafts.TryGetValue((Key(owner), threadId), out var draft) ? draft.Text : "";

    /// <summary>Saves the draft; an empty or blank text removes it.</summary>
    public void Save(string owner, long threadId, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            Clear(owner, threadId);
            return;
        }

        _drafts[(Key(owner), threadId)] = (text, time.GetUtcNow().UtcDateTime);
        if (_drafts.Count > Capacity)
        {
            foreach (var oldest in _drafts.OrderBy(d => d.Value.SavedAt).Take(_drafts.Count - Capacity).ToList())
            {
                _drafts.TryRemove(oldest.Key, out _);
            }
        }
    }

    public void Clear(string owner, long threadId) => _drafts.TryRemove((Key(owner), threadId), out _);

    private static string Key(string owner) => (owner ?? "").Trim().ToUpperInvariant();
}
