using System.Net;

namespace IvrReadings.FastAgi;

/// <summary>Settings of the FastAGI server, bound from the <c>FastAgi</c> configuration section
/// (environment: <c>FastAgi__Listen=0.0.0.0:4573</c>).</summary>
public sealed class FastAgiOptions
{
    public const string SectionName = "FastAgi";

    /// <summary>Address and port to listen on: <c>127.0.0.1:4573</c>, <c>0.0.0.0:4573</c>, <c>[::]:4573</c>,
    /// <c>*:4573</c>, <c>localhost:4573</c>. Port 0 picks a free port (tests).</summary>
    public string Listen { get; set; } = "127.0.0.1:4573";

    /// <summary>Client IPs or CIDR networks allowed to connect; empty = everyone. Others are refused with a log line.</summary>
    public IList<string> AllowedClients { get; set; } = new List<string>();

    /// <summary>Calls handled at once; a call past this hears <see cref="BusyPrompt"/> and is closed.</summary>
    public int MaxConcurrentCalls { get; set; } = 2000;

    /// <summary>How long Asterisk may take to answer one command, on top of the time the command itself asks for
    /// (a WAIT FOR DIGIT timeout, a RECORD FILE max length). Past it the connection is considered broken and closed.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest a call may last; then the handler is cancelled and the socket closed.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>On shutdown, how long running calls may go on before they are cancelled. Keep it below the host's
    /// shutdown timeout (HostOptions.ShutdownTimeout, 30 s by default).</summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Longest line accepted from Asterisk (bytes). Longer = protocol error, connection closed.</summary>
    public int MaxLineLength { get; set; } = 8192;

    /// <summary>Prompt played (STREAM FILE) to a call refused because <see cref="MaxConcurrentCalls"/> is reached.</summary>
    public string BusyPrompt { get; set; } = "ivr-readings/busy";

    /// <summary>TCP accept backlog of the FastAGI socket. Linux also caps it at net.core.somaxconn.</summary>
    public int Backlog { get; set; } = 4096;

    /// <summary>Also answer the load-test scripts <c>bench</c> and <c>bench-hold</c> (<c>ivr-readings loadtest</c>).
    /// Off in production: a test tool is served only when asked for (<c>serve --bench</c>).</summary>
    public bool BenchScripts { get; set; }

    /// <summary>Parses <see cref="Listen"/>.</summary>
    public IPEndPoint GetListenEndPoint()
    {
        var text = Listen.Trim();
        var colon = text.LastIndexOf(':');
        if (colon > 0 && text[..colon] is var host && (host == "*" || host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            && int.TryParse(text[(colon + 1)..], out var port))
        {
            return new IPEndPoint(host == "*" ? IPAddress.Any : IPAddress.Loopback, port);
        }

        if (IPEndPoint.TryParse(text, out var endPoint))
        {
            return endPoint;
        }

        throw new FormatException($"FastAgi:Listen '{Listen}' is not an address:port.");
    }

    /// <summary>Parses <see cref="AllowedClients"/>; an empty list means no restriction.</summary>
    public IReadOnlyList<IPNetwork> GetAllowedNetworks()
    {
        var networks = new List<IPNetwork>();
        foreach (var entry in AllowedClients)
        {
            var text = entry.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            if (text.Contains('/', StringComparison.Ordinal))
            {
                networks.Add(IPNetwork.Parse(text));
            }
            else
            {
                var address = IPAddress.Parse(text);
                networks.Add(new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            }
        }

        return networks;
    }
}
