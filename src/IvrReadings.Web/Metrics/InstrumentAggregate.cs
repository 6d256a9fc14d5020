using System.Diagnostics.Metrics;
using System.Text;

namespace IvrReadings.Web.Metrics;

internal enum AggregateKind
{
    Counter,
    Gauge,
    Histogram,
}

/// <summary>The running state of one instrument name, by label set: a sum, a last value, or histogram buckets.</summary>
internal sealed class InstrumentAggregate
{
    private readonly Dictionary<string, Series> series = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public InstrumentAggregate(string name, string? help, AggregateKind kind, bool cumulative, bool observable, double[] buckets)
    {
        Name = name;
        Help = help;
        Kind = kind;
        Cumulative = cumulative;
        Observable = observable;
        Buckets = buckets;
    }

    public string Name { get; }

    public string? Help { get; }

    public AggregateKind Kind { get; }

    /// <summary>Measurements are the running total (observable instruments), not increments.</summary>
    public bool Cumulative { get; }

    public bool Observable { get; }

    public double[] Buckets { get; }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var (key, labels) = LabelKey(tags);
        lock (gate)
        {
            if (!series.TryGetValue(key, out var s))
            {
                s = new Series(labels, Kind == AggregateKind.Histogram ? new long[Buckets.Length] : []);
                series.Add(key, s);
            }

            switch (Kind)
            {
                case AggregateKind.Histogram:
                    var index = Array.FindIndex(Buckets, bound => value <= bound);
                    if (index >= 0)
                    {
                        s.BucketCounts[index]++;
                    }

                    s.Sum += value;
                    s.Count++;
                    break;
                default:
                    s.Value = Cumulative ? value : s.Value + value;
                    break;
            }
        }
    }

    /// <summary>Observable values are re-read on every scrape; forget the old ones first so a dead series goes away.</summary>
    public void ResetObserved()
    {
        if (Observable)
        {
            lock (gate)
            {
                series.Clear();
            }
        }
    }

    public void Write(StringBuilder text)
    {
        lock (gate)
        {
            if (series.Count == 0)
            {
                return;
            }

            var name = PrometheusText.Name(Name);
            PrometheusText.Header(text, name, Kind switch
            {
                AggregateKind.Counter => "counter",
                AggregateKind.Histogram => "histogram",
                _ => "gauge",
            }, Help);
            foreach (var s in series.Values)
            {
                if (Kind != AggregateKind.Histogram)
                {
                    PrometheusText.Sample(text, name, s.Labels, s.Value);
                    continue;
                }

                long cumulative = 0;
                for (var i = 0; i < Buckets.Length; i++)
                {
                    cumulative += s.BucketCounts[i];
                    PrometheusText.Sample(text, name + "_bucket", [.. s.Labels, new("le", PrometheusText.Number(Buckets[i]))], cumulative);
                }

                PrometheusText.Sample(text, name + "_bucket", [.. s.Labels, new("le", "+Inf")], s.Count);
                PrometheusText.Sample(text, name + "_sum", s.Labels, s.Sum);
                PrometheusText.Sample(text, name + "_count", s.Labels, s.Count);
            }
        }
    }

    private static (string Key, KeyValuePair<string, string>[] Labels) LabelKey(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return (string.Empty, []);
        }

        var labels = new KeyValuePair<string, string>[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            labels[i] = new(tags[i].Key, Convert.ToString(tags[i].Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
        }

        Array.Sort(labels, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var key = new StringBuilder();
        foreach (var (k, v) in labels)
        {
            key.Append(k).Append('\u0001').Append(v).Append('\u0002');
        }

        return (key.ToString(), labels);
    }

    private sealed class Series(KeyValuePair<string, string>[] labels, long[] bucketCounts)
    {
        public KeyValuePair<string, string>[] Labels { get; } = labels;

        public long[] BucketCounts { get; } = bucketCounts;

        public double Value { get; set; }

        public double Sum { get; set; }

        public long Count { get; set; }
    }
}
