using System.Net;
using CommunitySuccess.Core.Configuration;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Web.Hosting;

/// <summary>The <c>Network</c> section: how the app sits behind a TLS-terminating reverse proxy.</summary>
public sealed class NetworkOptions
{
    public const string SectionName = "Network";

    /// <summary>
    /// Reverse proxies whose <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c> headers are trusted: IP addresses
    /// (<c>10.0.0.5</c>) or networks (<c>172.18.0.0/16</c>). Empty trusts a proxy on this machine (loopback) only.
    /// </summary>
    public List<string> KnownProxies { get; set; } = [];
}

public sealed class NetworkOptionsValidator : IValidateOptions<NetworkOptions>
{
    public ValidateOptionsResult Validate(string? name, NetworkOptions options)
    {
        var errors = new OptionsErrors();
        for (var i = 0; i < options.KnownProxies.Count; i++)
        {
            var entry = options.KnownProxies[i];
            errors.Require(
                IPAddress.TryParse(entry, out _) || IPNetwork.TryParse(entry, out _),
                $"Network:KnownProxies[{i}] must be an IP address or a network such as 10.0.0.0/8, not '{entry}'.");
        }

        return errors.ToResult();
    }
}
