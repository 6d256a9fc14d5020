using System.Diagnostics.Metrics;

namespace IvrReadings.Telemetry;

/// <summary>
/// This host's own instance of the product's meter, for instruments whose values belong to one host: the store's gauges,
/// read from this host's database. Instruments on <see cref="IvrReadingsMeter.Instance"/> live as long as the process;
/// these go with the host (its container disposes the meter). A process that runs several hosts (the tests) would
/// otherwise hand every host's <c>/metrics</c> the gauges of all of them, sharing one series per name, so whichever
/// host's value came last won: each host's metrics pipeline drops the instruments of the others
/// (<see cref="MetricsServiceCollectionExtensions.AddIvrReadingsMetrics"/>).
/// </summary>
public sealed class HostMeter : IDisposable
{
    public HostMeter() => Meter = new Meter(new MeterOptions(IvrReadingsMeter.Name) { Scope = this });

    public Meter Meter { get; }

    /// <summary>The instrument sits on another host's meter.</summary>
    public bool IsForeign(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return instrument.Meter.Scope is HostMeter owner && !ReferenceEquals(owner, this);
    }

    public void Dispose() => Meter.Dispose();
}
