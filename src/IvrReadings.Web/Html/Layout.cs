using System.Text;
using IvrReadings.Web.I18n;

namespace IvrReadings.Web.Html;

/// <summary>The page frame: header with navigation, the review count, language switch and sign-out.</summary>
public static class Layout
{
    public const string HtmlContentType = "text/html; charset=utf-8";

    public static IResult Page(PageContext page, string title, string active, string body, int statusCode = StatusCodes.Status200OK)
    {
        var t = page.T;
        var html = new StringBuilder(4096 + body.Length);
        html.Append("<!doctype html><html lang=\"").Append(t.Language).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(H.E(title)).Append(" — ").Append(H.E(t["app.title"])).Append("</title>")
            .Append("<style>").Append(ConsoleStyles.Css).Append("</style></head><body>");
        if (page.Login is not null)
        {
            Header(html, page, active);
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
            .Append("\" id=\"backlog\" title=\"").Append(H.E(t["nav.backlog"])).Append("\">").Append(H.E(page.Backlog)).Append("</span></a>");
        NavLink(html, "/calls", t["nav.calls"], active == "calls");
        if (page.IsSupervisor)
        {
            NavLink(html, "/export", t["nav.export"], active == "export");
            NavLink(html, "/staff", t["nav.staff"], active == "staff");
        }

        html.Append("</nav><span class=\"spacer\"></span>");
        html.Append("<form method=\"post\" action=\"/language\" aria-label=\"").Append(H.E(t["nav.language"])).Append("\">")
            .Append(page.AntiforgeryField)
            .Append("<input type=\"hidden\" name=\"returnUrl\" value=\"").Append(H.E(page.CurrentPathAndQuery)).Append("\">");
        foreach (var language in UiText.Languages)
        {
            html.Append("<button name=\"lang\" value=\"").Append(language).Append('"')
                .Append(language == t.Language ? " class=\"on\"" : string.Empty).Append('>').Append(language).Append("</button> ");
        }

        html.Append("</form><span>").Append(H.E(page.Login)).Append(" · ")
            .Append(H.E(t[page.IsSupervisor ? "role.supervisor" : "role.operator"])).Append("</span>")
            .Append("<form method=\"post\" action=\"/logout\">").Append(page.AntiforgeryField)
            .Append("<button id=\"signout\">").Append(H.E(t["nav.signout"])).Append("</button></form></header>");
    }

    private static void NavLink(StringBuilder html, string href, string text, bool on) =>
        html.Append("<a href=\"").Append(href).Append('"').Append(on ? " class=\"on\"" : string.Empty).Append('>').Append(H.E(text)).Append("</a>");
}
