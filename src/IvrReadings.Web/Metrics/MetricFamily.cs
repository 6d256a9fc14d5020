namespace IvrReadings.Web.Metrics;

/// <summary>A gauge computed at scrape time (from the store): one name, one help, samples by labels.</summary>
public sealed record MetricFamily(string Name, string Help, IReadOnlyList<MetricSample> Samples);

public sealed record MetricSample(IReadOnlyList<KeyValuePair<string, string>> Labels, double Value);

/// <summary>Gauges the console computes from the store on every scrape (published by <see cref="StoreGauges"/>).</summary>
public interface IStoreMetricsSource
{
    Task<IReadOnlyList<MetricFamily>> CollectAsync(CancellationToken cancellationToken);
}
