using System.Globalization;
using System.Text;
using IvrReadings.Domain;
using IvrReadings.Web.Html;

namespace IvrReadings.Web.Pages;

/// <summary>Supervisors: the audit log, newest first, by person, action and date.</summary>
internal static class AuditPage
{
    private const int PageSize = 100;

    public static async Task<IResult> GetAsync(HttpContext http, PageContextFactory pages, IAuditLog audit)
    {
        var page = await pages.CreateAsync(http);
        var t = page.T;
        var query = http.Request.Query;
        var zone = page.Organisation.Window.TimeZone;
        var from = CallsPage.Date(query["from"]);
        var to = CallsPage.Date(query["to"]);
        var actor = CallsPage.Text(query["actor"]);
        var action = AuditActions.All.FirstOrDefault(a => a == query["action"]);
        var skip = int.TryParse(query["skip"], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var result = await audit.ListAsync(new AuditFilter(
            from is { } f ? CallsPage.LocalMidnight(f, zone) : null,
            to is { } until ? CallsPage.LocalMidnight(until.AddDays(1), zone) : null,
            actor,
            action,
            CallsPage.Text(query["target"]),
            skip,
            PageSize), page.Aborted);

        var body = new StringBuilder();
        body.Append("<h1>").Append(H.E(t["audit.title"])).Append("</h1>");
        body.Append("<form class=\"filters\" method=\"get\" action=\"/audit\">")
            .Append(CallsPage.Input(t["calls.from"], "from", "date", from?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
            .Append(CallsPage.Input(t["calls.to"], "to", "date", to?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
            .Append(CallsPage.Input(t["audit.actor"], "actor", "text", actor))
            .Append(CallsPage.Input(t["audit.target"], "target", "text", query["target"]))
            .Append("<label>").Append(H.E(t["audit.action"])).Append("<select name=\"action\" id=\"action\"><option value=\"\">").Append(H.E(t["calls.any"])).Append("</option>");
        foreach (var known in AuditActions.All)
        {
            body.Append("<option value=\"").Append(H.E(known)).Append('"').Append(known == action ? " selected" : string.Empty).Append('>')
                .Append(H.E(t["audit." + known])).Append("</option>");
        }

        body.Append("</select></label><button class=\"primary\" type=\"submit\">").Append(H.E(t["calls.filter"])).Append("</button></form>");
        body.Append("<p class=\"muted\" id=\"audit-total\">").Append(H.E(t.Count("count.entries", result.Total))).Append("</p>");
        body.Append("<table id=\"audit\"><thead><tr>");
        foreach (var head in new[] { "reading.date", "audit.actor", "audit.action", "audit.target", "audit.detail", "audit.address" })
        {
            body.Append("<th>").Append(H.E(t[head])).Append("</th>");
        }

        body.Append("</tr></thead><tbody>");
        foreach (var record in result.Entries)
        {
            var e = record.Entry;
            body.Append("<tr data-action=\"").Append(H.E(e.Action)).Append("\"><td>").Append(page.Time(e.At)).Append("</td><td>").Append(H.E(e.Actor ?? "—"))
                .Append("</td><td>").Append(H.E(t["audit." + e.Action])).Append("</td><td class=\"target\">").Append(Target(e)).Append("</td><td class=\"detail\">")
                .Append(H.E(e.Detail ?? string.Empty)).Append("</td><td>").Append(H.E(e.Address ?? string.Empty)).Append("</td></tr>");
        }

        body.Append("</tbody></table><p>");
        if (skip > 0)
        {
            body.Append("<a href=\"").Append(H.E(CallsPage.PageLink(http, "/audit", Math.Max(0, skip - PageSize)))).Append("\">").Append(H.E(t["calls.prev"])).Append("</a> ");
        }

        if (skip + PageSize < result.Total)
        {
            body.Append("<a href=\"").Append(H.E(CallsPage.PageLink(http, "/audit", skip + PageSize))).Append("\">").Append(H.E(t["calls.next"])).Append("</a>");
        }

        body.Append("</p>");
        return Layout.Page(page, t["audit.title"], "audit", body.ToString());
    }

    /// <summary>A review's target links to its call.</summary>
    private static string Target(AuditEntry e) =>
        e.Target is null ? "—"
        : e.Action is AuditActions.ReviewResolved or AuditActions.ClaimTakenOver ? $"<a href=\"/calls/{H.Url(e.Target)}\">{H.E(e.Target)}</a>"
        : H.E(e.Target);
}
