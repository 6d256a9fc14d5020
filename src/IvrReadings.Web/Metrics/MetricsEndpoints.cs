using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace IvrReadings.Web.Metrics;

internal static class MetricsEndpoints
{
    /// <summary>
    /// <c>/metrics</c>: the OpenTelemetry Prometheus exporter (every instrument on the product's meter, aggregated
    /// since start-up), after the access check (local clients only unless <c>Console:MetricsAllowRemote</c>) and a
    /// refresh of the store's gauges. Needs <c>AddIvrReadingsMetrics()</c> in the services.
    /// </summary>
    public static IEndpointConventionBuilder Map(IEndpointRouteBuilder app) =>
        app.MapPrometheusScrapingEndpoint("/metrics", meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (http, next) =>
        {
            var options = http.RequestServices.GetRequiredService<IOptions<ConsoleOptions>>().Value;
            if (!options.MetricsAllowRemote && !Security.ProxiedRequests.IsLocal(http))
            {
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            await http.RequestServices.GetRequiredService<StoreGauges>().RefreshAsync(http.RequestAborted);
            await next(http);
        }), optionsName: null).AllowAnonymous();
}
