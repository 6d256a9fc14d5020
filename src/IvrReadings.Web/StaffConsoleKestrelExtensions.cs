using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace IvrReadings.Web;

public static class StaffConsoleKestrelExtensions
{
    /// <summary>
    /// Listens for the console on <c>Console:Urls</c> (default <c>http://127.0.0.1:8080</c>; several separated by ';').
    /// For the Host's <c>ConfigureKestrel</c>, beside the FastAGI listener. Plain HTTP: put a TLS proxy in front for remote staff.
    /// At most <c>Console:MaxConnections</c> connections at once: past it Kestrel closes new ones at once, so a flood on
    /// the console's port never takes the descriptors calls and the database need.
    /// </summary>
    public static KestrelServerOptions ListenStaffConsole(this KestrelServerOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        var urls = configuration[$"{ConsoleOptions.Section}:{nameof(ConsoleOptions.Urls)}"];
        foreach (var endpoint in ParseUrls(string.IsNullOrWhiteSpace(urls) ? new ConsoleOptions().Urls : urls))
        {
            options.Listen(endpoint);
        }

        options.Limits.MaxConcurrentConnections = MaxConnections(configuration);
        return options;
    }

    /// <summary><c>Console:MaxConnections</c> (checked with the other settings before the host starts:
    /// <see cref="ConsoleOptions.Problems"/>).</summary>
    public static int MaxConnections(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return (configuration.GetSection(ConsoleOptions.Section).Get<ConsoleOptions>() ?? new ConsoleOptions()).MaxConnections;
    }

    /// <summary>"http://127.0.0.1:8080;http://[::1]:8080" → endpoints; "localhost" is loopback, "*" / "0.0.0.0" all addresses.</summary>
    public static IReadOnlyList<IPEndPoint> ParseUrls(string urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var endpoints = new List<IPEndPoint>();
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var text = url.Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal);
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
            {
                throw new FormatException($"Console:Urls: '{url}' is not an http://host:port address (HTTPS belongs to a proxy in front).");
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
                throw new FormatException($"Console:Urls: '{url}' must name an IP address or localhost.");
            }
        }

        return endpoints;
    }
}
