using System.Globalization;
using System.Text;
using IvrReadings.Web.I18n;

namespace IvrReadings.Web.Html;

/// <summary>The page frame: header with navigation, the review count, language switch and sign-out; our one script and icon.</summary>
public static class Layout
{
    public const string HtmlContentType = "text/html; charset=utf-8";

    public static IResult Page(PageContext page, string title, string active, string body, int statusCode = StatusCodes.Status200OK)
    {
        ArgumentNullException.ThrowIfNull(page);
        var t = page.T;
        var html = new StringBuilder(4096 + body.Length);
        html.Append("<!doctype html><html lang=\"").Append(t.Language).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        if (page.RefreshSeconds > 0)
        {
            html.Append("<meta http-equiv=\"refresh\" content=\"").Append(page.RefreshSeconds.ToString(CultureInfo.InvariantCulture)).Append("\">");
        }

        html.Append("<title>").Append(H.E(title)).Append(" — ").Append(H.E(t["app.title"])).Append("</title>")
            .Append("<link rel=\"icon\" href=\"").Append(StaticFiles.FaviconPath).Append("\" type=\"image/svg+xml\">")
            .Append("<style>").Append(ConsoleStyles.Css).Append("</style>")
            .Append("<script src=\"").Append(StaticFiles.ScriptPath).Append("\" defer></script></head><body>");
        if (page.Login is not null)
        {
            Header(html, page, active);
        }
        else if (page.AntiforgeryField.Length > 0)
        {
            html.Append("<header><span class=\"brand\">").Append(H.E(t["app.brand"])).Append("</span><span class=\"spacer\"></span>");
            LanguageSwitch(html, page);
            html.Append("</header>");
        }

        html.Append("<main>").Append(body).Append("</main></body></html>");
        return Results.Text(html.ToString(), HtmlContentType, Encoding.UTF8, statusCode);
    }

    private static void Header(StringBuilder html, PageContext page, string active)
    {
        var t = page.T;
        html.Append("<header><a class=\"brand\" href=\"/\">").Append(H.E(t["app.brand"])).Append("</a><nav>");
        NavLink(html, "/", t["nav.dashboard"], active == "dashboard");
        html.Append("<a href=\"/queue\"").Append(active == "queue" ? " class=\"on\"" : string.Empty).Append('>')
            .Append(H.E(t["nav.queue"])).Append(" <span class=\"badge").Append(page.Backlog == 0 ? " zero" : string.Empty)
            .Append("\" id=\"backlog\" title=\"").Append(H.E(t.Count("count.toreview", page.Backlog))).Append("\">").Append(H.E(page.Backlog)).Append("</span></a>");
        NavLink(html, "/calls", t["nav.calls"], active == "calls");
        if (page.IsSupervisor)
        {
            NavLink(html, "/export", t["nav.export"], active == "export");
            NavLink(html, "/staff", t["nav.staff"], active == "staff");
            NavLink(html, "/audit", t["nav.audit"], active == "audit");
        }

        html.Append("</nav><span class=\"spacer\"></span>");
        LanguageSwitch(html, page);
        html.Append("<a href=\"/me\" id=\"me\"").Append(active == "me" ? " class=\"on\"" : string.Empty).Append('>').Append(H.E(page.Login)).Append(" · ")
            .Append(H.E(t[page.IsSupervisor ? "role.supervisor" : "role.operator"])).Append("</a>")
            .Append("<form method=\"post\" action=\"/logout\">").Append(page.AntiforgeryField)
            .Append("<button id=\"signout\">").Append(H.E(t["nav.signout"])).Append("</button></form></header>");
    }

    private static void LanguageSwitch(StringBuilder html, PageContext page)
    {
        var t = page.T;
        html.Append("<form method=\"post\" action=\"/language\" aria-label=\"").Append(H.E(t["nav.language"])).Append("\">")
            .Append(page.AntiforgeryField)
            .Append("<input type=\"hidden\" name=\"returnUrl\" value=\"").Append(H.E(page.CurrentPathAndQuery)).Append("\">");
        foreach (var language in UiText.Languages)
        {
            html.Append("<button name=\"lang\" value=\"").Append(language).Append('"')
                .Append(language == t.Language ? " class=\"on\"" : string.Empty).Append('>').Append(language).Append("</button> ");
        }

        html.Append("</form>");
    }

    private static void NavLink(StringBuilder html, string href, string text, bool on) =>
        html.Append("<a href=\"").Append(href).Append('"').Append(on ? " class=\"on\"" : string.Empty).Append('>').Append(H.E(text)).Append("</a>");
}
