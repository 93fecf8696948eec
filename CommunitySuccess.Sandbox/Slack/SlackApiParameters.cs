using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CommunitySuccess.Sandbox.Slack;

/// <summary>
/// A Web API call's arguments, merged as Slack merges them: query string, then a form body
/// (<c>application/x-www-form-urlencoded</c> or multipart) or a JSON body. JSON strings keep their value;
/// booleans, numbers, objects and arrays keep their JSON text (<c>true</c>, <c>200</c>, <c>{"event_type":…}</c>).
/// </summary>
internal sealed class SlackApiParameters
{
    private readonly Dictionary<string, string> _values;

    private SlackApiParameters(Dictionary<string, string> values, string? bodyToken)
    {
        _values = values;
        BodyToken = bodyToken;
    }

    /// <summary>A <c>token</c> sent in a form body (Slack still accepts it there; it is never logged).</summary>
    public string? BodyToken { get; }

    public IReadOnlyDictionary<string, string> Values => _values;

    /// <summary>The argument, or null when absent or empty (Slack treats both alike).</summary>
    public string? this[string name] => _values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public string Required(string name) =>
        this[name] ?? throw new SlackApiException("invalid_arguments", $"[ERROR] missing required field: {name}");

    public bool Flag(string name) => this[name]?.Trim().ToLowerInvariant() is "true" or "1";

    public int Limit(int defaultValue, int max)
    {
        var text = this[name: "limit"];
        if (text is null)
        {
            return defaultValue;
        }

        if (!int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit))
        {
            throw new SlackApiException("invalid_arguments", "[ERROR] invalid value for field limit: expected an integer");
        }

        return limit <= 0 ? defaultValue : Math.Min(limit, max);
    }

    public static async Task<SlackApiParameters> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Query)
        {
            values[key] = value.ToString();
        }

        string? bodyToken = null;
        if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            JsonDocument document;
            try
            {
                document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException)
            {
                throw new SlackApiException("invalid_json");
            }

            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new SlackApiException("json_not_object");
                }

                foreach (var property in document.RootElement.EnumerateObject())
                {
                    switch (property.Value.ValueKind)
                    {
                        case JsonValueKind.Null or JsonValueKind.Undefined:
                            break;
                        case JsonValueKind.String:
                            values[property.Name] = property.Value.GetString()!;
                            break;
                        default:
                            values[property.Name] = property.Value.GetRawText();
                            break;
                    }
                }
            }
        }
        else if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
            foreach (var (key, value) in form)
            {
                if (key == "token")
                {
                    bodyToken = value.ToString();
                    continue;
                }

                values[key] = value.ToString();
            }
        }

        // A token in the query string is not accepted by Slack for new apps; it is dropped so it is never logged.
        values.Remove("token");
        return new SlackApiParameters(values, bodyToken);
    }

    /// <summary>Slack's cursors are base64 of <c>next_ts:{ts without the dot}</c>.</summary>
    public static string EncodeCursor(long ts) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"next_ts:{ts}")));

    public long? Cursor()
    {
        var cursor = this["cursor"];
        if (cursor is null)
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            if (text.StartsWith("next_ts:", StringComparison.Ordinal) &&
                long.TryParse(text.AsSpan("next_ts:".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var ts))
            {
                return ts;
            }
        }
        catch (FormatException)
        {
            // falls through to invalid_cursor
        }

        throw new SlackApiException("invalid_cursor");
    }
}

/// <summary>A Slack API error: answered HTTP 200 <c>{"ok":false,"error":…}</c>.</summary>
internal sealed class SlackApiException(string error, string? detail = null) : Exception(error)
{
    public string Error { get; } = error;
    public string? Detail { get; } = detail;

    /// <summary>For <c>missing_scope</c>: the scope the method needs.</summary>
    public string? Needed { get; init; }

    /// <summary>For <c>missing_scope</c>: the token's scopes, comma-separated.</summary>
    public string? Provided { get; init; }
}
