using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.GitHub;

/// <summary>Why a GitHub webhook signature was refused.</summary>
public enum GitHubSignatureFailure
{
    None,
    MissingSecret,
    MissingSignature,
    MalformedSignature,
    SignatureMismatch,
}

/// <summary>The outcome of a signature check; <see cref="Reason"/> is safe to return in a 401 (it never holds the secret).</summary>
public sealed record GitHubSignatureResult(GitHubSignatureFailure Failure, string Reason)
{
    public static GitHubSignatureResult Valid { get; } = new(GitHubSignatureFailure.None, "The GitHub signature is valid.");

    public bool IsValid => Failure == GitHubSignatureFailure.None;
}

/// <summary>
/// Checks a GitHub webhook delivery: <c>X-Hub-Signature-256</c> must be <c>sha256=</c> + hex HMAC-SHA256 of the raw
/// body bytes keyed with the webhook secret, compared in constant time. Without a configured secret nothing is valid.
/// </summary>
public sealed class GitHubWebhookVerifier(IOptionsMonitor<GitHubOptions> options)
{
    public const string SignatureHeader = "X-Hub-Signature-256";
    public const string EventHeader = "X-GitHub-Event";
    public const string DeliveryHeader = "X-GitHub-Delivery";

    private const string Prefix = "sha256=";
    private const int HashLength = 32;

    /// <summary>Checks a delivery against <see cref="GitHubOptions.WebhookSecret"/>.</summary>
    public GitHubSignatureResult Verify(string? signatureHeader, ReadOnlySpan<byte> rawBody) =>
        Verify(options.CurrentValue.WebhookSecret, signatureHeader, rawBody);

    /// <summary>Checks a delivery against the given secret, over the raw body bytes exactly as received.</summary>
    public static GitHubSignatureResult Verify(string? secret, string? signatureHeader, ReadOnlySpan<byte> rawBody)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return new(GitHubSignatureFailure.MissingSecret, "No GitHub webhook secret is configured (GitHub:WebhookSecret).");
        }

        if (string.IsNullOrWhiteSpace(signatureHeader))
        {
            return new(GitHubSignatureFailure.MissingSignature, $"The {SignatureHeader} header is missing (is a secret set on the GitHub webhook?).");
        }

        if (!TryDecode(signatureHeader, out var given))
        {
            return new(GitHubSignatureFailure.MalformedSignature, $"The {SignatureHeader} header is not '{Prefix}' followed by 64 hex digits.");
        }

        return CryptographicOperations.FixedTimeEquals(Hash(secret, rawBody), given)
            ? GitHubSignatureResult.Valid
            : new(GitHubSignatureFailure.SignatureMismatch, "The GitHub signature does not match the body and the configured webhook secret.");
    }

    /// <summary>Checks a body given as text (hashed as UTF-8, which is what GitHub sends).</summary>
    public static GitHubSignatureResult Verify(string? secret, string? signatureHeader, string rawBody) =>
        Verify(secret, signatureHeader, Encoding.UTF8.GetBytes(rawBody ?? ""));

    /// <summary>The header GitHub would send for this body (for tests and the sandbox's callers).</summary>
    public static string ComputeSignature(string secret, ReadOnlySpan<byte> rawBody)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return Prefix + Convert.ToHexStringLower(Hash(secret, rawBody));
    }

    /// <inheritdoc cref="ComputeSignature(string, ReadOnlySpan{byte})" />
    public static string ComputeSignature(string secret, string rawBody) => ComputeSignature(secret, Encoding.UTF8.GetBytes(rawBody));

    private static byte[] Hash(string secret, ReadOnlySpan<byte> rawBody) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), rawBody);

    private static bool TryDecode(string header, out byte[] hash)
    {
        hash = [];
        var trimmed = header.Trim();
        if (!trimmed.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || trimmed.Length != Prefix.Length + (HashLength * 2))
        {
            return false;
        }

        try
        {
            hash = Convert.FromHexString(trimmed.AsSpan(Prefix.Length));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
