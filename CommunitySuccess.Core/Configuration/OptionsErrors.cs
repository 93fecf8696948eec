namespace CommunitySuccess.Core.Configuration;

/// <summary>Collects validation failures that name the configuration key they are about.</summary>
public sealed class OptionsErrors
{
    private readonly List<string> _errors = [];

    public IReadOnlyList<string> Errors => _errors;

    public void Add(string message) => _errors.Add(message);

    public void Require(bool condition, string message)
    {
        if (!condition)
        {
            _errors.Add(message);
        }
    }

    public void AbsoluteHttpUrl(string key, string? value, bool allowEmpty)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Require(allowEmpty, $"{key} is required.");
            return;
        }

        Require(
            Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps),
            $"{key} must be an absolute http(s) URL, not '{value}'.");
    }

    public void TimeZone(string key, string? value, bool allowEmpty)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Require(allowEmpty, $"{key} is required.");
            return;
        }

        Require(TimeZoneInfo.TryFindSystemTimeZoneById(value, out _), $"{key} must be an IANA time zone such as Europe/Berlin, not '{value}'.");
    }

    public void Range(string key, int value, int min, int max) =>
        Require(value >= min && value <= max, $"{key} must be between {min} and {max}, not {value}.");

    public Microsoft.Extensions.Options.ValidateOptionsResult ToResult() =>
        _errors.Count == 0
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Success
            : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(_errors);
}
