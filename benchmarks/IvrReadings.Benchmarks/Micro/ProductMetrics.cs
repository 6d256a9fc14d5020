using IvrReadings.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace IvrReadings.Benchmarks.Micro;

/// <summary>The product's metrics pipeline (<see cref="MetricsServiceCollectionExtensions.AddIvrReadingsMetrics"/>), as
/// <c>ivr-readings serve</c> runs it, so that a measurement costs what it costs there.</summary>
internal static class ProductMetrics
{
    public static IDisposable Start()
    {
        var services = new ServiceCollection().AddIvrReadingsMetrics().BuildServiceProvider();
        services.GetRequiredService<MeterProvider>();
        return services;
    }
}
