using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace IvrReadings.Web;

public static class StaffConsoleKestrelExtensions
{
    /// <summary>
    /// Listens for the console on <c>Console:Urls</c> (default <c>http://127.0.0.1:8080</c>; several separated by ';'), and
    /// for monitoring on <c>Console:MonitorUrls</c> when set (<see cref="MonitorEndpoint"/>). For the Host's
    /// <c>ConfigureKestrel</c>, beside the FastAGI listener. Plain HTTP: put a TLS proxy in front for remote staff.
    /// Past <paramref name="console"/>'s cap (<c>Console:MaxConnections</c>) new console connections are closed at once, so
    /// a flood on the console's port never takes the descriptors calls and the database need; the monitoring port has
    /// <paramref name="monitor"/>'s cap, apart.
    /// </summary>
    public static KestrelServerOptions ListenStaffConsole(this KestrelServerOptions options, IConfiguration configuration,
        ConnectionCap console, ConnectionCap monitor)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(monitor);
        var settings = configuration.GetSection(ConsoleOptions.Section).Get<ConsoleOptions>() ?? new ConsoleOptions();
        foreach (var endpoint in ParseUrls(string.IsNullOrWhiteSpace(settings.Urls) ? new ConsoleOptions().Urls : settings.Urls))
        {
            options.Listen(endpoint, listen => listen.Use(console.Guard));
        }

        foreach (var endpoint in ParseUrls(settings.MonitorUrls ?? "", "Console:MonitorUrls"))
        {
            options.Listen(endpoint, listen => listen.Use(monitor.Guard).Use(MonitorEndpoint.Mark));
        }

        return options;
    }

    /// <summary>"http://127.0.0.1:8080;http://[::1]:8080" → endpoints; "localhost" is loopback, "*" / "0.0.0.0" all addresses.</summary>
    /// <param name="setting">The setting they come from, for the messages.</param>
    public static IReadOnlyList<IPEndPoint> ParseUrls(string urls, string setting = "Console:Urls")
    {
        ArgumentNullException.ThrowIfNull(urls);
        var endpoints = new List<IPEndPoint>();
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var text = url.Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal);
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
            {
                throw new FormatException($"{setting}: '{url}' is not an http://host:port address (HTTPS belongs to a proxy in front).");
            }

            if (uri.IsLoopback && !IPAddress.TryParse(uri.Host.Trim('[', ']'), out _))
            {
                endpoints.Add(new IPEndPoint(IPAddress.Loopback, uri.Port));
            }
            else if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address))
            {
                endpoints.Add(new IPEndPoint(address, uri.Port));
            }
            else
            {
                throw new FormatException($"{setting}: '{url}' must name an IP address or localhost.");
            }
        }

        return endpoints;
    }
}
