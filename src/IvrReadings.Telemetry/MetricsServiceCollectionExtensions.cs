using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;

namespace IvrReadings.Telemetry;

public static class MetricsServiceCollectionExtensions
{
    /// <summary>Histogram buckets for durations in seconds, from 5 ms to 10 s.</summary>
    public static readonly double[] SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>
    /// The OpenTelemetry SDK aggregates every instrument of <see cref="IvrReadingsMeter"/> from start-up (calls before
    /// the first scrape count) for its Prometheus exporter; the console maps the scrape endpoint at <c>/metrics</c>.
    /// A recorded measurement allocates nothing (see README, Performance).
    /// </summary>
    public static IServiceCollection AddIvrReadingsMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(IvrReadingsMeter.Name)
            // Durations in seconds without bucket advice get buckets from 5 ms to 10 s (OpenTelemetry's default
            // buckets, 0 to 10,000, are meant for milliseconds); an instrument's own advice is kept.
            .AddView(instrument => instrument is Histogram<double> { Unit: "s", Advice.HistogramBucketBoundaries: null }
                ? new ExplicitBucketHistogramConfiguration { Boundaries = SecondsBuckets }
                : null)
            // Every scrape sees the current values (the store's gauges are read for it): no response cache.
            .AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0));
        services.TryAddSingleton<HostMeter>();
        // Another host's instruments in the same process (HostMeter) are not this host's figures.
        services.ConfigureOpenTelemetryMeterProvider((provider, metrics) =>
        {
            var own = provider.GetRequiredService<HostMeter>();
            metrics.AddView(instrument => own.IsForeign(instrument) ? MetricStreamConfiguration.Drop : null);
        });
        return services;
    }
}
