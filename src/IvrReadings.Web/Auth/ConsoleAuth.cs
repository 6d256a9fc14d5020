using System.Security.Claims;
using IvrReadings.Domain;
using IvrReadings.Web.Html;
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

    /// <summary>The claim that carries the account's security stamp at sign-in.</summary>
    public const string StampClaim = "ivr:stamp";

    public static ClaimsPrincipal Principal(StaffUser account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, account.Login),
                new Claim(ClaimTypes.Role, account.Role.ToName()),
                new Claim(StampClaim, account.SecurityStamp),
            ],
            Scheme);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>
    /// On every request: the sign-in stands only while its account exists, is enabled, has the same role and the same
    /// security stamp. Sign-out, a new password, a new role or a disable move the stamp on, ending every session of the user,
    /// copied cookies included.
    /// </summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var store = context.HttpContext.RequestServices.GetRequiredService<IStaffStore>();
        var login = context.Principal?.Identity?.Name;
        var role = context.Principal?.FindFirst(ClaimTypes.Role)?.Value;
        var stamp = context.Principal?.FindFirst(StampClaim)?.Value ?? string.Empty;
        var account = login is null ? null : await store.GetAsync(login, context.HttpContext.RequestAborted);
        if (account is null || account.IsDisabled() || account.Role.ToName() != role || !string.Equals(account.SecurityStamp, stamp, StringComparison.Ordinal))
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

    /// <summary>A signed-in user without the role for the page: 403, inside the console's layout.</summary>
    public static async Task ForbidAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        var http = context.HttpContext;
        var page = await http.RequestServices.GetRequiredService<PageContextFactory>().CreateAsync(http);
        var body = $"<h1>{H.E(page.T["error.forbidden.title"])}</h1><p class=\"msg error\" id=\"forbidden\">{H.E(page.T["error.forbidden"])}</p>";
        await Layout.Page(page, page.T["error.forbidden.title"], string.Empty, body, StatusCodes.Status403Forbidden).ExecuteAsync(http);
    }

    /// <summary>Only a path on this site: "/x", never "//host" or "/\host".</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl[0] == '/' && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
            && !returnUrl.Contains('\\', StringComparison.Ordinal) && !returnUrl.Contains('\r', StringComparison.Ordinal)
            && !returnUrl.Contains('\n', StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
