namespace IvrReadings.Benchmarks.Micro;

/// <summary>Listens to the product's meter the way <c>ivr-readings serve</c> does, so measurements cost what they cost there.</summary>
internal static class ProductMetrics
{
    public static IDisposable Start() => new IvrReadings.Web.Metrics.PrometheusExporter();
}
