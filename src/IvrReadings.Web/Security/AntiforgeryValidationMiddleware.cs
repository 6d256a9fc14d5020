using Microsoft.AspNetCore.Antiforgery;

namespace IvrReadings.Web.Security;

/// <summary>
/// Refuses every unsafe request (POST, PUT, PATCH, DELETE) whose anti-forgery token does not check out,
/// whatever the endpoint: a new form cannot forget it.
/// </summary>
public sealed class AntiforgeryValidationMiddleware(RequestDelegate next, IAntiforgery antiforgery)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
            && !HttpMethods.IsOptions(context.Request.Method))
        {
            try
            {
                await antiforgery.ValidateRequestAsync(context);
            }
            catch (AntiforgeryValidationException)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("Anti-forgery token missing or invalid.", context.RequestAborted);
                return;
            }
        }

        await next(context);
    }
}
