using System.Net;

namespace CommunitySuccess.Core.GitHub;

/// <summary>
/// Conditional GETs for Octokit, which has no ETag support: a GET whose answer is cached goes out with
/// <c>If-None-Match</c>; a <c>304 Not Modified</c> (which costs no rate limit) comes back to Octokit as the cached
/// <c>200</c>, with the 304's fresh headers laid over the stored ones (RFC 9111 §4.3.4) and
/// <see cref="FromCacheHeader"/> set, so Octokit parses it and follows its <c>Link</c> as usual.
/// </summary>
public sealed class GitHubETagCacheHandler(GitHubETagCache cache) : DelegatingHandler
{
    /// <summary>Set to <c>1</c> on a response rebuilt from the cache after a 304.</summary>
    public const string FromCacheHeader = "X-CS-From-Cache";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scope = GitHubCallScope.Current;
        if (request.Method != HttpMethod.Get || request.Headers.IfNoneMatch.Count > 0 || request.Headers.IfModifiedSince is not null)
        {
            var passed = await base.SendAsync(request, cancellationToken);
            scope?.RecordResponse(fromCache: false);
            return passed;
        }

        var key = GitHubETagCache.KeyFor(request);
        var cached = cache.TryGet(key);
        if (cached is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", cached.ETag);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotModified && cached is not null)
        {
            var rebuilt = Rebuild(request, response, cached);
            response.Dispose();
            scope?.RecordResponse(fromCache: true);
            return rebuilt;
        }

        if (response.StatusCode == HttpStatusCode.OK && response.Headers.ETag is { } etag)
        {
            // Buffers the body: Octokit reads the same content afterwards.
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (IsWholeJson(body))
            {
                cache.Set(new GitHubETagCache.Entry(key, etag.ToString(), body, Copy(response.Headers), Copy(response.Content.Headers)));
            }
            else
            {
                // A body cut short on the way still carries the whole one's ETag: kept, every later 304 would replay
                // the broken copy and the sync would fail until the data changed on GitHub.
                cache.Remove(key);
            }
        }
        else if (cached is not null && response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            // Changed without a validator, or gone. A rate limit or a server error leaves the copy for next time.
            cache.Remove(key);
        }

        scope?.RecordResponse(fromCache: false);
        return response;
    }

    private static bool IsWholeJson(byte[] body)
    {
        var reader = new System.Text.Json.Utf8JsonReader(body);
        try
        {
            while (reader.Read())
            {
            }

            return reader.BytesConsumed > 0;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private HttpResponseMessage Rebuild(HttpRequestMessage request, HttpResponseMessage notModified, GitHubETagCache.Entry cached)
    {
        var rebuilt = new HttpResponseMessage(HttpStatusCode.OK)
        {
            RequestMessage = request,
            Version = notModified.Version,
            Content = new ByteArrayContent(cached.Body),
        };
        foreach (var (name, values) in cached.ContentHeaders)
        {
            rebuilt.Content.Headers.TryAddWithoutValidation(name, values);
        }

        foreach (var (name, values) in cached.Headers)
        {
            rebuilt.Headers.TryAddWithoutValidation(name, values);
        }

        foreach (var (name, values) in notModified.Headers)
        {
            rebuilt.Headers.Remove(name);
            rebuilt.Headers.TryAddWithoutValidation(name, values);
        }

        rebuilt.Headers.TryAddWithoutValidation(FromCacheHeader, "1");

        // Keep the refreshed headers (a new ETag, if GitHub sent one) for next time.
        var etag = notModified.Headers.ETag?.ToString() ?? cached.ETag;
        cache.Set(cached with { ETag = etag, Headers = Copy(rebuilt.Headers).Where(h => h.Key != FromCacheHeader).ToList() });
        return rebuilt;
    }

    private static List<KeyValuePair<string, string[]>> Copy(System.Net.Http.Headers.HttpHeaders headers) =>
        [.. headers.Select(h => KeyValuePair.Create(h.Key, h.Value.ToArray()))];
}
