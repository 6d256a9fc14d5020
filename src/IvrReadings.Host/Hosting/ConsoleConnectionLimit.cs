using System.Diagnostics.Metrics;
using IvrReadings.FastAgi;
using IvrReadings.Web;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Serilog.Events;

namespace IvrReadings.Host.Hosting;

/// <summary>
/// The console's connection cap (<c>Console:MaxConnections</c>) in the log: Kestrel warns once per connection it refuses,
/// which under a flood on the console's port is thousands of lines. Those warnings are dropped (<see cref="IsKestrelRejection"/>)
/// and this logs one line per 10 s burst with how many were refused, from Kestrel's own counter of refusals.
/// </summary>
internal sealed partial class ConsoleConnectionLimit(IOptions<ConsoleOptions> options, ILogger<ConsoleConnectionLimit> logger)
    : IHostedService, IDisposable
{
    private const string KestrelMeter = "Microsoft.AspNetCore.Server.Kestrel";
    private const string RejectedCounter = "kestrel.rejected_connections";

    private readonly LogBurst _burst = new(TimeSpan.FromSeconds(10));
    private MeterListener? _listener;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener = new MeterListener
        {
            InstrumentPublished = static (instrument, listener) =>
            {
                if (instrument.Meter.Name == KestrelMeter && instrument.Name == RejectedCounter)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((_, _, _, _) => Refused());
        _listener.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _listener?.Dispose();

    private void Refused()
    {
        if (_burst.TryLog(out var suppressed))
        {
            ConnectionLimit(logger, options.Value.MaxConnections, suppressed);
        }
    }

    /// <summary>Kestrel's per-connection "rejected because the maximum number of concurrent connections has been reached".</summary>
    public static bool IsKestrelRejection(LogEvent logEvent) =>
        logEvent.Level == LogEventLevel.Warning
        && logEvent.Properties.TryGetValue("EventId", out var id) && id is StructureValue structure
        && structure.Properties.Any(p => p.Name == "Name" && p.Value is ScalarValue { Value: "ConnectionRejected" })
        && logEvent.Properties.TryGetValue("SourceContext", out var source) && source is ScalarValue { Value: string context }
        && context.StartsWith("Microsoft.AspNetCore.Server.Kestrel", StringComparison.Ordinal);

    [LoggerMessage(1, LogLevel.Warning, "Console connection limit Console:MaxConnections {Connections} reached: new connections are closed at once ({Suppressed} more since the last line)")]
    private static partial void ConnectionLimit(ILogger logger, int connections, long suppressed);
}
