using System.Diagnostics.Metrics;
using IvrReadings.Web.Metrics;

namespace IvrReadings.Web.Tests.Unit;

public sealed class PrometheusExporterTests : IDisposable
{
    // A meter name of its own, so tests running in parallel do not see each other's measurements.
    private readonly string meterName = "IvrReadings.Tests." + Guid.NewGuid().ToString("N");
    private readonly Meter meter;
    private readonly PrometheusExporter exporter;

    public PrometheusExporterTests()
    {
        meter = new Meter(meterName);
        exporter = new PrometheusExporter(meterName);
    }

    [Fact]
    public void Counters_sum_per_label_set_with_help_and_type()
    {
        var calls = meter.CreateCounter<long>("ivr_fastagi_calls_total", description: "FastAGI calls handled.");
        calls.Add(1, new KeyValuePair<string, object?>("script", "readings"));
        calls.Add(2, new KeyValuePair<string, object?>("script", "readings"));
        calls.Add(1, new KeyValuePair<string, object?>("script", "voice"));

        var text = exporter.Render([]);

        Assert.Contains("# HELP ivr_fastagi_calls_total FastAGI calls handled.\n# TYPE ivr_fastagi_calls_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("ivr_fastagi_calls_total{script=\"readings\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("ivr_fastagi_calls_total{script=\"voice\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Up_down_counters_are_gauges()
    {
        var active = meter.CreateUpDownCounter<int>("ivr_fastagi_active_calls");
        active.Add(1);
        active.Add(1);
        active.Add(-1);

        var text = exporter.Render([]);

        Assert.Contains("# TYPE ivr_fastagi_active_calls gauge\n", text, StringComparison.Ordinal);
        Assert.Contains("\nivr_fastagi_active_calls 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Histograms_have_cumulative_buckets_sum_and_count()
    {
        var duration = meter.CreateHistogram<double>("ivr_fastagi_command_duration_seconds", unit: "s", description: "AGI command round trip.");
        duration.Record(0.003, new KeyValuePair<string, object?>("command", "STREAM FILE"));
        duration.Record(0.2, new KeyValuePair<string, object?>("command", "STREAM FILE"));
        duration.Record(20, new KeyValuePair<string, object?>("command", "STREAM FILE"));

        var text = exporter.Render([]);

        Assert.Contains("# TYPE ivr_fastagi_command_duration_seconds histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("ivr_fastagi_command_duration_seconds_bucket{command=\"STREAM FILE\",le=\"0.005\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("ivr_fastagi_command_duration_seconds_bucket{command=\"STREAM FILE\",le=\"0.25\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("ivr_fastagi_command_duration_seconds_bucket{command=\"STREAM FILE\",le=\"10\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("ivr_fastagi_command_duration_seconds_bucket{command=\"STREAM FILE\",le=\"+Inf\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("ivr_fastagi_command_duration_seconds_sum{command=\"STREAM FILE\"} 20.203\n", text, StringComparison.Ordinal);
        Assert.Contains("ivr_fastagi_command_duration_seconds_count{command=\"STREAM FILE\"} 3\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Advised_bucket_boundaries_are_used()
    {
        var histogram = meter.CreateHistogram<double>("ivr_speech_seconds", unit: null, description: null,
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5] });
        histogram.Record(3);

        var text = exporter.Render([]);

        Assert.Contains("ivr_speech_seconds_bucket{le=\"1\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("ivr_speech_seconds_bucket{le=\"5\"} 1\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("le=\"0.005\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Observable_gauges_are_read_at_scrape_time()
    {
        var value = 7;
        meter.CreateObservableGauge("ivr_queue_length", () => value);

        Assert.Contains("\nivr_queue_length 7\n", exporter.Render([]), StringComparison.Ordinal);
        value = 9;
        Assert.Contains("\nivr_queue_length 9\n", exporter.Render([]), StringComparison.Ordinal);
    }

    [Fact]
    public void Label_values_and_help_are_escaped_and_names_sanitized()
    {
        var counter = meter.CreateCounter<long>("ivr.weird-name", description: "line one\nback\\slash");
        counter.Add(1, new KeyValuePair<string, object?>("step", "say \"hi\"\\\nnow"), new KeyValuePair<string, object?>("bad-label", "x"));

        var text = exporter.Render([]);

        Assert.Contains("# HELP ivr_weird_name line one\\nback\\\\slash\n", text, StringComparison.Ordinal);
        Assert.Contains("ivr_weird_name{bad_label=\"x\",step=\"say \\\"hi\\\"\\\\\\nnow\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Store_gauges_are_appended_as_gauges()
    {
        var text = exporter.Render([new MetricFamily("ivr_review_backlog_calls", "Calls to review.", [new([], 4)]),
            new MetricFamily("ivr_calls_period", "By outcome.", [new([new("outcome", "Accepted")], 10), new([new("outcome", "Abandoned")], 2)])]);

        Assert.Contains("# HELP ivr_review_backlog_calls Calls to review.\n# TYPE ivr_review_backlog_calls gauge\nivr_review_backlog_calls 4\n", text, StringComparison.Ordinal);
        Assert.Contains("ivr_calls_period{outcome=\"Abandoned\"} 2\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Instruments_of_other_meters_are_ignored()
    {
        using var other = new Meter("SomethingElse." + Guid.NewGuid().ToString("N"));
        other.CreateCounter<long>("ivr_foreign_total").Add(1);

        Assert.DoesNotContain("ivr_foreign_total", exporter.Render([]), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        exporter.Dispose();
        meter.Dispose();
    }
}
