using IvrReadings.JsonWriting;

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
            var local = IvrReadings.Web.Security.ProxiedRequests.IsLocal(http);
            return Results.Text(Body(status, local ? entries : null), "application/json; charset=utf-8", statusCode: healthy ? 200 : 503);
        }).AllowAnonymous();
        return app;
    }

    /// <summary><c>{"status":"ok","checks":{"database":{"healthy":true,"detail":"..."},...}}</c>; the checks only when
    /// <paramref name="entries"/> are given.</summary>
    private static byte[] Body(string status, HealthEntry[]? entries) => JsonText.Utf8(json =>
    {
        json.WriteStartObject();
        json.WriteString("status", status);
        if (entries is not null)
        {
            json.WriteStartObject("checks");
            foreach (var entry in entries)
            {
                json.WriteStartObject(entry.Name);
                json.WriteBoolean("healthy", entry.Healthy);
                json.WriteString("detail", entry.Detail);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    });
}
