using System.Diagnostics.Metrics;

namespace IvrReadings.Telemetry;

/// <summary>
/// The one <see cref="Meter"/> of the product: every project creates its instruments on <see cref="Instance"/>, and
/// the OpenTelemetry metrics pipeline (<see cref="MetricsServiceCollectionExtensions.AddIvrReadingsMetrics"/>) exports
/// everything on this meter's name at <c>/metrics</c>.
/// </summary>
public static class IvrReadingsMeter
{
    public const string Name = "IvrReadings";

    public static readonly Meter Instance = new(Name);
}
