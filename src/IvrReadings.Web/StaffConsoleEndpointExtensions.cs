using IvrReadings.Web.Auth;
using IvrReadings.Web.Metrics;
using IvrReadings.Web.Pages;
using IvrReadings.Web.Security;

namespace IvrReadings.Web;

public static class StaffConsoleEndpointExtensions
{
    /// <summary>
    /// The console's middleware (security headers, sign-in, roles, anti-forgery on every unsafe request)
    /// and its pages. Call once, before other endpoints are mapped. /health belongs to the host
    /// (it reports FastAGI, the database and the speech model together).
    /// </summary>
    public static WebApplication MapStaffConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<AntiforgeryValidationMiddleware>();

        AuthEndpoints.Map(app);
        ConsolePages.Map(app);
        return app;
    }

    /// <summary><c>/metrics</c> in the Prometheus text format; loopback clients only unless <c>Console:MetricsAllowRemote</c>.</summary>
    public static IEndpointConventionBuilder MapMetrics(this IEndpointRouteBuilder app) => MetricsEndpoints.Map(app);
}
