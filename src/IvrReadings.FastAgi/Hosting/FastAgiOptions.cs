using System.Net;
using IvrReadings.Settings;

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

    /// <summary>On shutdown, how long running calls may go on before they are cancelled. The host's shutdown timeout
    /// is raised to at least this plus <see cref="ShutdownNotice"/> plus 5 s.</summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>When the shutdown grace (or the call time limit) runs out, how long a handler has to tell the caller
    /// (the call flows: "technical problem", <c>IVR_RESULT=failed</c>) before the connection is closed. The command in
    /// flight must be answered first, so keep it above the longest prompt.</summary>
    public TimeSpan ShutdownNotice { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Longest line accepted from Asterisk (bytes). Longer = protocol error, connection closed.</summary>
    public int MaxLineLength { get; set; } = 8192;

    /// <summary>Prompt played (STREAM FILE) to a call refused because <see cref="MaxConcurrentCalls"/> is reached.</summary>
    public string BusyPrompt { get; set; } = "ivr-readings/busy";

    /// <summary>TCP accept backlog of the FastAGI socket. Linux also caps it at net.core.somaxconn.</summary>
    public int Backlog { get; set; } = 4096;

    /// <summary>Also answer the load-test scripts <c>bench</c> and <c>bench-hold</c> (<c>ivr-readings loadtest</c>).
    /// Off in production: a test tool is served only when asked for (<c>serve --bench</c>).</summary>
    public bool BenchScripts { get; set; }

    /// <summary>How long a new connection may take to send its environment block. Asterisk sends it at once; a silent
    /// connection is a port scanner or a flood, and is closed.</summary>
    public TimeSpan EnvironmentTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Connections accepted that have not sent their environment block yet, at most. Past it the oldest of them
    /// idle for a second or more is closed to make room: a flood of idle connections never keeps a real call out, and a
    /// burst of real calls (each sends its block within milliseconds) is never cut.</summary>
    public int MaxPendingConnections { get; set; } = 500;

    /// <summary>File descriptors kept free for the database, the logs, the console and the runtime: FastAGI connections
    /// (pending, calls and refusals together, and the voice answers' audio streams) stay below the process's descriptor
    /// limit minus these.</summary>
    public int ReservedDescriptors { get; set; } = 256;

    /// <summary>What is wrong with these settings, one line each (empty: nothing); checked before the server starts.</summary>
    public IReadOnlyList<string> Problems() => new SettingProblems(SectionName)
        .Parses(nameof(Listen), () => GetListenEndPoint())
        .Parses(nameof(AllowedClients), () => GetAllowedNetworks())
        .AtLeast(nameof(MaxConcurrentCalls), MaxConcurrentCalls, 1)
        .Duration(nameof(CommandTimeout), CommandTimeout, TimeSpan.FromHours(1))
        .Duration(nameof(CallTimeout), CallTimeout, TimeSpan.FromHours(24))
        .Duration(nameof(ShutdownGrace), ShutdownGrace, TimeSpan.FromHours(1), zeroAllowed: true)
        .Duration(nameof(ShutdownNotice), ShutdownNotice, TimeSpan.FromMinutes(5), zeroAllowed: true)
        .AtLeast(nameof(MaxLineLength), MaxLineLength, 256)
        .NotEmpty(nameof(BusyPrompt), BusyPrompt)
        .AtLeast(nameof(Backlog), Backlog, 1)
        .Duration(nameof(EnvironmentTimeout), EnvironmentTimeout, TimeSpan.FromMinutes(5))
        .AtLeast(nameof(MaxPendingConnections), MaxPendingConnections, 1)
        .AtLeast(nameof(ReservedDescriptors), ReservedDescriptors, 0)
        .List;

    /// <summary>Parses <see cref="Listen"/>.</summary>
    public IPEndPoint GetListenEndPoint()
    {
        var text = Listen.Trim();
        var colon = text.LastIndexOf(':');
        if (colon > 0 && text[..colon] is var host && (host == "*" || host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            && int.TryParse(text[(colon + 1)..], out var port) && port is >= IPEndPoint.MinPort and <= IPEndPoint.MaxPort)
        {
            return new IPEndPoint(host == "*" ? IPAddress.Any : IPAddress.Loopback, port);
        }

        // The port is required: "127.0.0.1" alone would parse as port 0, a free port nobody's dialplan points at.
        if (IPEndPoint.TryParse(text, out var endPoint) && text.EndsWith($":{endPoint.Port}", StringComparison.Ordinal))
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

            if (text.Contains('/', StringComparison.Ordinal) && IPNetwork.TryParse(text, out var network))
            {
                networks.Add(network);
            }
            else if (!text.Contains('/', StringComparison.Ordinal) && IPAddress.TryParse(text, out var address))
            {
                networks.Add(new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            }
            else
            {
                throw new FormatException($"FastAgi:AllowedClients: '{entry}' is neither an IP address nor a network like 10.0.0.0/24.");
            }
        }

        return networks;
    }
}
