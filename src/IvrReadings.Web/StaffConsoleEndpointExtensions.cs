using IvrReadings.Web.Auth;
using IvrReadings.Web.Metrics;
using IvrReadings.Web.Pages;
using IvrReadings.Web.Security;

namespace IvrReadings.Web;

public static class StaffConsoleEndpointExtensions
{
    /// <summary>
    /// The console's middleware and pages. Call once, before other endpoints are mapped, and before any other middleware:
    /// forwarded headers (from <c>Console:KnownProxies</c> only) come first so that everything after them, /metrics and
    /// /health included, sees the real client address and scheme. Then security headers, the HTTPS requirement
    /// (<c>Console:SecureCookies</c>), sign-in, roles, anti-forgery on every unsafe request, the sign-in rate limits.
    /// /health belongs to the host (it reports FastAGI, the database and the speech model together).
    /// </summary>
    public static WebApplication MapStaffConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(ProxiedRequests.MarkAsync);
        app.UseForwardedHeaders();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<HttpsRequirementMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<AntiforgeryValidationMiddleware>();
        app.UseMiddleware<SignInRateLimitMiddleware>();

        AuthEndpoints.Map(app);
        StaticFiles.Map(app);
        ConsolePages.Map(app);
        return app;
    }

    /// <summary><c>/metrics</c> in the Prometheus text format; local clients only unless <c>Console:MetricsAllowRemote</c>.</summary>
    public static IEndpointConventionBuilder MapMetrics(this IEndpointRouteBuilder app) => MetricsEndpoints.Map(app);
}
