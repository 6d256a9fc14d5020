using IvrReadings.Web.Html;
using Microsoft.Extensions.Options;

namespace IvrReadings.Web.Security;

/// <summary>
/// Headers on every response: only our own script file, the one stylesheet by hash, no framing, no sniffing, no referrer,
/// nothing kept in a cache; HSTS when the console is served over HTTPS.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptions<ConsoleOptions> options)
{
    public static readonly string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src " + ConsoleStyles.CspHash +
        "; img-src 'self' data:; media-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var hsts = options.Value.SecureCookies && context.Request.IsHttps;
        context.Response.OnStarting(static state =>
        {
            var (http, hsts) = ((HttpContext, bool))state;
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            if (hsts)
            {
                headers.StrictTransportSecurity = "max-age=31536000";
            }

            if (!headers.ContainsKey("Cache-Control"))
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        }, (context, hsts));
        return next(context);
    }
}
