using Microsoft.Extensions.Options;

namespace IvrReadings.Web.Metrics;

internal static class MetricsEndpoints
{
    public static IEndpointConventionBuilder Map(IEndpointRouteBuilder app) =>
        app.MapGet("/metrics", async (HttpContext http, PrometheusExporter exporter, IEnumerable<IStoreMetricsSource> sources, IOptions<ConsoleOptions> options) =>
        {
            var remote = http.Connection.RemoteIpAddress is { IsIPv4MappedToIPv6: true } mapped ? mapped.MapToIPv4() : http.Connection.RemoteIpAddress;
            if (!options.Value.MetricsAllowRemote && (remote is null || !System.Net.IPAddress.IsLoopback(remote)))
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }

            var families = new List<MetricFamily>();
            foreach (var source in sources)
            {
                families.AddRange(await source.CollectAsync(http.RequestAborted));
            }

            return Results.Text(exporter.Render(families), PrometheusText.ContentType);
        }).AllowAnonymous();
}
