using System.Security.Cryptography;
using System.Text;

namespace CommunitySuccess.Core.GitHub;

/// <summary>
/// The stored answers behind <see cref="GitHubETagCacheHandler"/>: the last <c>200</c> of each GET (per URL, Accept
/// header and token) with its ETag, least recently used first out. A singleton: the handler instances come and go with
/// the HTTP client factory's handler rotation, the cache must not.
/// </summary>
public sealed class GitHubETagCache
{
    /// <summary>Default bound on entries.</summary>
    public const int DefaultMaxEntries = 5_000;

    /// <summary>Default bound on stored body bytes (about a hundred pages of 100 issues).</summary>
    public const long DefaultMaxBytes = 64L * 1024 * 1024;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _byKey = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new();
    private readonly int _maxEntries;
    private readonly long _maxBytes;
    private long _bytes;

    public GitHubETagCache()
        : this(DefaultMaxEntries, DefaultMaxBytes)
    {
    }

    public GitHubETagCache(int maxEntries, long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEntries);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        _maxEntries = maxEntries;
        _maxBytes = maxBytes;
    }

    /// <summary>How many answers are stored.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byKey.Count;
            }
        }
    }

    /// <summary>Body bytes stored.</summary>
    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    /// <summary>
    /// The cache key of a request: method, absolute URL, Accept, and a hash of Authorization (two tokens may see
    /// different data; the token itself is not kept).
    /// </summary>
    public static string KeyFor(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var accept = string.Join(",", request.Headers.Accept.Select(a => a.ToString()));
        var authorization = request.Headers.Authorization?.ToString()
            ?? (request.Headers.TryGetValues("Authorization", out var values) ? string.Join(",", values) : "");
        var authHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(authorization)));
        return $"{request.Method.Method} {request.RequestUri?.AbsoluteUri}\n{accept}\n{authHash}";
    }

    /// <summary>The stored answer for a key, marked as just used.</summary>
    public Entry? TryGet(string key)
    {
        lock (_lock)
        {
            if (!_byKey.TryGetValue(key, out var node))
            {
                return null;
            }

            _recency.Remove(node);
            _recency.AddFirst(node);
            return node.Value;
        }
    }

    /// <summary>Stores (or replaces) an answer, then evicts the least recently used until within bounds.</summary>
    public void Set(Entry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_lock)
        {
            RemoveLocked(entry.Key);
            if (entry.Body.Length > _maxBytes)
            {
                return;
            }

            _byKey[entry.Key] = _recency.AddFirst(entry);
            _bytes += entry.Body.Length;
            while (_byKey.Count > _maxEntries || _bytes > _maxBytes)
            {
                RemoveLocked(_recency.Last!.Value.Key);
            }
        }
    }

    /// <summary>Forgets an answer (the resource changed without a new ETag, or went away).</summary>
    public void Remove(string key)
    {
        lock (_lock)
        {
            RemoveLocked(key);
        }
    }

    private void RemoveLocked(string key)
    {
        if (_byKey.Remove(key, out var node))
        {
            _recency.Remove(node);
            _bytes -= node.Value.Body.Length;
        }
    }

    /// <summary>One stored <c>200</c>: its ETag, body, and the headers to replay (Link, content type, …).</summary>
    public sealed record Entry(
        string Key,
        string ETag,
        byte[] Body,
        IReadOnlyList<KeyValuePair<string, string[]>> Headers,
        IReadOnlyList<KeyValuePair<string, string[]>> ContentHeaders);
}
