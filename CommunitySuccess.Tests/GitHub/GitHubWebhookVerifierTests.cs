using System.Text;
using CommunitySuccess.Core.GitHub;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Tests.GitHub;

public sealed class GitHubWebhookVerifierTests
{
    // GitHub's documented example ("Validating webhook deliveries").
    private const string Secret = "It's a Secret to Everybody";
    private const string Payload = "Hello, World!";
    private const string Signature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    [Fact]
    public void ComputeSignature_GitHubsDocumentedExample_MatchesTheDocumentedHeader() =>
        Assert.Equal(Signature, GitHubWebhookVerifier.ComputeSignature(Secret, Payload));

    [Fact]
    public void Verify_GitHubsDocumentedExample_IsValid()
    {
        var result = GitHubWebhookVerifier.Verify(Secret, Signature, Encoding.UTF8.GetBytes(Payload));

        Assert.True(result.IsValid);
        Assert.Equal(GitHubSignatureFailure.None, result.Failure);
    }

    [Fact]
    public void Verify_UpperCaseHexDigits_IsValid() =>
        Assert.True(GitHubWebhookVerifier.Verify(Secret, "sha256=" + Signature["sha256=".Length..].ToUpperInvariant(), Payload).IsValid);

    [Fact]
    public void Verify_ConfiguredSecret_IsUsed()
    {
        var verifier = new GitHubWebhookVerifier(new StaticOptions(new GitHubOptions { WebhookSecret = Secret }));

        Assert.True(verifier.Verify(Signature, Encoding.UTF8.GetBytes(Payload)).IsValid);
        Assert.False(verifier.Verify(Signature, Encoding.UTF8.GetBytes(Payload + " ")).IsValid);
    }

    [Theory]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e18")]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000")]
    public void Verify_WrongSignature_IsRefusedAsMismatch(string signature)
    {
        var result = GitHubWebhookVerifier.Verify(Secret, signature, Payload);

        Assert.False(result.IsValid);
        Assert.Equal(GitHubSignatureFailure.SignatureMismatch, result.Failure);
    }

    [Fact]
    public void Verify_BodyChanged_IsRefusedAsMismatch() =>
        Assert.Equal(GitHubSignatureFailure.SignatureMismatch, GitHubWebhookVerifier.Verify(Secret, Signature, "Hello, World?").Failure);

    [Fact]
    public void Verify_OtherSecret_IsRefusedAsMismatch() =>
        Assert.Equal(GitHubSignatureFailure.SignatureMismatch, GitHubWebhookVerifier.Verify("another secret", Signature, Payload).Failure);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Verify_MissingHeader_IsRefusedNamingTheHeader(string? header)
    {
        var result = GitHubWebhookVerifier.Verify(Secret, header, Payload);

        Assert.Equal(GitHubSignatureFailure.MissingSignature, result.Failure);
        Assert.Contains("X-Hub-Signature-256", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData("sha1=7d38cdd689735b008b3c702edd92eea23791c5f6")]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e1")]
    [InlineData("sha256=zz7107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    public void Verify_MalformedHeader_IsRefusedAsMalformed(string header) =>
        Assert.Equal(GitHubSignatureFailure.MalformedSignature, GitHubWebhookVerifier.Verify(Secret, header, Payload).Failure);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Verify_NoSecretConfigured_RefusesEvenAMatchingEmptyKeySignature(string? secret)
    {
        var emptyKeySignature = "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Array.Empty<byte>(), Encoding.UTF8.GetBytes(Payload)));

        var result = GitHubWebhookVerifier.Verify(secret, emptyKeySignature, Payload);

        Assert.Equal(GitHubSignatureFailure.MissingSecret, result.Failure);
        Assert.Contains("GitHub:WebhookSecret", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_AnyRefusal_NeverEchoesTheSecret()
    {
        foreach (var header in new[] { null, "bad", "sha256=" + new string('0', 64) })
        {
            Assert.DoesNotContain(Secret, GitHubWebhookVerifier.Verify(Secret, header, Payload).Reason, StringComparison.Ordinal);
        }
    }

    private sealed class StaticOptions(GitHubOptions value) : IOptionsMonitor<GitHubOptions>
    {
        public GitHubOptions CurrentValue => value;

        public GitHubOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<GitHubOptions, string?> listener) => null;
    }
}
