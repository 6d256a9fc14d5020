using Microsoft.Extensions.Options;

namespace IvrReadings.Web.Metrics;

internal static class MetricsEndpoints
{
    public static IEndpointConventionBuilder Map(IEndpointRouteBuilder app)
    {
        // Created now, at start-up, not by the first scrape: the exporter only hears what is measured once it listens,
        // and the calls before the first scrape count too.
        var exporter = app.ServiceProvider.GetRequiredService<PrometheusExporter>();
        return app.MapGet("/metrics", async (HttpContext http, IEnumerable<IStoreMetricsSource> sources, IOptions<ConsoleOptions> options) =>
        {
            if (!options.Value.MetricsAllowRemote && !Security.ProxiedRequests.IsLocal(http))
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
}
