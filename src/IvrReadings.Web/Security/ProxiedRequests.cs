using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace IvrReadings.Web.Security;

/// <summary>
/// Requests that come through a reverse proxy. Forwarded headers are believed only from <c>Console:KnownProxies</c>;
/// whether a request is "local" (for <c>/metrics</c> and the details of <c>/health</c>) is decided after that, and a
/// request that came through any proxy is never local: a proxy on the same host must not publish what is kept local.
/// </summary>
public static class ProxiedRequests
{
    private const string ViaProxyKey = "IvrReadings.ViaProxy";

    /// <summary>The forwarded-headers settings for <see cref="ConsoleOptions.KnownProxies"/>: X-Forwarded-For and -Proto, one proxy deep.</summary>
    public static void Configure(ForwardedHeadersOptions options, string? knownProxies)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.ForwardLimit = 1;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in (knownProxies ?? string.Empty).Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (entry.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(entry, out var network))
            {
                options.KnownIPNetworks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                options.KnownProxies.Add(address);
            }
            else
            {
                throw new FormatException($"Console:KnownProxies: '{entry}' is neither an IP address nor a network like 10.0.0.0/8.");
            }
        }
    }

    /// <summary>Remembers, before forwarded headers are applied, whether the request carries any (whoever sent it).</summary>
    public static Task MarkAsync(HttpContext context, Func<Task> next)
    {
        var headers = context.Request.Headers;
        if (headers.ContainsKey(ForwardedHeadersDefaults.XForwardedForHeaderName) || headers.ContainsKey(ForwardedHeadersDefaults.XForwardedProtoHeaderName)
            || headers.ContainsKey(ForwardedHeadersDefaults.XForwardedHostHeaderName) || headers.ContainsKey("Forwarded"))
        {
            context.Items[ViaProxyKey] = true;
        }

        return next();
    }

    public static bool CameThroughProxy(HttpContext context) => context?.Items.ContainsKey(ViaProxyKey) == true;

    /// <summary>From this machine and not through a proxy.</summary>
    public static bool IsLocal(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var remote = context.Connection.RemoteIpAddress;
        var address = remote is { IsIPv4MappedToIPv6: true } ? remote.MapToIPv4() : remote;
        return !CameThroughProxy(context) && address is not null && IPAddress.IsLoopback(address);
    }
}
