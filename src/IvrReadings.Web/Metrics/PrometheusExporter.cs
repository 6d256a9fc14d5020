using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Numerics;
using System.Text;

namespace IvrReadings.Web.Metrics;

/// <summary>
/// Listens to every instrument of the "IvrReadings" meter and renders them, with the store's gauges,
/// in the Prometheus text format. Instruments of the same name from several meter instances are merged.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    public const string MeterName = "IvrReadings";

    /// <summary>Histogram buckets when the instrument gives no advice: seconds, from 5 ms to 10 s.</summary>
    public static readonly double[] DefaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly MeterListener listener;
    private readonly ConcurrentDictionary<string, InstrumentAggregate> aggregates = new(StringComparer.Ordinal);
    private readonly string meterName;

    public PrometheusExporter(string meterName = MeterName)
    {
        this.meterName = meterName;
        listener = new MeterListener { InstrumentPublished = OnInstrumentPublished };
        listener.SetMeasurementEventCallback(Callback<byte>());
        listener.SetMeasurementEventCallback(Callback<short>());
        listener.SetMeasurementEventCallback(Callback<int>());
        listener.SetMeasurementEventCallback(Callback<long>());
        listener.SetMeasurementEventCallback(Callback<float>());
        listener.SetMeasurementEventCallback(Callback<double>());
        listener.SetMeasurementEventCallback(Callback<decimal>());
        listener.Start();
    }

    /// <summary>Everything the meter has, then the given families, as one exposition.</summary>
    public string Render(IEnumerable<MetricFamily> extra)
    {
        ArgumentNullException.ThrowIfNull(extra);
        foreach (var aggregate in aggregates.Values)
        {
            aggregate.ResetObserved();
        }

        listener.RecordObservableInstruments();
        var text = new StringBuilder(4096);
        foreach (var aggregate in aggregates.Values.OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            aggregate.Write(text);
        }

        foreach (var family in extra)
        {
            var name = PrometheusText.Name(family.Name);
            PrometheusText.Header(text, name, "gauge", family.Help);
            foreach (var sample in family.Samples)
            {
                PrometheusText.Sample(text, name, sample.Labels, sample.Value);
            }
        }

        return text.ToString();
    }

    public void Dispose() => listener.Dispose();

    private void OnInstrumentPublished(Instrument instrument, MeterListener meterListener)
    {
        if (!string.Equals(instrument.Meter.Name, meterName, StringComparison.Ordinal))
        {
            return;
        }

        var aggregate = aggregates.GetOrAdd(instrument.Name, _ => Describe(instrument));
        meterListener.EnableMeasurementEvents(instrument, aggregate);
    }

    private static InstrumentAggregate Describe(Instrument instrument)
    {
        var definition = instrument.GetType().IsGenericType ? instrument.GetType().GetGenericTypeDefinition() : instrument.GetType();
        var (kind, cumulative) = definition switch
        {
            _ when definition == typeof(Counter<>) => (AggregateKind.Counter, false),
            _ when definition == typeof(ObservableCounter<>) => (AggregateKind.Counter, true),
            _ when definition == typeof(UpDownCounter<>) => (AggregateKind.Gauge, false),
            _ when definition == typeof(Histogram<>) => (AggregateKind.Histogram, false),
            _ => (AggregateKind.Gauge, true), // Gauge<T>, ObservableGauge<T>, ObservableUpDownCounter<T>: the last value
        };
        return new InstrumentAggregate(instrument.Name, instrument.Description, kind, cumulative, instrument.IsObservable, Buckets(instrument));
    }

    private static double[] Buckets(Instrument instrument)
    {
        IEnumerable<double>? advised = instrument switch
        {
            Histogram<double> h => h.Advice?.HistogramBucketBoundaries,
            Histogram<float> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
            Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
            Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
            _ => null,
        };
        var buckets = advised?.Where(double.IsFinite).Distinct().Order().ToArray();
        return buckets is { Length: > 0 } ? buckets : DefaultBuckets;
    }

    private static MeasurementCallback<T> Callback<T>()
        where T : struct, INumberBase<T> =>
        static (instrument, value, tags, state) => (state as InstrumentAggregate)?.Record(double.CreateChecked(value), tags);
}
