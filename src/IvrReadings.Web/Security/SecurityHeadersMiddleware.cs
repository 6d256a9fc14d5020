using IvrReadings.Web.Html;

namespace IvrReadings.Web.Security;

/// <summary>Headers on every response: no script at all, the one stylesheet by hash, no framing, no sniffing, no referrer.</summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public static readonly string ContentSecurityPolicy =
        "default-src 'none'; script-src 'none'; style-src " + ConsoleStyles.CspHash +
        "; img-src 'self' data:; media-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpContext)state).Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            if (!headers.ContainsKey("Cache-Control"))
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
