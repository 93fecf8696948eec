using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CommunitySuccess.Core.Slack;

/// <summary>Why a Slack request signature was refused.</summary>
public enum SlackSignatureFailure
{
    None,
    MissingSigningSecret,
    MissingTimestamp,
    MalformedTimestamp,
    StaleTimestamp,
    MissingSignature,
    MalformedSignature,
    SignatureMismatch,
}

/// <summary>The outcome of a signature check; <see cref="Reason"/> is safe to return in a 401 (it never holds the secret).</summary>
public sealed record SlackSignatureResult(SlackSignatureFailure Failure, string Reason)
{
    public static SlackSignatureResult Valid { get; } = new(SlackSignatureFailure.None, "The Slack signature is valid.");

    public bool IsValid => Failure == SlackSignatureFailure.None;
}

/// <summary>
/// Checks Slack's request signature (<c>X-Slack-Signature</c>: <c>v0=</c> + hex HMAC-SHA256 of
/// <c>v0:{timestamp}:{raw body}</c> keyed with the signing secret) and refuses requests whose
/// <c>X-Slack-Request-Timestamp</c> is more than five minutes from now, so a captured request cannot be replayed.
/// Pure: the secret is passed in, the clock is the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class SlackSignatureVerifier(TimeProvider timeProvider)
{
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    public const string SignatureHeader = "X-Slack-Signature";
    public const string Version = "v0";

    /// <summary>How far a request's timestamp may be from now, either way.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    private const int HashLength = 32;

    /// <summary>Checks a request whose raw body is given as text (hashed as UTF-8, which is what Slack sends).</summary>
    public SlackSignatureResult Verify(string signingSecret, string? timestamp, string? signature, string rawBody) =>
        Verify(signingSecret, timestamp, signature, Encoding.UTF8.GetBytes(rawBody ?? ""));

    /// <summary>Checks a request against its raw body bytes, exactly as received.</summary>
    public SlackSignatureResult Verify(string signingSecret, string? timestamp, string? signature, ReadOnlySpan<byte> rawBody)
    {
        if (string.IsNullOrEmpty(signingSecret))
        {
            return Fail(SlackSignatureFailure.MissingSigningSecret, "No Slack signing secret is configured (Slack:SigningSecret).");
        }

        if (string.IsNullOrWhiteSpace(timestamp))
        {
            return Fail(SlackSignatureFailure.MissingTimestamp, $"The {TimestampHeader} header is missing.");
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return Fail(SlackSignatureFailure.MalformedTimestamp, $"The {TimestampHeader} header is not a Unix time in seconds.");
        }

        var skew = timeProvider.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (skew.Duration() > MaxClockSkew)
        {
            return Fail(
                SlackSignatureFailure.StaleTimestamp,
                $"The {TimestampHeader} is {skew.Duration().TotalMinutes:0} minutes from now (more than {MaxClockSkew.TotalMinutes:0} allowed); check the server clock.");
        }

        if (string.IsNullOrWhiteSpace(signature))
        {
            return Fail(SlackSignatureFailure.MissingSignature, $"The {SignatureHeader} header is missing.");
        }

        if (!TryDecodeSignature(signature, out var given))
        {
            return Fail(SlackSignatureFailure.MalformedSignature, $"The {SignatureHeader} header is not '{Version}=' followed by 64 hex digits.");
        }

        var expected = ComputeHash(signingSecret, timestamp, rawBody);
        return CryptographicOperations.FixedTimeEquals(expected, given)
            ? SlackSignatureResult.Valid
            : Fail(SlackSignatureFailure.SignatureMismatch, "The Slack signature does not match the request body and the configured signing secret.");
    }

    /// <summary>The signature Slack would send for this body (for tests and the sandbox's callers).</summary>
    public static string ComputeSignature(string signingSecret, string timestamp, string rawBody) =>
        ComputeSignature(signingSecret, timestamp, Encoding.UTF8.GetBytes(rawBody));

    /// <inheritdoc cref="ComputeSignature(string, string, string)" />
    public static string ComputeSignature(string signingSecret, string timestamp, ReadOnlySpan<byte> rawBody)
    {
        ArgumentException.ThrowIfNullOrEmpty(signingSecret);
        ArgumentException.ThrowIfNullOrEmpty(timestamp);
        return $"{Version}={Convert.ToHexStringLower(ComputeHash(signingSecret, timestamp, rawBody))}";
    }

    private static byte[] ComputeHash(string signingSecret, string timestamp, ReadOnlySpan<byte> rawBody)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(signingSecret));
        hmac.AppendData(Encoding.UTF8.GetBytes($"{Version}:{timestamp}:"));
        hmac.AppendData(rawBody);
        return hmac.GetHashAndReset();
    }

    private static bool TryDecodeSignature(string signature, out byte[] hash)
    {
        hash = [];
        var prefix = Version + "=";
        var trimmed = signature.Trim();
        if (!trimmed.StartsWith(prefix, StringComparison.Ordinal) || trimmed.Length != prefix.Length + (HashLength * 2))
        {
            return false;
        }

        try
        {
            hash = Convert.FromHexString(trimmed.AsSpan(prefix.Length));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static SlackSignatureResult Fail(SlackSignatureFailure failure, string reason) => new(failure, reason);
}
