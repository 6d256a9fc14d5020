using System.Text.Json;

namespace IvrReadings.Host.Hosting;

/// <summary>One component's state as /health reports it.</summary>
/// <remarks>A part that is not <paramref name="Required"/> shows as degraded without failing the check.</remarks>
public sealed record HealthEntry(string Name, bool Healthy, string Detail, bool Required = true);

/// <summary>Anything /health asks: the FastAGI listener, the database, the speech model.</summary>
public interface IHealthContributor
{
    Task<HealthEntry> CheckAsync(CancellationToken ct);
}

public static class HealthEndpoint
{
    /// <summary>
    /// <c>GET /health</c>: 200 when every required part is up, 503 otherwise, with a JSON body per part.
    /// Open without sign-in so monitoring and Asterisk-side checks can poll it. The parts' details (database errors,
    /// file paths) go to local clients only, decided after forwarded headers: through a proxy, only the status.
    /// </summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapGet("/health", async (HttpContext http, IEnumerable<IHealthContributor> parts, CancellationToken ct) =>
        {
            var entries = await Task.WhenAll(parts.Select(p => p.CheckAsync(ct)));
            var healthy = entries.All(e => e.Healthy || !e.Required);
            var status = !healthy ? "failing" : entries.All(e => e.Healthy) ? "ok" : "degraded";
            object body = IvrReadings.Web.Security.ProxiedRequests.IsLocal(http)
                ? new { status, checks = entries.ToDictionary(e => e.Name, e => new { healthy = e.Healthy, detail = e.Detail }) }
                : new { status };
            return Results.Json(body, JsonSerializerOptions.Web, statusCode: healthy ? 200 : 503);
        }).AllowAnonymous();
        return app;
    }
}
