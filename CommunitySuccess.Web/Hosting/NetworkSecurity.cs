using System.Net;
using CommunitySuccess.Core.Configuration;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Web.Hosting;

/// <summary>
/// Running behind a TLS-terminating reverse proxy (which Slack's and GitHub's callbacks need): the scheme and client
/// address come from <c>X-Forwarded-*</c> of trusted proxies only (<c>Network:KnownProxies</c>), so the app knows a
/// request was HTTPS — its cookies are then <c>Secure</c>, and outside Development browsers are told to use HTTPS
/// only (HSTS).
/// </summary>
public static class NetworkSecurity
{
    public static IServiceCollection AddNetworkSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<NetworkOptions, NetworkOptionsValidator>(configuration, NetworkOptions.SectionName);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<NetworkOptions>>((forwarded, network) =>
        {
            // Host is not forwarded: links are built from App:PublicUrl, and a spoofed Host must not reach them.
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            if (network.Value.KnownProxies.Count == 0)
            {
                return; // the framework's default: a proxy on loopback
            }

            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var entry in network.Value.KnownProxies)
            {
                if (IPAddress.TryParse(entry, out var address))
                {
                    forwarded.KnownProxies.Add(address);
                }
                else if (System.Net.IPNetwork.TryParse(entry, out var range))
                {
                    forwarded.KnownIPNetworks.Add(range);
                }
            }
        });
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = false;
        });
        return services;
    }

    /// <summary>First in the pipeline: everything after it sees the client's scheme and address.</summary>
    public static WebApplication UseNetworkSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            // Only redirects when an HTTPS address is known (a Kestrel HTTPS endpoint or ASPNETCORE_HTTPS_PORT).
            app.UseHttpsRedirection();
        }

        return app;
    }
}
