using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using IvrReadings.Telemetry;

namespace IvrReadings.Web.Metrics;

/// <summary>
/// The store's figures (review backlog, recognition queue, calls of the period) as observable gauges on the product's
/// meter. They come from database queries, which are asynchronous and must not run inside the exporter's synchronous
/// collection: the scrape endpoint refreshes them first (<see cref="RefreshAsync"/>), then the exporter reads the
/// values of that refresh. The gauges sit on this host's own meter (<see cref="HostMeter"/>): their values come from
/// this host's database.
/// </summary>
public sealed class StoreGauges(IEnumerable<IStoreMetricsSource> sources, HostMeter meter) : IDisposable
{
    private readonly ConcurrentDictionary<string, MetricFamily> _latest = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _refresh = new(1, 1);

    /// <summary>Queries every source and publishes a gauge for each family it reports.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            foreach (var source in sources)
            {
                foreach (var family in await source.CollectAsync(cancellationToken))
                {
                    if (_latest.TryAdd(family.Name, family))
                    {
                        meter.Meter.CreateObservableGauge(family.Name, () => Observe(family.Name), description: family.Help);
                    }
                    else
                    {
                        _latest[family.Name] = family;
                    }
                }
            }
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    private IEnumerable<Measurement<double>> Observe(string name) =>
        _latest.TryGetValue(name, out var family)
            ? family.Samples.Select(s => new Measurement<double>(s.Value, s.Labels.Select(l => new KeyValuePair<string, object?>(l.Key, l.Value))))
            : [];
}
