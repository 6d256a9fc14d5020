using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace IvrReadings.Web;

/// <summary>
/// The monitoring port (<c>Console:MonitorUrls</c>): <c>/health</c> and <c>/metrics</c> only, behind a connection cap of
/// its own (<see cref="ConsoleOptions.MonitorConnections"/>), so a flood on the console's port, which fills
/// <c>Console:MaxConnections</c>, never leaves a load balancer or a monitor without an answer. Everything else answers
/// 404 there; who may read <c>/metrics</c> and <c>/health</c>'s details is decided as on the console's port.
/// </summary>
public static class MonitorEndpoint
{
    private const string Key = "IvrReadings.Monitor";

    private static readonly PathString[] Paths = ["/health", "/metrics"];

    /// <summary>For <c>ListenOptions.Use</c> on a monitoring endpoint: marks its connections.</summary>
    public static ConnectionDelegate Mark(ConnectionDelegate next) => connection =>
    {
        connection.Items[Key] = true;
        return next(connection);
    };

    /// <summary>The request came in on a monitoring endpoint.</summary>
    public static bool IsMonitor(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Features.Get<IConnectionItemsFeature>()?.Items.ContainsKey(Key) == true;
    }

    /// <summary>Answers 404 on a monitoring endpoint to anything but <c>/health</c> and <c>/metrics</c>; first in the
    /// pipeline.</summary>
    public static IApplicationBuilder UseMonitorEndpoint(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        if (!IsMonitor(http) || Array.Exists(Paths, path => http.Request.Path.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase)))
        {
            return next(http);
        }

        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return http.Response.WriteAsync("This is the monitoring port: /health and /metrics only.\n", http.RequestAborted);
    });
}
