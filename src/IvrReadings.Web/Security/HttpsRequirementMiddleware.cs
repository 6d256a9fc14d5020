using IvrReadings.Web.Html;
using Microsoft.Extensions.Options;

namespace IvrReadings.Web.Security;

/// <summary>
/// With <c>Console:SecureCookies</c> the console is meant to be reached over HTTPS through its TLS proxy: its cookies are
/// Secure and a browser would drop them on plain HTTP. A page asked for over plain HTTP (the proxy sends no
/// <c>X-Forwarded-Proto: https</c>, or it is not in <c>Console:KnownProxies</c>, or someone bypassed it) gets a page
/// saying so instead of a sign-in that can never work. Local monitoring (/health, /metrics) is not affected.
/// </summary>
public sealed class HttpsRequirementMiddleware(RequestDelegate next, IOptions<ConsoleOptions> options, PageContextFactory pages)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (!options.Value.SecureCookies || context.Request.IsHttps
            || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        var page = pages.CreateAnonymous(context);
        var body = $"<p class=\"msg error\" id=\"https-required\">{H.E(page.T["error.https"])}</p>";
        await Layout.Page(page, page.T["error.title"], string.Empty, body, StatusCodes.Status400BadRequest).ExecuteAsync(context);
    }
}
