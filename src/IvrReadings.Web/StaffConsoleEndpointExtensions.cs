using IvrReadings.Storage;
using IvrReadings.Web.Auth;
using IvrReadings.Web.Metrics;
using IvrReadings.Web.Pages;
using IvrReadings.Web.Security;

namespace IvrReadings.Web;

public static class StaffConsoleEndpointExtensions
{
    /// <summary>
    /// The console's middleware (security headers, sign-in, roles, anti-forgery on every unsafe request)
    /// and its pages. Call once, before other endpoints are mapped.
    /// </summary>
    public static WebApplication MapStaffConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<AntiforgeryValidationMiddleware>();

        app.MapGet("/health", (Delegate)HealthAsync).AllowAnonymous();
        AuthEndpoints.Map(app);
        ConsolePages.Map(app);
        return app;
    }

    /// <summary>200 "ok" when the database answers, 503 otherwise (no detail: the endpoint is anonymous).</summary>
    private static async Task<IResult> HealthAsync(HttpContext http)
    {
        var database = http.RequestServices.GetService<IDatabaseHealth>();
        if (database is null)
        {
            return Results.Text("ok");
        }

        var report = await database.CheckAsync(http.RequestAborted);
        return report.Healthy ? Results.Text("ok") : Results.Text("database unavailable", statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary><c>/metrics</c> in the Prometheus text format; loopback clients only unless <c>Console:MetricsAllowRemote</c>.</summary>
    public static IEndpointConventionBuilder MapMetrics(this IEndpointRouteBuilder app) => MetricsEndpoints.Map(app);
}
