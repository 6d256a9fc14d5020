using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IvrReadings.FastAgi;

public static class FastAgiKestrelExtensions
{
    /// <summary>Listens for FastAGI on <c>FastAgi:Listen</c> (needs <c>AddFastAgi</c>).</summary>
    public static ListenOptions ListenFastAgi(this KestrelServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.ApplicationServices.GetRequiredService<IOptions<FastAgiOptions>>().Value;
        return options.ListenFastAgi(settings.GetListenEndPoint());
    }

    /// <summary>Listens for FastAGI on <paramref name="endpoint"/> (port 0 = any free port; read it from
    /// <see cref="IFastAgiStatus.Endpoint"/> once started).</summary>
    public static ListenOptions ListenFastAgi(this KestrelServerOptions options, IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(options);
        var server = options.ApplicationServices.GetRequiredService<FastAgiServer>();
        ListenOptions? listen = null;
        options.Listen(endpoint, listenOptions =>
        {
            listenOptions.UseConnectionHandler<FastAgiConnectionHandler>();
            server.Attach(listenOptions);
            listen = listenOptions;
        });
        return listen!;
    }
}
