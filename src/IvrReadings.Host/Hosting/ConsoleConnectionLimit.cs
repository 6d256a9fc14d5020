using IvrReadings.FastAgi;
using IvrReadings.Web;
using Microsoft.Extensions.Options;

namespace IvrReadings.Host.Hosting;

/// <summary>
/// The console's connection caps: <c>Console:MaxConnections</c> on the console's port, and
/// <see cref="ConsoleOptions.MonitorConnections"/> on the monitoring port (<c>Console:MonitorUrls</c>), each logged one
/// line per 10 s burst of refusals with how many there were, never a line per connection.
/// </summary>
internal sealed partial class ConsoleConnectionLimit
{
    private readonly ILogger<ConsoleConnectionLimit> _logger;
    private readonly LogBurst _consoleBurst = new(TimeSpan.FromSeconds(10));
    private readonly LogBurst _monitorBurst = new(TimeSpan.FromSeconds(10));

    public ConsoleConnectionLimit(IOptions<ConsoleOptions> options, ILogger<ConsoleConnectionLimit> logger)
    {
        _logger = logger;
        Console = new ConnectionCap(options.Value.MaxConnections, ConsoleRefused);
        Monitor = new ConnectionCap(ConsoleOptions.MonitorConnections, MonitorRefused);
    }

    public ConnectionCap Console { get; }

    public ConnectionCap Monitor { get; }

    private void ConsoleRefused()
    {
        if (_consoleBurst.TryLog(out var suppressed))
        {
            ConnectionLimit(_logger, Console.Max, suppressed);
        }
    }

    private void MonitorRefused()
    {
        if (_monitorBurst.TryLog(out var suppressed))
        {
            MonitorLimit(_logger, Monitor.Max, suppressed);
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Console connection limit Console:MaxConnections {Connections} reached: new connections are closed at once ({Suppressed} more since the last line)")]
    private static partial void ConnectionLimit(ILogger logger, int connections, long suppressed);

    [LoggerMessage(2, LogLevel.Warning, "Monitoring connection limit {Connections} reached on Console:MonitorUrls: new connections are closed at once ({Suppressed} more since the last line)")]
    private static partial void MonitorLimit(ILogger logger, int connections, long suppressed);
}
