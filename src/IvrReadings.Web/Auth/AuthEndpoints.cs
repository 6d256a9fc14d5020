using IvrReadings.Domain;
using IvrReadings.Web.Html;
using IvrReadings.Web.Staff;
using Microsoft.AspNetCore.Authentication;

namespace IvrReadings.Web.Auth;

/// <summary>Sign in, sign out (every session of the user), and the language switch (also before signing in).</summary>
internal static class AuthEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/login", async (HttpContext http, PageContextFactory pages) =>
            LoginPage(await pages.CreateAsync(http), http.Request.Query["returnUrl"], null, StatusCodes.Status200OK)).AllowAnonymous();

        app.MapPost("/login", async (HttpContext http, PageContextFactory pages, SignInChecker checker, IAuditLog audit, TimeProvider time) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var returnUrl = ConsoleAuth.SafeReturnUrl(form["returnUrl"]);
            var address = http.Connection.RemoteIpAddress?.ToString();
            var (outcome, account) = await checker.CheckAsync(form["login"].ToString(), form["password"].ToString(), address, http.RequestAborted);
            if (outcome == SignInOutcome.Success && account is not null)
            {
                await http.SignInAsync(ConsoleAuth.Scheme, ConsoleAuth.Principal(account));
                await audit.AppendAsync(new AuditEntry(time.GetUtcNow(), account.Login, AuditActions.SignIn, account.Login, null, address), http.RequestAborted);
                return Results.Redirect(returnUrl);
            }

            var page = await pages.CreateAsync(http);
            return LoginPage(page, returnUrl, page.T["login.refused"], StatusCodes.Status401Unauthorized);
        }).AllowAnonymous();

        // Signing out ends every session of the user (a new security stamp), a copied cookie included.
        app.MapPost("/logout", async (HttpContext http, IStaffStore store, TimeProvider time) =>
        {
            if (http.User.Identity?.Name is { } login)
            {
                await store.RenewSecurityStampAsync(login, new AuditEntry(time.GetUtcNow(), login, AuditActions.SignOut, login, null,
                    http.Connection.RemoteIpAddress?.ToString()), http.RequestAborted);
            }

            await http.SignOutAsync(ConsoleAuth.Scheme);
            return Results.Redirect("/login");
        });

        app.MapPost("/language", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var language = I18n.UiText.Normalize(form["lang"]);
            if (language is not null)
            {
                http.Response.Cookies.Append(PageContextFactory.LanguageCookie, language, new CookieOptions
                {
                    HttpOnly = true,
                    SameSite = SameSiteMode.Strict,
                    Secure = http.Request.IsHttps,
                    IsEssential = true,
                    MaxAge = TimeSpan.FromDays(365),
                });
            }

            return Results.Redirect(ConsoleAuth.SafeReturnUrl(form["returnUrl"]));
        }).AllowAnonymous();
    }

    /// <summary>The answer to a sign-in over the rate limit: the sign-in page with a message, 429 and Retry-After.</summary>
    public static async Task ThrottledAsync(HttpContext http)
    {
        var page = await http.RequestServices.GetRequiredService<PageContextFactory>().CreateAsync(http);
        var returnUrl = http.Request.HasFormContentType ? http.Request.Form["returnUrl"].ToString() : null;
        await LoginPage(page, returnUrl, page.T["login.throttled"], StatusCodes.Status429TooManyRequests).ExecuteAsync(http);
    }

    private static IResult LoginPage(PageContext page, string? returnUrl, string? error, int status)
    {
        var t = page.T;
        var body = $"""
            <form class="login" method="post" action="/login">
            <h1>{H.E(t["login.title"])}</h1>
            <p class="muted">{H.E(t["app.title"])}</p>
            {(error is null ? string.Empty : $"<p class=\"msg error\" id=\"login-error\">{H.E(error)}</p>")}
            {page.AntiforgeryField}
            <input type="hidden" name="returnUrl" value="{H.E(ConsoleAuth.SafeReturnUrl(returnUrl))}">
            <label>{H.E(t["login.login"])}<input name="login" id="login" autocomplete="username" maxlength="64" required autofocus></label>
            <label>{H.E(t["login.password"])}<input name="password" id="password" type="password" autocomplete="current-password" maxlength="{PasswordPolicy.MaximumLength}" required></label>
            <button class="primary" type="submit" id="signin">{H.E(t["login.submit"])}</button>
            </form>
            """;
        return Layout.Page(page, t["login.title"], "login", body, status);
    }
}
