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
    public ConsoleConnectionLimit(IOptions<ConsoleOptions> options, ILogger<ConsoleConnectionLimit> logger)
    {
        var console = options.Value.MaxConnections;
        Console = new ConnectionCap(console, Burst(suppressed => ConnectionLimit(logger, console, suppressed)));
        Monitor = new ConnectionCap(ConsoleOptions.MonitorConnections,
            Burst(suppressed => MonitorLimit(logger, ConsoleOptions.MonitorConnections, suppressed)));
    }

    public ConnectionCap Console { get; }

    public ConnectionCap Monitor { get; }

    /// <summary>A refusal callback that logs the first of each 10 s burst, with how many the previous line left out.</summary>
    private static Action Burst(Action<long> log)
    {
        var burst = new LogBurst(TimeSpan.FromSeconds(10));
        return () =>
        {
            if (burst.TryLog(out var suppressed))
            {
                log(suppressed);
            }
        };
    }

    [LoggerMessage(1, LogLevel.Warning, "Console connection limit Console:MaxConnections {Connections} reached: new connections are closed at once ({Suppressed} more since the last line)")]
    private static partial void ConnectionLimit(ILogger logger, int connections, long suppressed);

    [LoggerMessage(2, LogLevel.Warning, "Monitoring connection limit {Connections} reached on Console:MonitorUrls: new connections are closed at once ({Suppressed} more since the last line)")]
    private static partial void MonitorLimit(ILogger logger, int connections, long suppressed);
}
