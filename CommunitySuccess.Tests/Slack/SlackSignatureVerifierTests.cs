using System.Text;
using CommunitySuccess.Core.Slack;
using Microsoft.Extensions.Time.Testing;

namespace CommunitySuccess.Tests.Slack;

public sealed class SlackSignatureVerifierTests
{
    // Slack's documented example ("Verifying requests from Slack").
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string Timestamp = "1531420618";
    private const string Body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private const string Signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(1531420618);

    private static SlackSignatureVerifier VerifierAt(DateTimeOffset now) => new(new FakeTimeProvider(now));

    [Fact]
    public void ComputeSignature_DocumentedExample_MatchesSlack()
    {
        Assert.Equal(Signature, SlackSignatureVerifier.ComputeSignature(Secret, Timestamp, Body));
    }

    [Fact]
    public void Verify_DocumentedExampleAtItsTime_IsValid()
    {
        var result = VerifierAt(SignedAt).Verify(Secret, Timestamp, Signature, Body);

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(SlackSignatureFailure.None, result.Failure);
    }

    [Fact]
    public void Verify_RawBodyBytes_SameAsText()
    {
        var result = VerifierAt(SignedAt).Verify(Secret, Timestamp, Signature, Encoding.UTF8.GetBytes(Body));

        Assert.True(result.IsValid, result.Reason);
    }

    [Fact]
    public void Verify_ChangedBody_IsRefusedAsMismatch()
    {
        var result = VerifierAt(SignedAt).Verify(Secret, Timestamp, Signature, Body.Replace("roadrunner", "coyote", StringComparison.Ordinal));

        Assert.False(result.IsValid);
        Assert.Equal(SlackSignatureFailure.SignatureMismatch, result.Failure);
    }

    [Fact]
    public void Verify_WrongSecret_IsRefusedWithoutEchoingEitherSecret()
    {
        const string wrongSecret = "00000000000000000000000000000000";

        var result = VerifierAt(SignedAt).Verify(wrongSecret, Timestamp, Signature, Body);

        Assert.Equal(SlackSignatureFailure.SignatureMismatch, result.Failure);
        Assert.DoesNotContain(wrongSecret, result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(86400)]
    public void Verify_TimestampMoreThanFiveMinutesAway_IsRefusedAsStale(int secondsFromSigning)
    {
        var result = VerifierAt(SignedAt.AddSeconds(secondsFromSigning)).Verify(Secret, Timestamp, Signature, Body);

        Assert.Equal(SlackSignatureFailure.StaleTimestamp, result.Failure);
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public void Verify_TimestampExactlyFiveMinutesAway_IsStillAccepted(int secondsFromSigning)
    {
        var result = VerifierAt(SignedAt.AddSeconds(secondsFromSigning)).Verify(Secret, Timestamp, Signature, Body);

        Assert.True(result.IsValid, result.Reason);
    }

    [Theory]
    [InlineData(null, Signature, SlackSignatureFailure.MissingTimestamp)]
    [InlineData("", Signature, SlackSignatureFailure.MissingTimestamp)]
    [InlineData("yesterday", Signature, SlackSignatureFailure.MalformedTimestamp)]
    [InlineData("-1531420618", Signature, SlackSignatureFailure.MalformedTimestamp)]
    [InlineData("99999999999999999999", Signature, SlackSignatureFailure.MalformedTimestamp)]
    [InlineData(Timestamp, null, SlackSignatureFailure.MissingSignature)]
    [InlineData(Timestamp, "", SlackSignatureFailure.MissingSignature)]
    [InlineData(Timestamp, "a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", SlackSignatureFailure.MalformedSignature)]
    [InlineData(Timestamp, "v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", SlackSignatureFailure.MalformedSignature)]
    [InlineData(Timestamp, "v0=zz114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", SlackSignatureFailure.MalformedSignature)]
    [InlineData(Timestamp, "v0=a2114d57", SlackSignatureFailure.MalformedSignature)]
    public void Verify_MissingOrMalformedHeaders_AreRefusedWithTheirReason(string? timestamp, string? signature, SlackSignatureFailure expected)
    {
        var result = VerifierAt(SignedAt).Verify(Secret, timestamp, signature, Body);

        Assert.Equal(expected, result.Failure);
        Assert.False(result.IsValid);
        Assert.NotEmpty(result.Reason);
        Assert.DoesNotContain(Secret, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_EmptySecret_IsRefusedEvenWithAMatchingSignature()
    {
        var signatureWithEmptyKey = "v0=" + Convert.ToHexStringLower(
            System.Security.Cryptography.HMACSHA256.HashData(Array.Empty<byte>(), Encoding.UTF8.GetBytes($"v0:{Timestamp}:{Body}")));

        var result = VerifierAt(SignedAt).Verify("", Timestamp, signatureWithEmptyKey, Body);

        Assert.Equal(SlackSignatureFailure.MissingSigningSecret, result.Failure);
        Assert.Contains("Slack:SigningSecret", result.Reason, StringComparison.Ordinal);
    }
}
