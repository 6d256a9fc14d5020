using System.Security.Claims;
using IvrReadings.Domain;
using IvrReadings.Web.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace IvrReadings.Web.Auth;

/// <summary>Names and checks shared by the sign-in endpoints and the cookie handler.</summary>
public static class ConsoleAuth
{
    public const string Scheme = "IvrReadings.Staff";
    public const string CookieName = "ivr_staff";
    public const string SupervisorPolicy = "Supervisor";

    public static ClaimsPrincipal Principal(StaffUser account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, account.Login), new Claim(ClaimTypes.Role, account.Role.ToName())],
            Scheme);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>Signs out a cookie whose account was disabled, removed or changed role since sign-in.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var store = context.HttpContext.RequestServices.GetRequiredService<IStaffStore>();
        var login = context.Principal?.Identity?.Name;
        var role = context.Principal?.FindFirst(ClaimTypes.Role)?.Value;
        var account = login is null ? null : await store.GetAsync(login, context.HttpContext.RequestAborted);
        if (account is null || account.IsDisabled() || account.Role.ToName() != role)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }

    /// <summary>Browsers asking for a page are sent to the sign-in page; anything else gets a plain 401.</summary>
    public static Task RedirectToLoginAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) && !request.Path.StartsWithSegments("/recordings", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Redirect("/login?returnUrl=" + Uri.EscapeDataString(request.Path + request.QueryString));
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        }

        return Task.CompletedTask;
    }

    public static Task ForbidAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    /// <summary>Only a path on this site: "/x", never "//host" or "/\host".</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl[0] == '/' && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
            && !returnUrl.Contains('\\', StringComparison.Ordinal) && !returnUrl.Contains('\r', StringComparison.Ordinal)
            && !returnUrl.Contains('\n', StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
