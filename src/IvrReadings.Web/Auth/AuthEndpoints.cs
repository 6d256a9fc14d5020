using IvrReadings.Web.Html;
using IvrReadings.Web.Staff;
using Microsoft.AspNetCore.Authentication;

namespace IvrReadings.Web.Auth;

/// <summary>Sign in, sign out, and the language switch.</summary>
internal static class AuthEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/login", async (HttpContext http, PageContextFactory pages) =>
            LoginPage(await pages.CreateAsync(http), http.Request.Query["returnUrl"], null)).AllowAnonymous();

        app.MapPost("/login", async (HttpContext http, PageContextFactory pages, SignInChecker checker) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var returnUrl = ConsoleAuth.SafeReturnUrl(form["returnUrl"]);
            var (outcome, account) = await checker.CheckAsync(form["login"].ToString(), form["password"].ToString(), http.RequestAborted);
            if (outcome == SignInOutcome.Success && account is not null)
            {
                await http.SignInAsync(ConsoleAuth.Scheme, ConsoleAuth.Principal(account));
                return Results.Redirect(returnUrl);
            }

            var page = await pages.CreateAsync(http);
            return LoginPage(page, returnUrl, page.T[outcome == SignInOutcome.LockedOut ? "login.locked" : "login.refused"]);
        }).AllowAnonymous();

        app.MapPost("/logout", async (HttpContext http) =>
        {
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
                    IsEssential = true,
                    MaxAge = TimeSpan.FromDays(365),
                });
            }

            return Results.Redirect(ConsoleAuth.SafeReturnUrl(form["returnUrl"]));
        });
    }

    private static IResult LoginPage(PageContext page, string? returnUrl, string? error)
    {
        var t = page.T;
        var body = $"""
            <form class="login" method="post" action="/login">
            <h1>{H.E(t["login.title"])}</h1>
            <p class="muted">{H.E(t["app.title"])}</p>
            {(error is null ? string.Empty : $"<p class=\"msg error\" id=\"login-error\">{H.E(error)}</p>")}
            {page.AntiforgeryField}
            <input type="hidden" name="returnUrl" value="{H.E(ConsoleAuth.SafeReturnUrl(returnUrl))}">
            <label>{H.E(t["login.login"])}<input name="login" id="login" autocomplete="username" required autofocus></label>
            <label>{H.E(t["login.password"])}<input name="password" id="password" type="password" autocomplete="current-password" required></label>
            <button class="primary" type="submit" id="signin">{H.E(t["login.submit"])}</button>
            </form>
            """;
        return Layout.Page(page, t["login.title"], "login", body, error is null ? StatusCodes.Status200OK : StatusCodes.Status401Unauthorized);
    }
}
