using System.Diagnostics.Metrics;

namespace IvrReadings.FastAgi;

/// <summary>The one <see cref="Meter"/> of the application; every project adds its instruments here so a single
/// <c>MeterListener</c> (the Prometheus exporter) sees them all.</summary>
public static class IvrReadingsMeter
{
    public const string Name = "IvrReadings";

    public static readonly Meter Instance = new(Name);
}
